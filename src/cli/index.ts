#!/usr/bin/env node
// The `claude-code-guard` command line: the action's diagnosis and retries on a laptop.
import { CommanderError } from 'commander'
import { EXIT, UsageError } from './commands.js'
import { buildProgram } from './program.js'

// A reader that stops early (`--help | head`) is not a failure of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? EXIT.ok)
})
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }
try {
  await buildProgram(io).parseAsync(process.argv)
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage
  } else if (error instanceof UsageError) {
    io.stderr.write(`claude-code-guard: ${error.message}\n`)
    process.exitCode = EXIT.usage
  } else {
    io.stderr.write(`claude-code-guard failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = EXIT.failure
  }
}

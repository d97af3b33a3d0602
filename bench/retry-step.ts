// A generic retry step, as the popular retry actions behave: the command runs in bash up to 3 times, any
// non-zero exit is retried after a fixed 10 s wait, and the child's stdin is a pipe that is never written or
// closed (Node's default for spawn), so Claude Code waits for it. Run: RETRY_COMMAND='…' node bench/retry-step.ts
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

const command = process.env.RETRY_COMMAND ?? 'false'
const maxAttempts = 3
const waitSeconds = 10

let exitCode = 1
for (let attempt = 1; attempt <= maxAttempts; attempt++) {
  const child = spawn('bash', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'] })
  exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
  if (exitCode === 0) break
  if (attempt < maxAttempts) {
    process.stdout.write(`Attempt ${attempt} failed with exit code ${exitCode}; retrying in ${waitSeconds} s.\n`)
    await sleep(waitSeconds * 1000)
  }
}
process.exit(exitCode)

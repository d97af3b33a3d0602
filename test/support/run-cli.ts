// Runs the bundled command line (dist/cli/index.js) as a process, as a person would.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { hermeticEnv } from './run-action.ts'
import { tempDir } from './temp-dirs.ts'

export const cliEntry = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'index.js')

export interface CliRun {
  exitCode: number | null
  stdout: string
  stderr: string
}

export async function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; apiUrl?: string; stdin?: string; cwd?: string } = {},
): Promise<CliRun> {
  const home = tempDir('ccg-cli-')
  const env: Record<string, string> = { ...hermeticEnv(home, options.apiUrl), TMPDIR: home }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const child = spawn(process.execPath, [cliEntry, ...args], { cwd: options.cwd ?? home, env, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdin.end(options.stdin ?? '')
  const killer = setTimeout(() => child.kill('SIGKILL'), 50_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(killer)
  return { exitCode, stdout, stderr }
}

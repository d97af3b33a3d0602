// Facts about this machine that decide whether Claude Code can run: where the API is, any proxy, and
// whether the Claude Code executable is there and starts.
import { execFile } from 'node:child_process'
import { findExecutable } from '../install/claude-install.js'
import type { Diagnosis } from '../diagnosis/clues.js'
import type { Check } from './checks.js'

/** Why this machine cannot run the action at all, if it cannot: process groups and signals are POSIX. */
export function runnerFinding(platform: NodeJS.Platform): Diagnosis | undefined {
  if (platform !== 'win32') return undefined
  return { cause: 'runner-unsupported', evidence: [{ source: 'process', text: `this runner's platform is ${platform}` }] }
}

export function environmentChecks(env: NodeJS.ProcessEnv): Check[] {
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy
  return [
    {
      name: 'API',
      status: 'info',
      detail: env.ANTHROPIC_BASE_URL ? `ANTHROPIC_BASE_URL=${env.ANTHROPIC_BASE_URL}` : 'https://api.anthropic.com (default)',
    },
    ...(proxy ? [{ name: 'proxy', status: 'info' as const, detail: proxy.replace(/\/\/[^@/]*@/, '//***@') }] : []),
    { name: 'node', status: 'info', detail: `${process.version} on ${process.platform}-${process.arch}` },
  ]
}

const VERSION_TIMEOUT_MS = 15_000

export async function claudeCheck(claudePath: string, env: NodeJS.ProcessEnv): Promise<Check> {
  const name = 'Claude Code'
  const executable = findExecutable(claudePath, env.PATH)
  if (!executable) {
    return { name, status: 'fail', cause: 'claude-not-found', detail: `${claudePath} is not on the PATH.` }
  }
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { env, timeout: VERSION_TIMEOUT_MS }, (error, stdout) => {
      if (error)
        resolve({ name, status: 'fail', cause: 'claude-not-found', detail: `${executable} --version failed: ${error.message}` })
      else resolve({ name, status: 'ok', detail: `${stdout.trim()} at ${executable}` })
    })
  })
}

// Runs the real Claude Code CLI once against the mock API (or an unreachable one) and captures what it wrote:
// the shared part of record-fixtures.ts and record-execution-files.ts. The executable is claudeBin()
// (CCG_CLAUDE_BIN chooses another installed version).
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockApi, type RecordedRequest, type Reply, type Script } from '../../src/demo/mock-api.ts'
import { claudeBin } from './claude.ts'

export const FIXTURE_API_KEY = 'sk-ant-api03-FIXTUREFIXTUREFIXTUREFIXTURE-AAAA'
/** A subscription token of the real shape (sk-ant-oat01-…), for the OAuth scenarios. */
export const FIXTURE_OAUTH_TOKEN = 'sk-ant-oat01-FIXTUREFIXTUREFIXTUREFIXTURE-AAAA'

export interface Scenario {
  /** What the mock answers to every model call (and the models list). */
  reply?: Reply
  /** Or a script, made afresh for each run (scripts keep state). */
  script?: () => Script
  /** The credential Claude Code is given: ANTHROPIC_API_KEY (default), CLAUDE_CODE_OAUTH_TOKEN, or none. */
  credential?: 'api-key' | 'oauth' | 'none'
  /** Point ANTHROPIC_BASE_URL at a loopback port nothing listens on, instead of the mock. */
  unreachable?: boolean
  /** More environment for Claude Code, e.g. CLAUDE_CODE_MAX_RETRIES; recorded in the meta. */
  env?: Record<string, string>
  /** Why the scenario is set up as it is, for the meta. */
  note?: string
}

export interface ClaudeRun {
  stdout: string
  stderr: string
  exitCode: number | null
  signal: NodeJS.Signals | null
  seconds: number
  /** Requests Claude Code sent to POST /v1/messages (0 when unreachable). */
  modelCalls: number
  requests: RecordedRequest[]
  /** What the run was given beyond the hermetic defaults, for the meta. */
  setup: { credential: 'api-key' | 'oauth' | 'none'; baseUrl: 'mock' | 'closed-port'; env: Record<string, string> }
}

export interface RunOptions {
  args: string[]
  /** Written to Claude Code's stdin; a function gets each stdout line and may answer (the SDK's protocol). */
  stdin?: string | ((line: string, write: (text: string) => void, end: () => void) => void)
  /** Called with the stdin writer once the process is up. */
  onStart?: (write: (text: string) => void) => void
  /** Kill the run after this long (ms): a safety net, never reached by the recorded scenarios. */
  timeoutMs?: number
  /** The Claude Code executable; claudeBin() (the devDependency, or CCG_CLAUDE_BIN) by default. */
  bin?: string
}

/** A loopback port that was free a moment ago and has nothing listening: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function runClaude(scenario: Scenario, options: RunOptions): Promise<ClaudeRun> {
  const script: Script = scenario.script?.() ?? ((): Reply => scenario.reply ?? { kind: 'success' })
  const api = await startMockApi(script)
  const baseUrl = scenario.unreachable ? `http://127.0.0.1:${await closedPort()}` : api.url
  const cwd = mkdtempSync(join(tmpdir(), 'ccg-record-'))
  const credential = scenario.credential ?? 'api-key'
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ANTHROPIC_BASE_URL: baseUrl,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    HOME: cwd,
    ...scenario.env,
  }
  delete env.ANTHROPIC_API_KEY
  delete env.CLAUDE_CODE_OAUTH_TOKEN
  delete env.ANTHROPIC_AUTH_TOKEN
  if (credential === 'api-key') env.ANTHROPIC_API_KEY = FIXTURE_API_KEY
  else if (credential === 'oauth') env.CLAUDE_CODE_OAUTH_TOKEN = FIXTURE_OAUTH_TOKEN
  const started = Date.now()
  const child = spawn(options.bin ?? claudeBin(), options.args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env })
  const write = (text: string): void => {
    if (child.stdin.writable) child.stdin.write(text)
  }
  const end = (): void => {
    if (child.stdin.writable) child.stdin.end()
  }
  child.stdin.on('error', () => {
    // Claude Code may exit before it reads everything: nothing to do.
  })
  let stdout = ''
  let stderr = ''
  let pending = ''
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString()
    stdout += text
    if (typeof options.stdin !== 'function') return
    pending += text
    let newline: number
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      options.stdin(line, write, end)
    }
  })
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  options.onStart?.(write)
  if (typeof options.stdin === 'string') {
    write(options.stdin)
    end()
  } else if (options.stdin === undefined) end()
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  )
  clearTimeout(timer)
  await api.close()
  return {
    stdout,
    stderr,
    exitCode,
    signal,
    seconds: (Date.now() - started) / 1000,
    modelCalls: api.messageCalls().length,
    requests: api.requests,
    setup: {
      credential,
      baseUrl: scenario.unreachable ? 'closed-port' : 'mock',
      env: scenario.env ?? {},
    },
  }
}

/** Runs `jobs` with at most `limit` at a time (the machine has two cores; Claude Code's start is CPU-heavy). */
export async function inParallel<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++
      results[index] = await jobs[index]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  return results
}

// `claude-code-guard demo`: the action's main job, shown without a key or a real failure. The mock Anthropic
// API (src/demo/mock-api.ts) is started in this process on 127.0.0.1, the real Claude Code CLI runs against it
// through the same guard the action uses, and each scenario (src/demo/scenarios.ts) prints what the action did
// and whether that is what it is expected to do. Exit 0 when every scenario behaved as described, so it doubles
// as a smoke test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import { causeTitle } from '../report/build-report.js'
import type { RunReport } from '../report/run-report.js'
import { CREDENTIAL_VARIABLES } from '../credentials/credential.js'
import { startMockApi, type MockApi } from '../demo/mock-api.js'
import { DEMO_SCENARIOS, demoScenario, type DemoScenario } from '../demo/scenarios.js'
import { runGuard } from '../guard/guard.js'
import { claudeCheck } from '../health/environment.js'
import { findExecutable } from '../install/claude-install.js'
import { abortOnCancelSignals } from '../process/cancel-signals.js'
import { renderContext } from '../render/pieces.js'
import { renderSummary } from '../render/summary.js'
import { Redactor } from '../secrets/redact.js'
import { diskFiles } from '../settings/input-files.js'
import { parseSettings, type InputName } from '../settings/settings.js'
import { EXIT, UsageError, type Io } from './commands.js'
import { TerminalLog } from './terminal-log.js'

/** The one key the demo ever sets: a dummy of the real shape, for the mock (which accepts anything). */
export const DEMO_KEY = 'sk-ant-api03-DEMO-not-a-real-key-for-the-mock-API-only-0000000000-DEMO'

/** The checkout this file was bundled in (dist/cli/index.js) or runs from (src/cli/demo.ts). */
const checkout = resolve(import.meta.dirname, '..', '..')

export interface DemoClaude {
  path: string
  /** Where it was found, for the first lines. */
  from: string
}

/** The real Claude Code to run: CCG_CLAUDE_BIN, else the checkout's devDependency, else `claude` on the PATH. */
export function demoClaude(env: NodeJS.ProcessEnv, root = checkout): DemoClaude | undefined {
  if (env.CCG_CLAUDE_BIN) return { path: env.CCG_CLAUDE_BIN, from: 'CCG_CLAUDE_BIN' }
  const local = findExecutable(join(root, 'node_modules', '.bin', 'claude'), undefined)
  if (local) return { path: local, from: "the checkout's devDependency" }
  const onPath = findExecutable('claude', env.PATH)
  return onPath ? { path: onPath, from: 'the PATH' } : undefined
}

/**
 * The only environment Claude Code and the action's checks get: a home of their own, the mock's address, the
 * dummy key, no telemetry, no auto-update and no proxy. Nothing of the caller's credentials or settings.
 */
export function demoEnv(base: NodeJS.ProcessEnv, dirs: { home: string; tmp: string }, apiUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: base.PATH,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    LANG: 'C.UTF-8',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    NO_PROXY: '127.0.0.1,localhost',
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: DEMO_KEY,
  }
}

/** The first wait between attempts: short, so the whole demo stays well under a minute. */
const DEMO_INPUTS: Partial<Record<InputName, string>> = {
  prompt: 'Say hello',
  'max-attempts': '3',
  'retry-wait-seconds': '1',
}

/** A stream that indents every line written to it, so the action's log reads as part of its scenario. */
function indented(out: NodeJS.WritableStream, prefix: string): Writable {
  let lineStart = true
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString()
      let shown = ''
      for (const char of text) {
        if (lineStart && char !== '\n') shown += prefix
        shown += char
        lineStart = char === '\n'
      }
      out.write(shown)
      done()
    },
  })
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/** What the action did, in one line: its verdict, the attempts and the time. */
function describeOutcome(report: RunReport, seconds: number): string {
  const attempts =
    report.attempts.length > 0
      ? `after ${plural(report.attempts.length, 'attempt')}`
      : report.credentials?.stoppedAttempt
        ? 'as attempt 1 started'
        : 'before any attempt'
  const { cause } = report
  const verdict = cause === 'none' ? report.conclusion : `${report.conclusion}: ${causeTitle(cause)}`
  return `${verdict} ${attempts}, ${seconds.toFixed(1)} s`
}

/** How the run differs from what the scenario describes; empty when it behaved as described. */
export function differences(scenario: DemoScenario, report: RunReport, seconds: number, api: MockApi): string[] {
  const { expect } = scenario
  const found: string[] = []
  if (report.conclusion !== expect.conclusion) found.push(`expected ${expect.conclusion}, got ${report.conclusion}`)
  if (report.cause !== expect.cause) found.push(`expected cause ${expect.cause}, got ${report.cause}`)
  if (report.attempts.length !== expect.attempts)
    found.push(`expected ${plural(expect.attempts, 'attempt')}, got ${report.attempts.length}`)
  if (seconds > expect.withinSeconds) found.push(`expected to end within ${expect.withinSeconds} s, took ${seconds.toFixed(1)} s`)
  if (api.requests.length === 0) found.push('the mock API received no request')
  const foreign = api.requests.filter((request) => request.credential !== DEMO_KEY)
  if (foreign.length > 0)
    found.push(`${plural(foreign.length, 'request')} to the mock carried a credential other than the demo's`)
  if (report.internalError) found.push(`internal error: ${report.internalError}`)
  return found
}

export interface DemoOptions {
  list?: boolean
  summaryDir?: string
}

export async function demoCommand(names: readonly string[], options: DemoOptions, io: Io): Promise<number> {
  const out = io.stdout
  if (options.list) {
    const width = Math.max(...DEMO_SCENARIOS.map((scenario) => scenario.name.length))
    for (const scenario of DEMO_SCENARIOS) out.write(`${scenario.name.padEnd(width)}  ${scenario.title}\n`)
    return EXIT.ok
  }
  const unknown = names.filter((name) => demoScenario(name) === undefined)
  if (unknown.length > 0) {
    throw new UsageError(
      `no scenario ${unknown.map((name) => `'${name}'`).join(', ')}; one of: ${DEMO_SCENARIOS.map((s) => s.name).join(', ')} (--list names them).`,
    )
  }
  const chosen = names.length === 0 ? DEMO_SCENARIOS : DEMO_SCENARIOS.filter((scenario) => names.includes(scenario.name))

  out.write(
    'claude-code-guard demo: the real Claude Code against a mock Anthropic API on 127.0.0.1, in this process. ' +
      'The real API is never called and no key is needed (a dummy one is set for the mock).\n',
  )
  const claude = demoClaude(io.env)
  if (!claude) {
    io.stderr.write(
      'claude-code-guard demo: Claude Code is not installed. Run `npm ci` in the checkout (it is a devDependency), ' +
        'put `claude` on the PATH, or name the executable in CCG_CLAUDE_BIN.\n',
    )
    return EXIT.failure
  }
  const root = mkdtempSync(join(tmpdir(), 'ccg-demo-'))
  const api = await startMockApi()
  const abort = new AbortController()
  const removeSignalHandlers = abortOnCancelSignals(abort, (signal) => out.write(`\nReceived ${signal}: stopping the demo.\n`))
  const started = performance.now()
  let matched = 0
  try {
    const version = await claudeCheck(claude.path, demoEnv(io.env, { home: root, tmp: root }, api.url))
    if (version.status !== 'ok') {
      io.stderr.write(`claude-code-guard demo: Claude Code from ${claude.from} does not start: ${version.detail}\n`)
      return EXIT.failure
    }
    out.write(`Claude Code ${version.detail} (from ${claude.from}); the mock API at ${api.url}.\n`)
    if (options.summaryDir) mkdirSync(options.summaryDir, { recursive: true })

    for (const [index, scenario] of chosen.entries()) {
      if (abort.signal.aborted) break
      out.write(`\n${index + 1}/${chosen.length} ${scenario.title} [${scenario.name}]\n`)
      out.write(`    The mock: ${scenario.mock}.\n    Expected: ${scenario.expected}.\n`)
      const dir = join(root, scenario.name)
      const dirs = { home: join(dir, 'home'), tmp: join(dir, 'tmp'), work: join(dir, 'work') }
      for (const path of Object.values(dirs)) mkdirSync(path, { recursive: true })
      const env = { ...demoEnv(io.env, dirs, api.url), ...scenario.env }
      const inputs: Partial<Record<InputName, string>> = {
        ...DEMO_INPUTS,
        'claude-path': claude.path,
        'working-directory': dirs.work,
        ...scenario.inputs,
      }
      const settings = parseSettings((name) => inputs[name] ?? '', diskFiles)
      if (settings.task.kind === 'diagnose') throw new Error(`demo scenario ${scenario.name} runs nothing`)
      const redactor = new Redactor()
      for (const name of CREDENTIAL_VARIABLES) redactor.add(env[name])
      const log = new TerminalLog(redactor, indented(out, '  │ '))

      api.setScript(scenario.script())
      api.requests.length = 0
      const begun = performance.now()
      const report = await runGuard({ ...settings, task: settings.task }, { log, redactor, env, signal: abort.signal })
      const seconds = (performance.now() - begun) / 1000

      const calls = api.messageCalls('claude-code').length
      const checks = api.requests.filter((request) => request.client === 'sdk').length
      out.write(`  → ${describeOutcome(report, seconds)}. ${report.stopReason}\n`)
      out.write(
        `    The mock answered ${plural(calls, 'model call')} of Claude Code and ${plural(checks, 'request')} of the action's checks.\n`,
      )
      if (options.summaryDir) {
        const file = join(options.summaryDir, `${index + 1}-${scenario.name}.md`)
        writeFileSync(file, redactor.redact(renderSummary(report, renderContext(env, 'actions'))))
        out.write(`    Job summary: ${file}\n`)
      }
      const found = differences(scenario, report, seconds, api)
      if (found.length === 0) matched += 1
      out.write(found.length === 0 ? '  ✓ as described\n' : `  ✗ not as described: ${found.join('; ')}\n`)
    }
  } finally {
    removeSignalHandlers()
    await api.close()
    rmSync(root, { recursive: true, force: true })
  }
  const total = ((performance.now() - started) / 1000).toFixed(1)
  out.write(`\n${matched} of ${plural(chosen.length, 'scenario')} behaved as described, in ${total} s.\n`)
  return matched === chosen.length && !abort.signal.aborted ? EXIT.ok : EXIT.failure
}

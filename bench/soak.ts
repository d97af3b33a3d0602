// `npm run soak [-- --runs N --seed S --only N,M --kind NAME --list --no-write]`: hundreds of runs of the
// bundled action around the real Claude Code CLI against the mock API, each with a fault drawn from a seeded
// generator (soak-faults.ts). Every run must end with the cause its fault implies, a summary, every output,
// no process left behind and no key anywhere. Prints a table, writes it into BENCHMARKS.md (unless --no-write)
// and exits non-zero on any wrong verdict, leftover or leak. Not part of `npm test`: it takes minutes.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { parse } from 'yaml'
import { startMockApi } from '../src/demo/mock-api.ts'
import { processedCommands } from '../test/reliability/workflow-commands.ts'
import { runAction, type ActionRun } from '../test/support/run-action.ts'
import { describeMachine } from './results.ts'
import { describeFault, drawFaults, FAULT_KINDS, kindNamed, scriptFor, type Fault } from './soak-faults.ts'
import { judge, renderSoak, saveSoak, type Outcome } from './soak-table.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    seed: { type: 'string' },
    only: { type: 'string' },
    kind: { type: 'string' },
    list: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
})

if (values.list) {
  for (const kind of FAULT_KINDS)
    process.stdout.write(`${kind.name}: ${kind.mock} → ${kind.expected.conclusion}, ${kind.expected.causes.join(' or ')}\n`)
  process.exit(0)
}

function wholeNumber(flag: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${flag} must be a whole number, got '${text}'.\n`)
    process.exit(2)
  }
  return value
}

const runs = wholeNumber('runs', values.runs)
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber('seed', values.seed)
if (values.kind !== undefined && !kindNamed(values.kind)) {
  process.stderr.write(`--kind ${values.kind} is not a fault kind; one of: ${FAULT_KINDS.map((k) => k.name).join(', ')}\n`)
  process.exit(2)
}
const only = values.only?.split(',').map((text) => wholeNumber('only', text))
const planned = drawFaults(seed, Math.max(runs, ...(only ?? [])))
  .map((fault, index) => ({ number: index + 1, fault }))
  .filter(({ number, fault }) => (only ? only.includes(number) : true) && (!values.kind || fault.kind === values.kind))
/** The outputs action.yml declares: every run must set them all. */
const OUTPUT_NAMES = Object.keys(
  (parse(readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> }).outputs,
)
/** Two at a time: the machine has two cores, and each run is a node process and Claude Code. */
const PARALLEL = 2

/** A key of the real shape, distinct for each run, so a leak is traced to its run; its middle is what is searched. */
function fakeCredential(number: number, fault: Fault): { value: string; core: string } {
  const core = `Soak${seed.toString(36)}x${number.toString(36)}Z`.padEnd(24, 'q')
  const prefix = fault.credential === 'oauth-token' ? 'sk-ant-oat01-' : 'sk-ant-api03-'
  return { value: `${prefix}${'k'.repeat(30)}${core}${'m'.repeat(32)}-Qa7wAA`, core }
}

/** Processes whose environment carries this run's marker: everything the run started that is still alive. */
function processesOf(marker: string): number[] {
  const found: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue
      if (readFileSync(`/proc/${name}/environ`).includes(`${marker}\0`)) found.push(Number(name))
    } catch {
      // Gone while we looked, or not ours to read.
    }
  }
  return found
}

/** Every file under `dir` holding `needle`, binary files included. */
function filesHolding(dir: string, needle: string): string[] {
  const found: string[] = []
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return found
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...filesHolding(path, needle))
    else if (entry.isFile() && readFileSync(path).includes(needle)) found.push(path)
  }
  return found
}

/**
 * Whether the job log would show `secret`: the runner hides the lines of the `::add-mask::` commands it acts
 * on (and masks the value from then on), so only an occurrence elsewhere is shown.
 */
function shownInLog(stdout: string, secret: string): boolean {
  const occurrences = stdout.split(secret).length - 1
  const masked = processedCommands(stdout).filter((command) => command.startsWith('::add-mask::') && command.includes(secret))
  return occurrences > masked.length
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function soakRun(number: number, fault: Fault): Promise<Outcome> {
  const api = await startMockApi(scriptFor(fault))
  const credential = fakeCredential(number, fault)
  const marker = `CCG_SOAK_RUN=${seed}-${number}`
  let signalledAtMs: number | undefined
  let exited = false
  let run: ActionRun
  try {
    run = await runAction({
      apiUrl: api.url,
      inputs: {
        prompt: 'Say hello.',
        [fault.credential === 'oauth-token' ? 'claude-code-oauth-token' : 'anthropic-api-key']: credential.value,
        ...fault.inputs,
      },
      env: { CLAUDE_CODE_MAX_RETRIES: String(fault.inRunRetries), [marker.split('=')[0]]: marker.split('=')[1] },
      timeoutMs: 120_000,
      onStart: (action) => {
        action.on('exit', () => (exited = true))
        const cancel = fault.cancel
        if (!cancel) return
        void (async () => {
          const started = Date.now()
          await sleep(cancel.atMs)
          for (const [index, signal] of cancel.signals.entries()) {
            if (index > 0) await sleep(1000)
            if (exited) return
            signalledAtMs ??= Date.now() - started
            action.kill(signal)
          }
        })()
      },
    })
  } finally {
    await api.close()
  }
  const root = dirname(run.workspace)
  // A process killed a moment ago may still be on its way out; one that outlives a second was left behind.
  let left = processesOf(marker)
  if (left.length > 0) {
    await sleep(1000)
    left = processesOf(marker)
    for (const pid of left) process.kill(pid, 'SIGKILL')
  }
  const leaks = [
    ...(shownInLog(run.stdout, credential.core) ? ['the job log'] : []),
    ...(run.stderr.includes(credential.core) ? ['stderr'] : []),
    ...(run.summary.includes(credential.core) ? ['the summary'] : []),
    ...filesHolding(root, credential.core).map((path) => path.slice(root.length + 1)),
  ]
  rmSync(root, { recursive: true, force: true })
  return judge({
    number,
    fault,
    seconds: run.seconds,
    exitCode: run.exitCode,
    signal: run.signal,
    outputs: run.outputs,
    missingOutputs: OUTPUT_NAMES.filter((name) => !(name in run.outputs)),
    summary: run.summary,
    reportCause: run.report?.cause,
    signalledAtMs,
    leftovers: left.length,
    leaks,
    tail: `${run.stdout}\n${run.stderr}`.slice(-1500),
  })
}

const machine = describeMachine()
process.stderr.write(
  `Soak: seed ${seed}, ${planned.length} run(s), ${PARALLEL} at a time; Claude Code ${machine.claudeCode}, Node ${machine.node}.\n` +
    `Reproduce one run with: npm run soak -- --seed ${seed} --only N\n`,
)
const started = Date.now()
const outcomes: Outcome[] = []
let next = 0
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    while (next < planned.length) {
      const { number, fault } = planned[next++]
      const outcome = await soakRun(number, fault)
      outcomes.push(outcome)
      const mark = outcome.problems.length === 0 ? 'ok' : `WRONG: ${outcome.problems.join('; ')}`
      process.stderr.write(
        `[${String(outcomes.length).padStart(3)}/${planned.length}] #${number} ${describeFault(fault)} → ` +
          `${outcome.conclusion} ${outcome.cause} in ${outcome.seconds.toFixed(1)} s: ${mark}\n`,
      )
      if (outcome.problems.length > 0) process.stderr.write(`  end of its log:\n${outcome.tail.replace(/^/gm, '    ')}\n`)
    }
  }),
)
const soak = { seed, machine, wallSeconds: (Date.now() - started) / 1000, outcomes }
const table = renderSoak(soak)
process.stdout.write(`${table}\n`)
const complete = only === undefined && values.kind === undefined
if (complete && !values['no-write']) await saveSoak(table)
process.exit(outcomes.some((outcome) => outcome.problems.length > 0) ? 1 : 0)

// The soak's verdict on each run and its table: what a run must end with (soak-faults.ts says which cause),
// judged from what the run left, and the table BENCHMARKS.md keeps between two markers. Pure but for saveSoak.
import { benchmarksPath, replaceBetween, type Machine } from './results.ts'
import { kindNamed, type Expected, type Fault } from './soak-faults.ts'

/** What one run left behind, as the soak observed it. */
export interface Observed {
  number: number
  fault: Fault
  seconds: number
  exitCode: number | null
  signal: string | null
  outputs: Record<string, string>
  /** Outputs action.yml declares that the run did not set. */
  missingOutputs: string[]
  summary: string
  reportCause?: string
  /** When the first cancel signal went out, in ms after the start; undefined when none did. */
  signalledAtMs?: number
  leftovers: number
  /** Where the run's key was found. */
  leaks: string[]
  tail: string
}

export interface Outcome {
  number: number
  kind: string
  conclusion: string
  cause: string
  seconds: number
  /** The verdict (conclusion and cause) is what the fault implies. */
  right: boolean
  leftovers: number
  leaks: string[]
  /** Everything wrong with the run; empty when it held. */
  problems: string[]
  tail: string
}

/** What a run with this fault must end with: a cancellation whose run was over before the signal, as without one. */
export function expectedFor(fault: Fault, signalled: boolean): Expected {
  const kind = kindNamed(fault.kind)
  if (!kind) throw new Error(`no fault kind ${fault.kind}`)
  return fault.cancel && !signalled && kind.unsignalled ? kind.unsignalled : kind.expected
}

export function judge(run: Observed): Outcome {
  const expected = expectedFor(run.fault, run.signalledAtMs !== undefined)
  const conclusion = run.outputs.conclusion ?? '(unset)'
  const cause = run.outputs.cause ?? '(unset)'
  const right = conclusion === expected.conclusion && expected.causes.includes(cause)
  const problems: string[] = []
  if (!right) problems.push(`expected ${expected.conclusion} ${expected.causes.join(' or ')}, got ${conclusion} ${cause}`)
  const exitCode = expected.conclusion === 'success' ? 0 : 1
  if (run.signal !== null || run.exitCode !== exitCode)
    problems.push(`exit ${run.signal ? `by ${run.signal}` : run.exitCode}, expected ${exitCode}`)
  if (run.summary.trim() === '') problems.push('empty job summary')
  if (run.missingOutputs.length > 0) problems.push(`outputs not set: ${run.missingOutputs.join(', ')}`)
  if (run.reportCause !== run.outputs.cause) problems.push(`report file says ${run.reportCause ?? 'nothing'}`)
  if (run.leftovers > 0) problems.push(`${run.leftovers} process(es) left behind`)
  if (run.leaks.length > 0) problems.push(`key found in ${run.leaks.join(', ')}`)
  return {
    number: run.number,
    kind: run.fault.kind,
    conclusion,
    cause,
    seconds: run.seconds,
    right,
    leftovers: run.leftovers,
    leaks: run.leaks,
    problems,
    tail: run.tail,
  }
}

export interface Soak {
  seed: number
  machine: Machine
  wallSeconds: number
  outcomes: Outcome[]
}

export const SOAK_START = '<!-- soak:start (written by `npm run soak`; edit bench/soak*.ts, not this table) -->'
export const SOAK_END = '<!-- soak:end -->'

interface Totals {
  runs: number
  right: number
  wrong: number
  leftovers: number
  leaks: number
  slowest: number
}

function totals(outcomes: readonly Outcome[]): Totals {
  return {
    runs: outcomes.length,
    right: outcomes.filter((outcome) => outcome.right).length,
    wrong: outcomes.filter((outcome) => !outcome.right).length,
    leftovers: outcomes.reduce((sum, outcome) => sum + outcome.leftovers, 0),
    leaks: outcomes.filter((outcome) => outcome.leaks.length > 0).length,
    slowest: Math.max(0, ...outcomes.map((outcome) => outcome.seconds)),
  }
}

const row = (label: string, t: Totals): string =>
  `| ${label} | ${t.runs} | ${t.right} | ${t.wrong} | ${t.leftovers} | ${t.leaks} | ${t.slowest.toFixed(1)} s |`

/** The soak's table, between its markers: one row per fault kind drawn, the totals, and every run that went wrong. */
export function renderSoak(soak: Soak): string {
  const kinds = [...new Set(soak.outcomes.map((outcome) => outcome.kind))].sort()
  const { machine } = soak
  const failed = [...soak.outcomes].filter((outcome) => outcome.problems.length > 0).sort((a, b) => a.number - b.number)
  return [
    SOAK_START,
    '',
    `Seed ${soak.seed}, ${soak.outcomes.length} runs two at a time in ${(soak.wallSeconds / 60).toFixed(1)} min. ` +
      `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory; Node ${machine.node}; Claude Code ${machine.claudeCode}.`,
    '',
    '| fault kind | runs | verdict right | verdict wrong | processes left | runs leaking the key | slowest verdict |',
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...kinds.map((kind) => row(kind, totals(soak.outcomes.filter((outcome) => outcome.kind === kind)))),
    row('**all**', totals(soak.outcomes)),
    '',
    ...(failed.length === 0
      ? ['Every run ended with the expected cause, a summary and every output; nothing was left running and no key was found.']
      : failed.map((outcome) => `- Run ${outcome.number} (${outcome.kind}): ${outcome.problems.join('; ')}.`)),
    '',
    SOAK_END,
  ].join('\n')
}

/** Writes the table into BENCHMARKS.md. */
export async function saveSoak(table: string): Promise<void> {
  await replaceBetween(benchmarksPath, SOAK_START, SOAK_END, table)
}

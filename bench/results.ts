// The figures a scenario produces, kept in bench/results.json (one entry per scenario, so running one
// scenario updates only its rows) and rendered as the table in BENCHMARKS.md between two markers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { claudeVersion } from '../test/support/claude.ts'
import type { MockApi } from '../src/demo/mock-api.ts'
import { spread, timeBinary, type Spread } from './measure.ts'

export type Unit = 's' | 'ms' | 'MiB' | 'MiB/s' | 'KiB' | 'calls' | '429s'

export interface Row {
  figure: string
  unit: Unit
  ours: number[]
  baseline?: { label: string; values: number[] }
  /** Pair by pair: ours/baseline, or ours − baseline (in the row's unit) where the figure is an added cost. */
  pairwise?: { kind: 'ratio' | 'added'; values: number[] }
  /** One of the figures that matter most to someone deciding whether to use the action; kept in bench/results.json. */
  headline?: boolean
}

function pairwise(ours: readonly number[], baseline: readonly number[], kind: 'ratio' | 'added'): Row['pairwise'] {
  const values = baseline.map((base, index) => (kind === 'ratio' ? ours[index] / base : ours[index] - base))
  return { kind, values }
}

/** A row comparing ours with a baseline, run for run: the ratio ours/baseline or the time ours adds. */
export function compared(
  figure: string,
  unit: Row['unit'],
  ours: number[],
  label: string,
  baseline: number[],
  kind: 'ratio' | 'added',
): Row {
  return { figure, unit, ours, baseline: { label, values: baseline }, pairwise: pairwise(ours, baseline, kind) }
}

export interface Bench {
  api: MockApi
  quick: boolean
  /** Rounds of A B (A B …) per scenario. */
  pairs: number
  progress(message: string): void
}

export type Figures = Pick<ScenarioResult, 'rows' | 'notes'>

export interface Scenario {
  name: string
  mock: string
  run(bench: Bench): Promise<Figures>
}

export interface ScenarioResult {
  scenario: string
  /** What the mock API does. */
  mock: string
  measuredAt: string
  quick: boolean
  rows: Row[]
  notes: string[]
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  claudeCode: string
  peakMemoryFrom: string
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    claudeCode: claudeVersion(),
    peakMemoryFrom: timeBinary ? `${timeBinary} -v (Maximum resident set size)` : '/proc/<pid>/status VmHWM, sampled every 20 ms',
  }
}

export interface ResultsFile {
  machine: Machine
  scenarios: Record<string, ScenarioResult>
}

const root = join(import.meta.dirname, '..')
export const resultsPath = join(root, 'bench', 'results.json')
export const benchmarksPath = join(root, 'BENCHMARKS.md')
export const START_MARKER = '<!-- bench:results:start (written by `npm run bench`; edit bench/, not this table) -->'
export const END_MARKER = '<!-- bench:results:end -->'

export function readResults(): ResultsFile | undefined {
  return existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile) : undefined
}

const decimals: Record<Unit, number> = { s: 2, ms: 0, MiB: 1, 'MiB/s': 0, KiB: 0, calls: 0, '429s': 0 }

function formatValue(value: number, unit: Unit): string {
  // Adding 0 turns a rounded -0 into 0.
  return `${(Number(value.toFixed(decimals[unit])) + 0).toFixed(decimals[unit])} ${unit}`
}

function formatSpread(values: readonly number[], unit: Unit, sign = false): string {
  const { median, min, max }: Spread = spread(values)
  const plus = (value: number): string => (sign && value >= 0 ? '+' : '') + formatValue(value, unit)
  return values.length === 1 ? plus(median) : `${plus(median)} (${plus(min)} – ${plus(max)})`
}

function formatPairwise(row: Row): string {
  if (!row.pairwise || row.pairwise.values.length === 0) return '–'
  if (row.pairwise.kind === 'added') return formatSpread(row.pairwise.values, row.unit, true)
  const { median, min, max } = spread(row.pairwise.values)
  const ratio = (value: number): string => (value < 0.1 ? value.toFixed(3) : value.toFixed(2))
  return row.pairwise.values.length === 1 ? `×${ratio(median)}` : `×${ratio(median)} (${ratio(min)} – ${ratio(max)})`
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

export function renderResults(results: ResultsFile): string {
  const { machine } = results
  const lines = [
    START_MARKER,
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory; Node ${machine.node}; Claude Code ${machine.claudeCode}; peak memory from ${machine.peakMemoryFrom}.`,
    '',
    'Cells: median (min – max) over the runs; the pair-by-pair column compares each run of ours with the baseline run next to it.',
    '',
    '| scenario | what the mock does | figure | ours | baseline | ours vs baseline, pair by pair | runs |',
    '|---|---|---|---|---|---|---|',
  ]
  const notes: string[] = []
  for (const result of Object.values(results.scenarios)) {
    for (const [index, row] of result.rows.entries()) {
      const baseline = row.baseline ? `${row.baseline.label}: ${formatSpread(row.baseline.values, row.unit)}` : '–'
      const runs = row.baseline ? `${row.ours.length} + ${row.baseline.values.length}` : String(row.ours.length)
      // The scenario and the mock are named on a scenario's first row only.
      const [scenario, mock] = index === 0 ? [`**${result.scenario}**`, result.mock] : ['', '']
      const cells = [scenario, mock, row.figure, formatSpread(row.ours, row.unit), baseline, formatPairwise(row), runs]
      lines.push(`| ${cells.map(escapeCell).join(' | ')} |`)
    }
    const when = `${result.measuredAt.slice(0, 16).replace('T', ' ')} UTC${result.quick ? ', quick mode' : ''}`
    notes.push(`- **${result.scenario}** (${when}): ${result.notes.join(' ')}`)
  }
  return [...lines, '', ...notes, '', END_MARKER].join('\n')
}

/** Writes `text` to `path` as `npm run format` would leave it, so `format:check` stays green. */
async function writeFormatted(path: string, text: string): Promise<void> {
  writeFileSync(path, await format(text, { ...(await resolveConfig(path)), filepath: path }))
}

/** Replaces what lies between `start` and `end` in the file at `path`. */
export async function replaceBetween(path: string, start: string, end: string, block: string): Promise<void> {
  const document = readFileSync(path, 'utf8')
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from < 0 || to < from) throw new Error(`${path} lacks the markers ${start} … ${end}`)
  await writeFormatted(path, document.slice(0, from) + block + document.slice(to + end.length))
}

/** Merges these results into bench/results.json and rewrites the table in BENCHMARKS.md (the README quotes no figures). */
export async function saveResults(fresh: ScenarioResult[]): Promise<void> {
  const results: ResultsFile = {
    machine: describeMachine(),
    scenarios: { ...readResults()?.scenarios },
  }
  for (const result of fresh) results.scenarios[result.scenario] = result
  await writeFormatted(resultsPath, JSON.stringify(results))
  await replaceBetween(benchmarksPath, START_MARKER, END_MARKER, renderResults(results))
}

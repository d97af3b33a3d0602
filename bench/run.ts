// `npm run bench [-- [--quick] [--pairs N] [--no-write | --write] [scenario …]]`: runs the scenarios against the
// mock API, prints the figures and (unless quick or --no-write) merges them into bench/results.json and the
// table in BENCHMARKS.md. Scenarios are named by slug, e.g. `npm run bench -- herd`;
// `--list` names them, `--render` only rewrites the documents from bench/results.json.
import { parseArgs } from 'node:util'
import { startMockApi } from '../src/demo/mock-api.ts'
import { renderResults, saveResults, describeMachine, type ScenarioResult } from './results.ts'
import type { Bench } from './results.ts'
import { scenarios } from './scenarios.ts'

const slug = (name: string): string => name.replace(/ /g, '-')

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    pairs: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
  },
})

const quick = values.quick
const all = scenarios(quick)
if (values.list) {
  for (const scenario of all) process.stdout.write(`${slug(scenario.name)}: ${scenario.mock}\n`)
  process.exit(0)
}
if (values.render) {
  await saveResults([])
  process.stderr.write('Rendered bench/results.json into BENCHMARKS.md.\n')
  process.exit(0)
}
const unknown = positionals.filter((name) => !all.some((scenario) => slug(scenario.name) === name))
if (unknown.length > 0) {
  process.stderr.write(`Unknown scenario ${unknown.join(', ')}; one of: ${all.map((s) => slug(s.name)).join(', ')}\n`)
  process.exit(2)
}
const chosen = positionals.length === 0 ? all : all.filter((scenario) => positionals.includes(slug(scenario.name)))
const pairs = Number(values.pairs ?? (quick ? 1 : 5))
const write = values.write ?? (!quick && !values['no-write'])

const api = await startMockApi()
const bench: Bench = { api, quick, pairs, progress: (message) => process.stderr.write(`${message}\n`) }
const started = performance.now()
const results: ScenarioResult[] = []
try {
  for (const scenario of chosen) {
    bench.progress(`== ${scenario.name} (${pairs} pair(s)${quick ? ', quick' : ''})`)
    const figures = await scenario.run(bench)
    const result = { scenario: scenario.name, mock: scenario.mock, measuredAt: new Date().toISOString(), quick, ...figures }
    results.push(result)
    // Saved scenario by scenario, so an interrupted run keeps what it measured.
    if (write) await saveResults([result])
  }
} finally {
  await api.close()
}

const scenariosByName = Object.fromEntries(results.map((result) => [result.scenario, result]))
process.stdout.write(`${renderResults({ machine: describeMachine(), scenarios: scenariosByName })}\n`)
process.stderr.write(`Bench took ${((performance.now() - started) / 60_000).toFixed(1)} minutes.\n`)
if (write) process.stderr.write('Wrote bench/results.json and the table in BENCHMARKS.md.\n')

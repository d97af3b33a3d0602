// Start-up: the size of dist/, how long `node dist/index.js` takes until the first attempt starts, and what
// each dependency adds to start-up when bundled (so a slow one can be loaded lazily, with `await import()`).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { distEntry } from '../test/support/run-action.ts'
import { PROMPT, runOurs } from './arms.ts'
import { interleave, measureProcess } from './measure.ts'
import { compared, type Row } from './results.ts'
import type { Bench, Figures } from './results.ts'

const root = join(import.meta.dirname, '..')
const distDir = join(root, 'dist')
const bundlesDir = join(root, 'node_modules', '.cache', 'ccg-bench-imports')
const FIRST_ATTEMPT = /^::group::Attempt 1\b/

function directoryKiB(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size / 1024, 0)
}

/** Bundles `source` with ncc, as the action is bundled; returns the bundle's entry file. */
function bundle(name: string, source: string): string {
  const dir = join(bundlesDir, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const entry = join(dir, 'entry.mjs')
  writeFileSync(entry, source)
  const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const built = spawnSync(process.execPath, [ncc, 'build', entry, '-o', join(dir, 'out'), '-q'], { encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`ncc could not bundle ${name}: ${built.stderr}`)
  const output = readdirSync(join(dir, 'out')).find((file) => /^index\.m?js$/.test(file))
  if (!output) throw new Error(`ncc wrote no index.js for ${name}`)
  return join(dir, 'out', output)
}

const nodeRun = (file: string): Promise<number> =>
  measureProcess({ file: process.execPath, args: [file], env: { PATH: process.env.PATH ?? '' }, stdin: 'closed' }).then(
    (run) => run.seconds * 1000,
  )

/**
 * The runtime dependencies (the SDK loads only in the API probe's own process), and the HTTP client that
 * @actions/core's OIDC helper loads, @actions/http-client on undici, and @actions/exec, which its platform
 * details load: what the patch to core keeps out of start-up.
 */
const DEPENDENCIES = [
  '@actions/core',
  '@actions/github',
  '@anthropic-ai/sdk',
  'p-retry',
  'shell-quote',
  '@actions/http-client',
  'undici',
  '@actions/exec',
]

export async function measureStartup(bench: Bench): Promise<Figures> {
  const runs = bench.quick ? 3 : 15
  bench.progress('startup: bundling each dependency alone with ncc')
  const empty = bundle('empty', 'export {}\n')
  const rows: Row[] = [{ figure: 'size of dist/', unit: 'KiB', ours: [directoryKiB(distDir)] }]

  bench.progress(`startup: ${runs} cold starts of dist/index.js until '::group::Attempt 1'`)
  bench.api.setScript(() => ({ kind: 'success' }))
  const [firstAttempt, floor] = await interleave(runs, [
    async () => {
      const run = await runOurs({ prompt: PROMPT }, { apiUrl: bench.api.url, watchFor: FIRST_ATTEMPT })
      return (run.watchedSeconds ?? Number.NaN) * 1000
    },
    () => nodeRun(empty),
  ])
  rows.push({
    ...compared(
      'cold start of dist/index.js until attempt 1 starts',
      'ms',
      firstAttempt,
      'node on an empty bundle',
      floor,
      'added',
    ),
    headline: true,
  })

  for (const dependency of DEPENDENCIES) {
    const file = bundle(
      dependency.replace('/', '__'),
      `import * as dependency from '${dependency}'\nglobalThis.kept = dependency\n`,
    )
    bench.progress(`startup: importing ${dependency} (bundled), ${runs} runs`)
    const [withImport, without] = await interleave(runs, [() => nodeRun(file), () => nodeRun(empty)])
    rows.push(
      compared(`start-up cost of importing ${dependency} (bundled alone)`, 'ms', withImport, 'empty bundle', without, 'added'),
    )
  }
  return {
    rows,
    notes: [
      `dist/index.js is ${Math.round(statSync(distEntry).size / 1024)} KiB.`,
      "The cold start is timed from spawning `node dist/index.js` (a prompt task, mock success) to the '::group::Attempt 1' line on its stdout.",
      'Each dependency is bundled alone with ncc (`import * as dependency from …`) and timed against an empty bundle: the added time is what loading it eagerly costs every run.',
      "@actions/core is measured as the action bundles it, with the patch in patches/: its OIDC helper `getIDToken`, which the action never calls, loads @actions/http-client (and so undici) when called instead of at start-up, and so does `platform.getDetails` with @actions/exec; the rows for those three show what that keeps out of every start. The SDK loads only in the API probe's own process, alongside attempt 1.",
    ],
  }
}

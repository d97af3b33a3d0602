// Reading a saved log: `claude-code-guard classify` (the reader `mode: diagnose` uses too), run as a
// process on logs of 1, 16 and 64 MiB in four shapes: blank lines, lines that open a JSON object and
// never close it, a one-letter line, and real job logs from test/corpus. The figure is seconds per MiB:
// reading is linear when it stays flat as the log grows.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { measureProcess } from './measure.ts'
import type { Bench, Figures, Row } from './results.ts'
import { tempDir } from '../test/support/temp-dirs.ts'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'dist', 'cli', 'index.js')
const MiB = 1024 * 1024

/** The corpus's job logs, one after another: the shape of a real log. */
function jobLogs(): string {
  const corpus = join(root, 'test', 'corpus')
  const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { file: string; format: string }[]
  return manifest
    .filter((sample) => sample.format === 'job-log')
    .map((sample) => readFileSync(join(corpus, sample.file), 'utf8'))
    .join('\n')
}

const SHAPES: { name: string; unit: () => string }[] = [
  { name: 'blank lines', unit: () => '\n' },
  { name: '`{` lines', unit: () => '{\n' },
  { name: '`x` lines', unit: () => 'x\n' },
  { name: 'real job logs', unit: jobLogs },
]

export async function measureSavedLogs(bench: Bench): Promise<Figures> {
  const dir = tempDir('ccg-bench-saved-log-')
  const sizes = bench.quick ? [1, 4] : [1, 16, 64]
  const rows: Row[] = []
  for (const shape of SHAPES) {
    const unit = shape.unit()
    for (const size of sizes) {
      const file = join(dir, `log-${size}.txt`)
      // One error line at the end, so that every log is read to the end and has something to say.
      writeFileSync(file, `${unit.repeat(Math.ceil((size * MiB) / Buffer.byteLength(unit)))}\nError: the run ended\n`)
      const perMiB: number[] = []
      for (let round = 0; round < bench.pairs; round++) {
        const run = await measureProcess({
          file: process.execPath,
          args: [cli, 'classify', '--json', file],
          stdin: 'closed',
          env: { PATH: process.env.PATH ?? '' },
          timeoutMs: 600_000,
        })
        perMiB.push(run.seconds / size)
      }
      bench.progress(`  ${shape.name}, ${size} MiB: ${perMiB.map((value) => value.toFixed(3)).join(', ')} s per MiB`)
      rows.push({ figure: `seconds per MiB, ${shape.name}, ${size} MiB`, unit: 's', ours: perMiB })
    }
  }
  return {
    rows,
    notes: [
      'Goal: a flat figure per MiB as the log grows (linear reading), for every shape. Each run is a whole `node dist/cli/index.js classify --json` process, so its start-up (about a tenth of a second) weighs on the 1 MiB figure.',
    ],
  }
}

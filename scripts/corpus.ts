// Runs the classifier on every sample of test/corpus/ and prints the agreement and every miss.
// `npm run corpus`; exits 1 when a sample is missed. The test suite runs the same check.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSavedLog } from '../src/diagnosis/saved-log.ts'
import { savedLogReport } from '../src/report/build-report.ts'

export const corpusDir = join(import.meta.dirname, '..', 'test', 'corpus')

export interface Sample {
  file: string
  cause: string
  source: string
  format: string
  note: string
}

export const samples = (): Sample[] => JSON.parse(readFileSync(join(corpusDir, 'manifest.json'), 'utf8')) as Sample[]

/** The cause the classifier names for one sample, as `claude-code-guard classify` would. */
export function diagnoseSample(sample: Sample): { cause: string; evidence: string } {
  const text = readFileSync(join(corpusDir, sample.file), 'utf8')
  const report = savedLogReport(readSavedLog(text), sample.file, new Date())
  const evidence = report.attempts[0]?.evidence.map((item) => `[${item.source}] ${item.text}`).join(' | ') ?? ''
  return { cause: report.cause, evidence }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = samples()
  const misses = all.flatMap((sample) => {
    const got = diagnoseSample(sample)
    return got.cause === sample.cause ? [] : [{ sample, got }]
  })
  for (const { sample, got } of misses) {
    process.stdout.write(`MISS ${sample.file}: expected ${sample.cause}, got ${got.cause}\n  ${got.evidence.slice(0, 300)}\n`)
  }
  const right = all.length - misses.length
  process.stdout.write(`${right} of ${all.length} samples right (${((100 * right) / all.length).toFixed(1)}%).\n`)
  process.exitCode = misses.length === 0 ? 0 : 1
}

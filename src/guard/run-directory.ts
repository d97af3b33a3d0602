// Where a run keeps its files: the raw stream of each attempt and the JSON report, in a directory of its
// own under RUNNER_TEMP in Actions, else under the system's temp folder. A problem is returned, never
// thrown: the run goes on without the files.
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunReport } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'

export const reason = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message

export interface RunDirectory {
  dir?: string
  /** What could not be made, for the one warning about the runner's files. */
  problems: string[]
}

/** `inActions`: a missing RUNNER_TEMP is a problem worth naming (not so on the command line). */
export function createRunDirectory(env: NodeJS.ProcessEnv, inActions: boolean): RunDirectory {
  const name = `claude-code-guard-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`
  const runnerTemp = env.RUNNER_TEMP
  const problems: string[] = []
  if (!runnerTemp && inActions) problems.push(`RUNNER_TEMP is not set, so raw streams and the report go to ${tmpdir()}`)
  for (const base of runnerTemp ? [runnerTemp, tmpdir()] : [tmpdir()]) {
    const dir = join(base, name)
    try {
      mkdirSync(dir, { recursive: true })
      return { dir, problems }
    } catch (error) {
      problems.push(`cannot create ${dir} (${reason(error)})`)
    }
  }
  problems.push('raw streams and the report file are not kept')
  return { problems }
}

export const reportPath = (dir: string | undefined): string | undefined =>
  dir === undefined ? undefined : join(dir, 'report.json')

/** Writes the report, redacted, where it says it is; returns the problem when it cannot. */
export function writeReportFile(report: RunReport, redactor: Redactor): string | undefined {
  if (report.reportFile === undefined) return undefined
  try {
    writeFileSync(report.reportFile, `${JSON.stringify(redactor.redactDeep(report), null, 2)}\n`)
    return undefined
  } catch (error) {
    return `cannot write the report file ${report.reportFile} (${reason(error)})`
  }
}

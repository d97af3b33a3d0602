// The runner's side of the action: the log, outputs, the job summary and the report file, on
// @actions/core. Where the runner's files are missing or unwritable (outside Actions, a full disk),
// the action goes on: it warns once and prints the summary to the log instead.
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GuardLog } from '../guard.js'
import type { RunReport } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'

/**
 * The job log. Output relayed from the child is fenced with stop-commands and a random token, so a
 * `::` workflow command in Claude's reply or a tool's output cannot reach the runner.
 */
export class ActionLog implements GuardLog {
  private fence: string | undefined
  private readonly deferred: string[] = []

  constructor(private readonly redactor: Redactor) {}

  startAttempt(title: string): void {
    core.startGroup(title)
    this.fence = randomUUID()
    core.info(`::stop-commands::${this.fence}`)
  }

  endAttempt(): void {
    if (this.fence) core.info(`::${this.fence}::`)
    this.fence = undefined
    core.endGroup()
    for (const message of this.deferred.splice(0)) core.warning(message)
  }

  transcript(line: string): void {
    core.info(line)
  }

  /** Workflow commands are off while an attempt's output is relayed, so warnings wait for its end. */
  warning(message: string): void {
    const clean = this.redactor.redact(message)
    if (this.fence) this.deferred.push(clean)
    else core.warning(clean)
  }

  info(message: string): void {
    core.info(this.redactor.redact(message))
  }
}

/** Where this run keeps its raw streams and report: under RUNNER_TEMP, or the system's temp folder. */
export function createRunDirectory(log: GuardLog): string | undefined {
  const base = process.env.RUNNER_TEMP || tmpdir()
  const dir = join(base, `claude-code-guard-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`)
  try {
    mkdirSync(dir, { recursive: true })
    return dir
  } catch (error) {
    log.warning(`Cannot create ${dir} (${(error as Error).message}): raw streams and the report file are not kept.`)
    return undefined
  }
}

export function writeReportFile(
  report: RunReport,
  dir: string | undefined,
  redactor: Redactor,
  log: GuardLog,
): string | undefined {
  if (dir === undefined) return undefined
  const path = join(dir, 'report.json')
  try {
    writeFileSync(path, `${JSON.stringify(redactor.redactDeep({ ...report, reportFile: path }), null, 2)}\n`)
    return path
  } catch (error) {
    log.warning(`Cannot write the report file ${path}: ${(error as Error).message}`)
    return undefined
  }
}

/** Every output the action sets, as action.yml declares them; `setOutputs` must set exactly these. */
export const OUTPUT_NAMES = [
  'conclusion',
  'cause',
  'attempts',
  'exit-code',
  'result',
  'session-id',
  'total-cost-usd',
  'report-file',
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export function setOutputs(report: RunReport, redactor: Redactor, log: GuardLog): void {
  const outputs: Record<OutputName, string> = {
    conclusion: report.conclusion,
    cause: report.cause,
    attempts: String(report.attempts.length),
    'exit-code': report.exitCode === null ? '' : String(report.exitCode),
    result: report.result ?? '',
    'session-id': report.sessionId ?? '',
    'total-cost-usd': report.totalCostUsd.toFixed(6),
    'report-file': report.reportFile ?? '',
  }
  try {
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, redactor.redact(value))
  } catch (error) {
    log.warning(`Cannot set the step's outputs: ${(error as Error).message}`)
  }
}

/** Writes the job summary; prints it to the log when the summary file cannot be written. */
export async function writeSummary(markdown: string, log: GuardLog): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.summary.emptyBuffer()
    log.warning(`Cannot write the job summary (${(error as Error).message}); it follows in the log.`)
    log.info(markdown)
  }
}

// The runner's side of the action: the log, outputs, the job summary and the report file, on
// @actions/core. Where the runner's files are missing or unwritable (outside Actions, a full disk),
// the action goes on: it warns once and prints the summary to the log instead.
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import type { GuardLog } from '../guard/guard.js'
import { reason } from '../guard/run-directory.js'
import type { TokenCounts } from '../claude/stream-events.js'
import type { RateLimitState, RunReport, Usage } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'
import { oneLine } from '../text/lines.js'

/** Bytes of log output waiting to be written beyond which the child's output is read no further for now. */
const LOG_BACKLOG_LIMIT = 1024 * 1024
/**
 * Relayed lines are written in batches of about this many characters: one write per line costs dearly,
 * and a batch under V8's large-object size (128 KiB) is garbage the young generation collects cheaply.
 */
const BATCH_CHARS = 32 * 1024

/**
 * A line the runner would read as a workflow command: `::` at its start, or the legacy `##[` anywhere
 * in it (https://github.com/actions/runner, ActionCommand.TryParse).
 */
const COMMAND_LIKE = /^\s*::|##\[/

/**
 * The job log. Output relayed from the child is fenced with stop-commands and a random token, so a
 * `::` workflow command in Claude's reply or a tool's output cannot reach the runner. The action's own
 * lines carry outside text too (an API's message, a file name, an id): each is put on one line, and
 * fenced when it reads like a command.
 */
export class ActionLog implements GuardLog {
  private fence: string | undefined
  private readonly deferred: string[] = []
  private batch: string[] = []
  private batchChars = 0
  private flushScheduled = false

  constructor(private readonly redactor: Redactor) {}

  startAttempt(title: string): void {
    core.startGroup(title)
    this.openFence()
  }

  endAttempt(): void {
    this.flush()
    this.closeFence()
    core.endGroup()
    for (const message of this.deferred.splice(0)) core.warning(message)
  }

  /**
   * Lines are batched: one write per line costs dearly. They are redacted again as they read: a
   * transcript line is decoded from the stream (a key written with JSON escapes is whole only now).
   */
  transcript(lines: string): void {
    this.batch.push(this.redactor.redact(lines))
    this.batchChars += lines.length + 1
    if (this.batchChars >= BATCH_CHARS) this.flush()
    else if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.flush())
    }
  }

  output(lines: Buffer): void {
    this.flush()
    process.stdout.write(lines)
  }

  /**
   * The log is written asynchronously; when its reader falls behind a chatty child, the child's output
   * waits in its file until the backlog is written, so the log gets every line in bounded memory.
   */
  ready(): Promise<void> | undefined {
    this.flush()
    if (process.stdout.writableLength <= LOG_BACKLOG_LIMIT) return undefined
    return new Promise((resolve) => process.stdout.once('drain', resolve))
  }

  /** Workflow commands are off while an attempt's output is relayed, so warnings wait for its end. */
  warning(message: string): void {
    const clean = this.redactor.redact(message)
    if (this.fence) this.deferred.push(clean)
    else core.warning(clean)
  }

  info(message: string): void {
    this.flush()
    const line = oneLine(this.redactor.redact(message))
    if (COMMAND_LIKE.test(line)) this.relay(line)
    else core.info(line)
  }

  debug(message: string): void {
    this.flush()
    core.debug(this.redactor.redact(message))
  }

  /** Prints text that may carry the child's output (the summary, outputs) with workflow commands off. */
  relay(text: string): void {
    this.flush()
    const outer = this.fence === undefined
    if (outer) this.openFence()
    core.info(this.redactor.redact(text))
    if (outer) this.closeFence()
  }

  private flush(): void {
    this.flushScheduled = false
    const lines = this.batch
    this.batch = []
    this.batchChars = 0
    if (lines.length === 0) return
    core.info(lines.join('\n'))
  }

  private openFence(): void {
    this.fence = randomUUID()
    core.info(`::stop-commands::${this.fence}`)
  }

  private closeFence(): void {
    if (this.fence) core.info(`::${this.fence}::`)
    this.fence = undefined
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
  'input-tokens',
  'output-tokens',
  'usage',
  'rate-limit',
  'resets-at',
  'report-file',
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

const tokenFields = (counts: TokenCounts & { costUsd: number }): Record<string, number> => ({
  'input-tokens': counts.input,
  'output-tokens': counts.output,
  'cache-read-tokens': counts.cacheRead,
  'cache-creation-tokens': counts.cacheCreation,
  'cost-usd': Number(counts.costUsd.toFixed(6)),
})

/** The `usage` output: kebab-case fields, as the outputs are named. */
function usageOutput(usage: Usage): Record<string, unknown> {
  return {
    ...tokenFields(usage),
    models: Object.fromEntries(Object.entries(usage.models).map(([model, counts]) => [model, tokenFields(counts)])),
  }
}

/** The `rate-limit` output. */
function rateLimitOutput(state: RateLimitState): Record<string, unknown> {
  return {
    status: state.status,
    ...(state.window === undefined ? {} : { window: state.window }),
    ...(state.utilization === undefined ? {} : { utilization: state.utilization }),
    ...(state.resetsAt === undefined ? {} : { 'resets-at': state.resetsAt }),
    ...(state.overage === undefined ? {} : { overage: state.overage }),
    ...(state.surpassedThreshold === undefined ? {} : { 'surpassed-threshold': state.surpassedThreshold }),
  }
}

/**
 * The runner's files: GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. Outside Actions, or on a full disk, what
 * cannot be written is named in one warning at the end, and the log stands in for the outputs and the
 * summary.
 */
export class RunnerFiles {
  private readonly problems: string[] = []
  private readonly inLog: string[] = []

  constructor(
    private readonly log: GuardLog,
    private readonly redactor: Redactor,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Adds a problem found elsewhere (the run directory, the report file) to the one warning. */
  problem(text: string): void {
    this.problems.push(text)
  }

  setOutputs(report: RunReport): void {
    const outputs: Record<OutputName, string> = {
      conclusion: report.conclusion,
      cause: report.cause,
      attempts: String(report.attempts.length),
      'exit-code': report.exitCode === null ? '' : String(report.exitCode),
      result: report.result ?? '',
      'session-id': report.sessionId ?? '',
      'total-cost-usd': report.totalCostUsd.toFixed(6),
      'input-tokens': String(report.usage?.input ?? 0),
      'output-tokens': String(report.usage?.output ?? 0),
      usage: report.usage ? JSON.stringify(usageOutput(report.usage)) : '',
      'rate-limit': report.rateLimit ? JSON.stringify(rateLimitOutput(report.rateLimit)) : '',
      'resets-at': report.resetsAt ?? '',
      'report-file': report.reportFile ?? '',
    }
    const redacted = Object.entries(outputs).map(([name, value]) => [name, this.redactor.redact(value)] as const)
    // Without GITHUB_OUTPUT the toolkit would fall back to the deprecated set-output command.
    if (!this.env.GITHUB_OUTPUT) {
      this.useLogFor('the outputs', 'GITHUB_OUTPUT is not set', redacted)
      return
    }
    try {
      for (const [name, value] of redacted) core.setOutput(name, value)
    } catch (error) {
      this.useLogFor('the outputs', `cannot write GITHUB_OUTPUT (${reason(error)})`, redacted)
    }
  }

  /** Writes the job summary; it goes to the log when the summary file cannot be written. */
  async writeSummary(markdown: string): Promise<void> {
    if (!this.env.GITHUB_STEP_SUMMARY) {
      this.useLogFor('the job summary', 'GITHUB_STEP_SUMMARY is not set', markdown)
      return
    }
    try {
      await core.summary.addRaw(markdown, true).write()
    } catch (error) {
      core.summary.emptyBuffer()
      this.useLogFor('the job summary', `cannot write GITHUB_STEP_SUMMARY (${reason(error)})`, markdown)
    }
  }

  /** Gives the one warning about what could not be written; returns what the log is to show instead. */
  finish(): string[] {
    if (this.problems.length > 0) this.log.warning(`Running without some of the runner's files: ${this.problems.join('; ')}.`)
    this.problems.length = 0
    return this.inLog.splice(0)
  }

  private useLogFor(what: string, problem: string, content: string | (readonly [string, string])[]): void {
    this.problems.push(`${problem}, so ${what} ${what === 'the outputs' ? 'follow' : 'follows'} in the log`)
    const text = typeof content === 'string' ? content : content.map(([name, value]) => `${name}: ${value}`).join('\n')
    this.inLog.push(`${what[0].toUpperCase()}${what.slice(1)}:\n${text}`)
  }
}

// The whole guarded run, independent of where it runs (the action or the command line): attempts with
// retries, each watched and diagnosed, gathered into one report.
import { join, resolve } from 'node:path'
import { attemptCommand, runAttempt, type AttemptLog } from './attempt.js'
import { causeOf, type CauseId } from './diagnostics/catalogue.js'
import { totalCost, type AttemptRecord, type RunReport } from './report/run-report.js'
import { isRetried, retryAttempts } from './retry/retry-loop.js'
import type { Redactor } from './secrets/redact.js'
import type { Settings } from './settings.js'

/** Where the run's log goes: the job log in Actions, the terminal on the command line. */
export interface GuardLog extends AttemptLog {
  startAttempt(title: string): void
  endAttempt(): void
  info(message: string): void
}

export interface GuardContext {
  log: GuardLog
  redactor: Redactor
  /** The environment the attempts inherit. */
  env: NodeJS.ProcessEnv
  /** Where raw streams go; none are kept when undefined. */
  runDir?: string
  signal?: AbortSignal
}

function retryOnText(settings: Settings): string {
  return settings.retryOn.kind === 'causes' ? settings.retryOn.causes.join(',') : settings.retryOn.kind
}

function stopReason(settings: Settings, attempts: readonly AttemptRecord[]): string {
  const last = attempts.at(-1)
  if (!last) return 'No attempt ran.'
  if (last.cause === 'none') return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`
  if (!isRetried(settings.retryOn, last.cause)) {
    return `Stopped after attempt ${last.number} of ${settings.maxAttempts}: a retry cannot fix this (retry-on: ${retryOnText(settings)}).`
  }
  return `All ${last.number} attempts failed.`
}

/** The report of a run, also of one that never started (no settings, no attempts). */
export function buildReport(settings: Settings | undefined, attempts: AttemptRecord[], startedAt: Date): RunReport {
  const last = attempts.at(-1)
  return {
    conclusion: last?.cause === 'none' ? 'success' : 'failure',
    cause: last?.cause ?? 'claude-error',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    attempts,
    maxAttempts: settings?.maxAttempts ?? 0,
    stopReason: settings ? stopReason(settings, attempts) : 'Nothing was run.',
    totalCostUsd: totalCost(attempts),
    exitCode: last?.exitCode ?? null,
    result: last?.resultText,
    sessionId: attempts.findLast((attempt) => attempt.sessionId)?.sessionId,
  }
}

export function causeTitle(cause: CauseId): string {
  return `${causeOf(cause).title} (${cause})`
}

export async function runGuard(settings: Settings, context: GuardContext): Promise<RunReport> {
  const startedAt = new Date()
  const { log } = context
  const command = attemptCommand(settings.task)
  const env: NodeJS.ProcessEnv = { ...context.env }
  if (settings.anthropicApiKey !== undefined) env.ANTHROPIC_API_KEY = settings.anthropicApiKey
  const extension = command.format === 'stream-json' ? 'jsonl' : 'log'

  const attempts = await retryAttempts(
    { maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings },
    async (number) => {
      log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`)
      try {
        return await runAttempt({
          number,
          command,
          cwd: resolve(settings.workingDirectory),
          env,
          timeoutMs: settings.timeoutMs,
          streamFile: context.runDir ? join(context.runDir, `attempt-${number}.${extension}`) : undefined,
          redactor: context.redactor,
          log,
          signal: context.signal,
        })
      } finally {
        log.endAttempt()
      }
    },
    {
      signal: context.signal,
      onRetry: (record) => {
        if (record.cause === 'none') return
        log.warning(
          `Attempt ${record.number} of ${settings.maxAttempts} failed: ${causeTitle(record.cause)}. Retrying in ${(record.waitAfterMs / 1000).toFixed(1)} s.`,
        )
      },
    },
  )
  return buildReport(settings, attempts, startedAt)
}

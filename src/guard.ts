// The whole guarded run, independent of where it runs (the action or the command line): attempts with
// retries, each watched and diagnosed, gathered into one report.
import { join, resolve } from 'node:path'
import { attemptCommand, runAttempt, type AttemptLog } from './attempt.js'
import { resolveCredentials } from './credentials/credential.js'
import { CredentialRun, type CredentialsReport } from './credentials/credential-run.js'
import type { RunEvent } from './credentials/local-checks.js'
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
  /** What triggered the run, to explain a missing secret (in Actions). */
  event?: RunEvent
}

function retryOnText(settings: Settings): string {
  return settings.retryOn.kind === 'causes' ? settings.retryOn.causes.join(',') : settings.retryOn.kind
}

function stopReason(settings: Settings, attempts: readonly AttemptRecord[], credentials?: CredentialsReport): string {
  const last = attempts.at(-1)
  if (!last && credentials?.stop) {
    return `Stopped before the first attempt: the credential check found ${causeTitle(credentials.stop.cause)}; Claude Code was not started.`
  }
  if (!last) return 'No attempt ran.'
  if (last.cause === 'none') return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`
  if (!isRetried(settings.retryOn, last.cause)) {
    return `Stopped after attempt ${last.number} of ${settings.maxAttempts}: a retry cannot fix this (retry-on: ${retryOnText(settings)}).`
  }
  return `All ${last.number} attempts failed.`
}

/** The report of a run, also of one that never started (no settings, no attempts). */
export function buildReport(
  settings: Settings | undefined,
  attempts: AttemptRecord[],
  startedAt: Date,
  credentials?: CredentialsReport,
): RunReport {
  const last = attempts.at(-1)
  return {
    conclusion: last?.cause === 'none' ? 'success' : 'failure',
    cause: last?.cause ?? credentials?.stop?.cause ?? 'claude-error',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    attempts,
    maxAttempts: settings?.maxAttempts ?? 0,
    stopReason: settings ? stopReason(settings, attempts, credentials) : 'Nothing was run.',
    totalCostUsd: totalCost(attempts),
    exitCode: last?.exitCode ?? null,
    result: last?.resultText,
    sessionId: attempts.findLast((attempt) => attempt.sessionId)?.sessionId,
    ...(credentials ? { credentials } : {}),
  }
}

export function causeTitle(cause: CauseId): string {
  return `${causeOf(cause).title} (${cause})`
}

export async function runGuard(settings: Settings, context: GuardContext): Promise<RunReport> {
  const startedAt = new Date()
  const { log } = context
  const command = attemptCommand(settings.task)
  const extension = command.format === 'stream-json' ? 'jsonl' : 'log'
  const credentials = new CredentialRun(
    resolveCredentials(settings, context.env),
    settings,
    { baseUrl: context.env.ANTHROPIC_BASE_URL, signal: context.signal },
    context.event,
    log,
  )
  if (await credentials.preflight()) return buildReport(settings, [], startedAt, credentials.report)

  const attempts = await retryAttempts(
    { maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings },
    async (number) => {
      log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`)
      let record: AttemptRecord
      try {
        record = await runAttempt({
          number,
          command,
          cwd: resolve(settings.workingDirectory),
          env: credentials.environment(context.env),
          timeoutMs: settings.timeoutMs,
          streamFile: context.runDir ? join(context.runDir, `attempt-${number}.${extension}`) : undefined,
          redactor: context.redactor,
          log,
          signal: context.signal,
        })
      } finally {
        log.endAttempt()
      }
      await credentials.afterAttempt(record)
      return record
    },
    {
      signal: context.signal,
      onRetry: (record) => {
        if (record.cause === 'none') return
        log.warning(
          `Attempt ${record.number} of ${settings.maxAttempts} failed: ${causeTitle(record.cause)}. Retrying${record.retryWithFallback ? ' with fallback-api-key' : ''} in ${(record.waitAfterMs / 1000).toFixed(1)} s.`,
        )
      },
    },
  )
  credentials.settle(attempts.at(-1)?.cause ?? 'none')
  return buildReport(settings, attempts, startedAt, credentials.report)
}

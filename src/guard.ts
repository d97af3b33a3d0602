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
  /** Loads what triggered the run, to explain a missing secret (in Actions); called only then. */
  event?: () => Promise<RunEvent>
}

function retryOnText(settings: Settings): string {
  return settings.retryOn.kind === 'causes' ? settings.retryOn.causes.join(',') : settings.retryOn.kind
}

/** What else the report tells: the credential checks, a cancellation, a fault of the action itself. */
export interface ReportContext {
  credentials?: CredentialsReport
  /** The signal that cancelled the run. */
  cancelled?: string
  internalError?: string
}

function stopReason(settings: Settings, attempts: readonly AttemptRecord[], context: ReportContext): string {
  const last = attempts.at(-1)
  if (last?.cause === 'none') return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`
  if (context.cancelled) {
    return `Cancelled (${context.cancelled}) ${last ? `after attempt ${last.number}` : 'before the first attempt'}; not retried.`
  }
  if (!last && context.credentials?.stop) {
    return `Stopped before the first attempt: the credential check found ${causeTitle(context.credentials.stop.cause)}; Claude Code was not started.`
  }
  if (!last) return 'No attempt ran.'
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
  context: ReportContext = {},
): RunReport {
  const last = attempts.at(-1)
  const succeeded = last?.cause === 'none' && context.internalError === undefined
  return {
    conclusion: succeeded ? 'success' : 'failure',
    cause: succeeded
      ? 'none'
      : context.cancelled
        ? 'cancelled'
        : (last?.cause ?? context.credentials?.stop?.cause ?? 'claude-error'),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    attempts,
    maxAttempts: settings?.maxAttempts ?? 0,
    stopReason: settings ? stopReason(settings, attempts, context) : 'Nothing was run.',
    totalCostUsd: totalCost(attempts),
    exitCode: last?.exitCode ?? null,
    result: last?.resultText,
    sessionId: attempts.findLast((attempt) => attempt.sessionId)?.sessionId,
    ...(context.credentials ? { credentials: context.credentials } : {}),
    ...(context.internalError === undefined ? {} : { internalError: context.internalError }),
  }
}

/**
 * The session the next attempt continues: the previous attempt's, when it failed for a cause a retry can
 * fix after Claude Code had made progress in it (so that work is not done, and paid for, twice).
 */
export function sessionToResume(settings: Settings, previous: AttemptRecord | undefined): string | undefined {
  if (!settings.resumeOnRetry || settings.task.kind !== 'prompt' || previous === undefined) return undefined
  if (previous.cause === 'none' || !causeOf(previous.cause).retryable) return undefined
  if (previous.sessionId === undefined || previous.replies === 0) return undefined
  // The caller already steers sessions itself.
  if (settings.task.claudeArgs.some((arg) => SESSION_FLAGS.includes(arg))) return undefined
  return previous.sessionId
}

const SESSION_FLAGS = ['--resume', '-r', '--continue', '-c', '--session-id', '--fork-session']

/** Why the signal aborted, for the report: the signal's name when it was one. */
function cancellation(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined
  const reason: unknown = signal.reason
  return typeof reason === 'string' ? reason : 'aborted'
}

export function causeTitle(cause: CauseId): string {
  return `${causeOf(cause).title} (${cause})`
}

export async function runGuard(settings: Settings, context: GuardContext): Promise<RunReport> {
  const startedAt = new Date()
  const { log } = context
  const credentials = new CredentialRun(
    resolveCredentials(settings, context.env),
    settings,
    { baseUrl: context.env.ANTHROPIC_BASE_URL, signal: context.signal },
    context.event,
    log,
  )
  if (await credentials.preflight()) return buildReport(settings, [], startedAt, { credentials: credentials.report })

  const attempt = (number: number, resumeSessionId?: string): Promise<AttemptRecord> => {
    const command = attemptCommand(settings.task, resumeSessionId)
    const name = `attempt-${number}${resumeSessionId === undefined ? '' : '-resumed'}.${command.format === 'stream-json' ? 'jsonl' : 'log'}`
    return runAttempt({
      number,
      command,
      cwd: resolve(settings.workingDirectory),
      env: credentials.environment(context.env),
      timeoutMs: settings.timeoutMs,
      streamFile: context.runDir ? join(context.runDir, name) : undefined,
      redactor: context.redactor,
      log,
      signal: context.signal,
    })
  }

  /** Resumes the previous attempt's session when it can, and starts afresh when that session is gone. */
  const startAttempt = async (number: number, sessionId: string | undefined): Promise<AttemptRecord> => {
    if (sessionId === undefined) return attempt(number)
    log.info(`Attempt ${number} continues session ${sessionId}.`)
    const resumed = await attempt(number, sessionId)
    if (resumed.cause !== 'session-not-found') return { ...resumed, resume: { sessionId, resumed: true } }
    log.warning(`Session ${sessionId} cannot be found, so attempt ${number} starts afresh.`)
    return { ...(await attempt(number)), resume: { sessionId, resumed: false } }
  }

  const { records, internalError } = await retryAttempts(
    { maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings },
    async (number, previous) => {
      log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`)
      let record: AttemptRecord
      try {
        record = await startAttempt(number, sessionToResume(settings, previous.at(-1)))
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
  credentials.settle(records.at(-1)?.cause ?? 'none')
  return buildReport(settings, records, startedAt, {
    credentials: credentials.report,
    cancelled: cancellation(context.signal),
    internalError: internalError?.message,
  })
}

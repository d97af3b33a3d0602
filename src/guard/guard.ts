// The whole guarded run, independent of where it runs (the action or the command line): the credential
// preflight, then attempts with retries, each watched, diagnosed and reviewed by the credentials, and
// the report built from what every stage returned.
import { join, resolve } from 'node:path'
import type { ClaudeLogin } from '../credentials/claude-login.js'
import { CredentialRun, type PreflightAnswer } from '../credentials/credential-run.js'
import type { RunEvent } from '../credentials/key-checks.js'
import { causeOf } from '../diagnosis/catalogue.js'
import { classify } from '../diagnosis/classify.js'
import type { InstallRecord } from '../install/claude-install.js'
import { buildReport, causeTitle, type AttemptFacts } from '../report/build-report.js'
import type { AttemptRecord, ResumeRecord, RunReport } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'
import { isRetried, type Settings, type Task } from '../settings/settings.js'
import { attemptCommand, runAttempt, type AttemptLog, type AttemptRun } from './attempt.js'
import { retryAttempts } from './retry-loop.js'

/** Where the run's log goes: the job log in Actions, the terminal on the command line. */
export interface GuardLog extends AttemptLog {
  startAttempt(title: string): void
  endAttempt(): void
  info(message: string): void
  /** Detail for whoever turns debug logging on: why this wait, why this cause. */
  debug(message: string): void
}

export interface GuardContext {
  log: GuardLog
  redactor: Redactor
  /** The environment the attempts inherit. */
  env: NodeJS.ProcessEnv
  /** Where raw streams go; none are kept when undefined. */
  runDir?: string
  /** The report file's path, to name in the report. */
  reportFile?: string
  signal?: AbortSignal
  /** Loads what triggered the run, to explain a missing secret (in Actions); called only then. */
  event?: () => Promise<RunEvent>
  /** Asks Claude Code whether it is logged in by itself (on a laptop); called only when no credential is set. */
  login?: () => Promise<ClaudeLogin | undefined>
  /** Where the credential findings are read. */
  where?: 'actions' | 'terminal'
  /**
   * Makes the attempts' environment (installing Claude Code when asked), once the credential passed its
   * local checks: a run a bad key stops does not wait for an install first.
   */
  prepare?: () => Promise<{ env: NodeJS.ProcessEnv; install?: InstallRecord }>
  /** When the step started, for the run's times; by default when the guard starts. */
  startedAt?: Date
}

/**
 * The session the next attempt continues: the previous attempt's, when it failed for a cause a retry can
 * fix after Claude Code had made progress in it (so that work is not done, and paid for, twice).
 */
export function sessionToResume(settings: Settings, previous: AttemptRecord | undefined): string | undefined {
  if (!settings.resumeOnRetry || settings.task.kind !== 'prompt' || previous === undefined) return undefined
  if (previous.cause === 'none') return undefined
  const { retry } = causeOf(previous.cause)
  if (retry !== 'backoff' && retry !== 'steady') return undefined
  if (previous.sessionId === undefined || !SESSION_ID.test(previous.sessionId) || previous.replies === 0) return undefined
  // The caller already steers sessions itself.
  if (settings.task.claudeArgs.some((arg) => SESSION_FLAGS.includes(arg))) return undefined
  return previous.sessionId
}

const SESSION_FLAGS = ['--resume', '-r', '--continue', '-c', '--session-id', '--fork-session']

/**
 * Claude Code's session ids are UUIDs. The id comes from the stream, so anything else (a flag such as
 * `--dangerously-skip-permissions`) is never passed on to `--resume`.
 */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** 429s in a row that show a contended limit: the first call's, and its retry's at the retry-after. */
export const CONTENDED_429S_TO_STOP = 2
/** After an attempt that ended rate-limited, one 429 shows the limit is still contended. */
export const STILL_CONTENDED_429S_TO_STOP = 1

/**
 * The 429s in a row that stop attempt `number` so the retry loop's jittered wait can spread the jobs that
 * share a limit; none when no retry would follow. After an attempt that ended rate-limited the limit is
 * known to be contended, and Claude Code's own retry at the retry-after would rejoin the herd.
 */
export function rateLimitedToStop(settings: Settings, number: number, previous: AttemptRecord | undefined): number | undefined {
  if (number >= settings.maxAttempts || !isRetried(settings.retryOn, 'rate-limited')) return undefined
  return previous?.cause === 'rate-limited' ? STILL_CONTENDED_429S_TO_STOP : CONTENDED_429S_TO_STOP
}

/** Why the signal aborted, for the report: the signal's name when it was one. */
function cancellation(signal: AbortSignal | undefined): string | undefined {
  if (!signal?.aborted) return undefined
  const reason: unknown = signal.reason
  return typeof reason === 'string' ? reason : 'aborted'
}

export async function runGuard(settings: Settings & { task: Task }, context: GuardContext): Promise<RunReport> {
  const startedAt = context.startedAt ?? new Date()
  const { log } = context
  const credentials = CredentialRun.of(settings, context)
  const reportOf = (
    attempts: AttemptRecord[],
    { internalError, install }: { internalError?: string; install?: InstallRecord } = {},
  ): RunReport =>
    buildReport({
      settings,
      attempts,
      startedAt,
      credentials: credentials.report,
      cancelled: cancellation(context.signal),
      internalError,
      install,
      reportFile: context.reportFile,
    })
  const preflight = await credentials.startPreflight(true)
  if ('stop' in preflight) return reportOf([])
  const prepared = context.prepare ? await context.prepare() : { env: context.env }
  // The API's answer to the preflight, while attempt 1 runs alongside it; taken by attempt 1 only.
  let pendingAnswer: Promise<PreflightAnswer> | undefined = preflight.answer
  let stoppedByPreflight = false

  const attempt = (
    number: number,
    {
      resumeSessionId,
      signal = context.signal,
      previous,
    }: { resumeSessionId?: string; signal?: AbortSignal; previous?: AttemptRecord } = {},
  ): Promise<AttemptRun> => {
    const command = attemptCommand(settings.task, resumeSessionId)
    const name = `attempt-${number}${resumeSessionId === undefined ? '' : '-resumed'}.${command.format === 'stream-json' ? 'jsonl' : 'log'}`
    return runAttempt({
      command,
      cwd: resolve(settings.workingDirectory),
      env: credentials.environment(prepared.env),
      timeoutMs: settings.timeoutMs,
      streamFile: context.runDir ? join(context.runDir, name) : undefined,
      redactor: context.redactor,
      log,
      signal,
      observer: {
        // Read when an in-run retry comes: the preflight may still be waiting for the API when the attempt starts.
        get apiUnreachable() {
          return credentials.apiUnreachable
        },
        rateLimitedToStop: rateLimitedToStop(settings, number, previous),
      },
    })
  }

  /**
   * Attempt 1, while the preflight waits for the API: stopped as soon as the API refuses the credential
   * (the run then stops, as if it had never started), or started again when the fallback key takes over.
   */
  const alongsidePreflight = async (number: number, answer: Promise<PreflightAnswer>): Promise<AttemptRun> => {
    const refused = new AbortController()
    const signal = context.signal ? AbortSignal.any([context.signal, refused.signal]) : refused.signal
    // A failed check is reported where the answer is awaited, below.
    answer.then((verdict) => verdict !== 'go' && refused.abort('the preflight')).catch(() => undefined)
    const run = await attempt(number, { signal })
    // A success needs no verdict on its credential: the run does not wait for it.
    if (!refused.signal.aborted && classify(run.observation, run.outcome) === undefined) {
      credentials.skipAnswer()
      return run
    }
    const verdict = await answer
    if (verdict === 'stop') stoppedByPreflight = true
    return verdict === 'switched' ? attempt(number) : run
  }

  /** Resumes the previous attempt's session when it can, and starts afresh when that session is gone. */
  const startAttempt = async (
    number: number,
    previous: AttemptRecord | undefined,
  ): Promise<AttemptRun & { resume?: ResumeRecord }> => {
    const answer = pendingAnswer
    pendingAnswer = undefined
    if (answer) return alongsidePreflight(number, answer)
    const sessionId = sessionToResume(settings, previous)
    if (sessionId === undefined) return attempt(number, { previous })
    log.info(`Attempt ${number} continues session ${sessionId}.`)
    const resumed = await attempt(number, { resumeSessionId: sessionId, previous })
    if (classify(resumed.observation, resumed.outcome)?.cause !== 'session-not-found') {
      return { ...resumed, resume: { sessionId, resumed: true } }
    }
    log.warning(`Session ${sessionId} cannot be found, so attempt ${number} starts afresh.`)
    return { ...(await attempt(number, { previous })), resume: { sessionId, resumed: false } }
  }

  const { records, internalError } = await retryAttempts(
    { maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings },
    async (number, previous): Promise<AttemptFacts> => {
      log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`)
      let run: AttemptRun & { resume?: ResumeRecord }
      try {
        run = await startAttempt(number, previous)
      } finally {
        log.endAttempt()
      }
      // A run the preflight stopped ends here: no diagnosis means no retry, and its records are dropped.
      if (stoppedByPreflight) return { number, ...run, diagnosis: undefined }
      const diagnosis = classify(run.observation, run.outcome)
      if (diagnosis === undefined) return { number, ...run, diagnosis }
      const review = await credentials.review(diagnosis, number)
      // Sources only: the evidence can hold the child's text, which belongs in the fenced transcript.
      const sources = [...new Set(review.diagnosis.evidence.map((item) => item.source))].join(', ')
      log.debug(`Attempt ${number}: ${causeTitle(review.diagnosis.cause)}, from clues in ${sources}.`)
      return { number, ...run, diagnosis: review.diagnosis, withFallback: review.withFallback }
    },
    {
      signal: context.signal,
      onRetry: (record) => {
        if (record.cause === 'none') return
        const why = record.retryAfterMs === undefined ? '' : ` (the API asked for ${(record.retryAfterMs / 1000).toFixed(1)} s)`
        log.warning(
          `Attempt ${record.number} of ${settings.maxAttempts} failed: ${causeTitle(record.cause)}. Retrying${record.withFallback ? ' with fallback-api-key' : ''} in ${(record.waitAfterMs / 1000).toFixed(1)} s${why}.`,
        )
      },
    },
  )
  return reportOf(stoppedByPreflight ? [] : records, { internalError: internalError?.message, install: prepared.install })
}

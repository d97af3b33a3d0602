// Builds the records of a run from what each stage returned: an attempt's record from its observation,
// its process's outcome and the diagnosis; the run's report from the attempts, the credential checks and
// what else happened. Pure.
import type { CredentialsReport } from '../credentials/credential-run.js'
import { causeOf, type CauseId } from '../diagnosis/catalogue.js'
import { classify } from '../diagnosis/classify.js'
import type { Diagnosis } from '../diagnosis/clues.js'
import type { Observation } from '../diagnosis/observation.js'
import type { SavedLog } from '../diagnosis/saved-log.js'
import type { InstallRecord } from '../install/claude-install.js'
import type { ProcessOutcome } from '../process/attempt-process.js'
import { isRetried, retryOnText, type Settings } from '../settings/settings.js'
import type { RateLimitEvent, ResultEvent, TokenCounts } from '../claude/stream-events.js'
import { epochToIso } from '../diagnosis/reset-time.js'
import type { AttemptRecord, RateLimitState, ResumeRecord, RunReport, Usage } from './run-report.js'

export function causeTitle(cause: CauseId): string {
  return `${causeOf(cause).title} (${cause})`
}

/** One attempt as it ran, before the retry loop decides what follows it. */
export interface AttemptFacts {
  number: number
  startedAt: Date
  durationMs: number
  outcome: ProcessOutcome
  observation: Observation
  /** Undefined when the attempt succeeded. */
  diagnosis: Diagnosis | undefined
  streamFile?: string
  resume?: ResumeRecord
  withFallback?: boolean
}

const NO_TOKENS: TokenCounts = { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 }

const addTokens = (a: TokenCounts, b: TokenCounts): TokenCounts => ({
  input: a.input + b.input,
  output: a.output + b.output,
  cacheRead: a.cacheRead + b.cacheRead,
  cacheCreation: a.cacheCreation + b.cacheCreation,
})

/** An attempt's usage, from its result: by model when Claude Code said, in all from `usage` or the models' sum. */
function usageOf(result: ResultEvent | undefined, model: string | undefined): Usage | undefined {
  if (!result?.usage && !result?.modelUsage) return undefined
  const models =
    result.modelUsage ?? (result.usage ? { [model ?? 'unknown']: { ...result.usage, costUsd: result.totalCostUsd ?? 0 } } : {})
  const total = result.usage ?? Object.values(models).reduce<TokenCounts>(addTokens, NO_TOKENS)
  return { ...total, costUsd: result.totalCostUsd ?? 0, models }
}

/** The usage of several attempts, model by model. */
function totalUsage(usages: readonly Usage[]): Usage | undefined {
  if (usages.length === 0) return undefined
  const models: Usage['models'] = {}
  for (const usage of usages) {
    for (const [model, counts] of Object.entries(usage.models)) {
      const sum = models[model]
      models[model] = sum ? { ...addTokens(sum, counts), costUsd: sum.costUsd + counts.costUsd } : { ...counts }
    }
  }
  return { ...usages.reduce<TokenCounts>(addTokens, NO_TOKENS), costUsd: usages.reduce((sum, u) => sum + u.costUsd, 0), models }
}

function rateLimitState(event: RateLimitEvent | undefined): RateLimitState | undefined {
  if (event?.status === undefined) return undefined
  return {
    status: event.status,
    ...(event.limitType === undefined ? {} : { window: event.limitType }),
    ...(event.utilization === undefined ? {} : { utilization: event.utilization }),
    ...(event.resetsAt === undefined ? {} : { resetsAt: epochToIso(event.resetsAt) }),
    ...(event.isUsingOverage === undefined ? {} : { overage: event.isUsingOverage }),
    ...(event.surpassedThreshold === undefined ? {} : { surpassedThreshold: event.surpassedThreshold }),
  }
}

/** The record of one attempt; `waitAfterMs` is the wait the retry loop chose after it. */
export function attemptRecord(facts: AttemptFacts, waitAfterMs = 0): AttemptRecord {
  const { observation, outcome, diagnosis } = facts
  const { result } = observation
  const usage = usageOf(result, observation.init?.model)
  const rateLimit = rateLimitState(observation.rateLimit)
  return {
    number: facts.number,
    startedAt: facts.startedAt.toISOString(),
    durationMs: facts.durationMs,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    ...(outcome.stopped === undefined ? {} : { stopped: outcome.stopped }),
    cause: diagnosis?.cause ?? 'none',
    evidence: diagnosis?.evidence ?? [],
    waitAfterMs,
    ...(diagnosis?.retryAfterMs === undefined ? {} : { retryAfterMs: diagnosis.retryAfterMs }),
    ...(diagnosis?.resetsAt === undefined ? {} : { resetsAt: diagnosis.resetsAt }),
    ...(facts.streamFile === undefined ? {} : { streamFile: facts.streamFile }),
    sessionId: observation.sessionId,
    ...(facts.resume ? { resume: facts.resume } : {}),
    replies: observation.replies,
    costUsd: result?.totalCostUsd,
    ...(usage ? { usage } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    turns: result?.numTurns,
    model: observation.init?.model,
    credentialSource: observation.init?.apiKeySource,
    resultText: result?.result,
    inRunRetries: {
      count: observation.apiRetryCount,
      statuses: observation.apiRetryStatuses,
      totalDelayMs: observation.apiRetryDelayMs,
    },
    tail: observation.tail,
    ...(facts.withFallback ? { withFallback: true } : {}),
  }
}

/** Everything a report is built from; only the attempts and the start are always there. */
export interface ReportParts {
  mode?: RunReport['mode']
  settings?: Settings
  attempts: AttemptRecord[]
  startedAt: Date
  credentials?: CredentialsReport
  /** The signal that cancelled the run. */
  cancelled?: string
  inputError?: RunReport['inputError']
  internalError?: string
  install?: InstallRecord
  logFile?: string
  reportFile?: string
  /** Says why the run stopped when the parts alone cannot (a diagnosed log). */
  stopReason?: string
  /** What a diagnosis of the environment found, where no attempt or credential check names a cause. */
  finding?: Diagnosis
}

/** What the credential check's stop did to Claude Code, in a sentence. */
export function claudeStopped(credentials: CredentialsReport | undefined): string {
  return credentials?.stoppedAttempt
    ? 'Claude Code was starting alongside the check and was stopped at once.'
    : 'Claude Code was not started.'
}

function stopReason(parts: ReportParts): string {
  const { settings, attempts, credentials } = parts
  if (parts.inputError) return 'Nothing was run: an input is invalid.'
  if (parts.internalError !== undefined) return 'The action itself failed.'
  if (parts.stopReason) return parts.stopReason
  if (!settings) return 'Nothing was run.'
  const last = attempts.at(-1)
  if (parts.cancelled) {
    return `Cancelled (${parts.cancelled}) ${last ? `after attempt ${last.number}` : 'before the first attempt'}; not retried.`
  }
  if (last?.cause === 'none') return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`
  if (!last && credentials?.stop) {
    const when = credentials.stoppedAttempt ? 'as the first attempt started' : 'before the first attempt'
    return `Stopped ${when} by the credential check (${causeTitle(credentials.stop.cause)}): ${claudeStopped(credentials)}`
  }
  if (!last) return 'No attempt ran.'
  if (!isRetried(settings.retryOn, last.cause) && last.number < settings.maxAttempts) {
    return `Stopped after attempt ${last.number} of ${settings.maxAttempts}: a retry cannot fix this (retry-on: ${retryOnText(settings.retryOn)}).`
  }
  return last.number === 1 ? 'The only attempt failed.' : `All ${last.number} attempts failed.`
}

function causeOfRun(parts: ReportParts, succeeded: boolean): CauseId | 'none' {
  if (parts.internalError !== undefined) return 'internal-error'
  if (parts.inputError) return 'input-invalid'
  if (succeeded) return 'none'
  if (parts.cancelled) return 'cancelled'
  const found = parts.credentials?.stop?.cause ?? parts.finding?.cause
  const last = parts.attempts.at(-1)?.cause
  // A log that only shows Claude Code failed says less than a credential check that found why.
  if (last === undefined || last === 'none' || (last === 'claude-error' && found !== undefined)) return found ?? 'claude-error'
  return last
}

/** The report of a run, also of one that never started (no settings, no attempts). */
export function buildReport(parts: ReportParts): RunReport {
  const { attempts } = parts
  const last = attempts.at(-1)
  const problem =
    parts.internalError !== undefined ||
    parts.inputError !== undefined ||
    parts.credentials?.stop !== undefined ||
    parts.finding !== undefined
  // A run succeeds by its last attempt; a diagnosis, by finding nothing wrong (there may be no attempt).
  const succeeded = !problem && (last?.cause === 'none' || (parts.mode === 'diagnose' && last === undefined))
  const cause = causeOfRun(parts, succeeded)
  const resetsAt = attempts.findLast((attempt) => attempt.resetsAt)?.resetsAt
  const usage = totalUsage(attempts.flatMap((attempt) => (attempt.usage ? [attempt.usage] : [])))
  const rateLimit = attempts.findLast((attempt) => attempt.rateLimit)?.rateLimit
  return {
    mode: parts.mode ?? 'run',
    conclusion: succeeded ? 'success' : 'failure',
    cause,
    startedAt: parts.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    attempts,
    maxAttempts: parts.settings?.maxAttempts ?? attempts.length,
    stopReason: stopReason(parts),
    totalCostUsd: attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0),
    ...(usage ? { usage } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    exitCode: last?.exitCode ?? null,
    result: last?.resultText,
    sessionId: attempts.findLast((attempt) => attempt.sessionId)?.sessionId,
    ...(resetsAt && cause === 'usage-limit' ? { resetsAt } : {}),
    ...(parts.credentials ? { credentials: parts.credentials } : {}),
    ...(parts.finding ? { finding: parts.finding } : {}),
    ...(parts.inputError ? { inputError: parts.inputError } : {}),
    ...(parts.internalError === undefined ? {} : { internalError: parts.internalError }),
    ...(parts.logFile === undefined ? {} : { logFile: parts.logFile }),
    ...(parts.reportFile === undefined ? {} : { reportFile: parts.reportFile }),
    ...(parts.install ? { install: parts.install } : {}),
  }
}

/** The same report, failed by a fault of the action itself (found while publishing it). */
export function withInternalError(report: RunReport, message: string): RunReport {
  return {
    ...report,
    conclusion: 'failure',
    cause: 'internal-error',
    internalError: message,
    stopReason: 'The action itself failed.',
  }
}

/** The report of a saved log: one attempt, as the log shows it. */
export function savedLogReport(log: SavedLog, logFile: string, startedAt: Date): RunReport {
  const attempt = attemptRecord({
    number: 1,
    startedAt,
    durationMs: log.observation.result?.durationMs ?? 0,
    outcome: log.outcome,
    observation: log.observation,
    diagnosis: classify(log.observation, log.outcome),
  })
  return buildReport({
    mode: 'diagnose',
    attempts: [attempt],
    startedAt,
    logFile,
    stopReason: `Diagnosed from the saved log in ${logFile}.`,
  })
}

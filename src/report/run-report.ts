// The record of a whole run: what the summary renders, what the report file holds, what the outputs say.
import type { CredentialsReport } from '../credentials/credential-run.js'
import type { CauseId } from '../diagnostics/catalogue.js'
import type { Evidence } from '../diagnostics/classify.js'
import type { InstallRecord } from '../install/claude-install.js'

export interface InRunRetries {
  count: number
  statuses: number[]
  totalDelayMs: number
}

/** An attempt that was to continue an earlier attempt's Claude Code session. */
export interface ResumeRecord {
  sessionId: string
  /** False when the session could not be found and the attempt started afresh instead. */
  resumed: boolean
}

export interface AttemptRecord {
  number: number
  startedAt: string
  durationMs: number
  exitCode: number | null
  signal: string | null
  /** `none` when the attempt succeeded. */
  cause: CauseId | 'none'
  evidence: Evidence[]
  /** The wait that followed this attempt; 0 when none did. */
  waitAfterMs: number
  retryAfterMs?: number
  streamFile?: string
  sessionId?: string
  resume?: ResumeRecord
  /** Model replies received (not Claude Code's synthetic error messages): the session made progress. */
  replies: number
  costUsd?: number
  turns?: number
  model?: string
  credentialSource?: string
  resultText?: string
  inRunRetries: InRunRetries
  /** The last lines of output, redacted. */
  tail: string[]
  /** This failure switched the run to `fallback-api-key`: the next attempt can succeed though the cause alone is not retried. */
  retryWithFallback?: boolean
}

export interface RunReport {
  conclusion: 'success' | 'failure'
  cause: CauseId | 'none'
  startedAt: string
  finishedAt: string
  attempts: AttemptRecord[]
  maxAttempts: number
  /** Why the run stopped where it did, in one phrase. */
  stopReason: string
  totalCostUsd: number
  exitCode: number | null
  result?: string
  sessionId?: string
  /** Which credentials were seen and used, what the checks and probes found. */
  credentials?: CredentialsReport
  /** A bad input: the run never started. */
  inputError?: { input: string; message: string }
  /** A failure of the action itself. */
  internalError?: string
  reportFile?: string
  /** Set when the action installed (or reused an install of) Claude Code. */
  install?: InstallRecord
}

export function totalCost(attempts: readonly AttemptRecord[]): number {
  return attempts.reduce((sum, attempt) => sum + (attempt.costUsd ?? 0), 0)
}

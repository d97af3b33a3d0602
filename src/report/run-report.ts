// The record of a whole run: what the summary, the comment and the terminal render, what the report
// file holds, what the outputs say. Types only; ./build-report.ts builds them.
import type { TokenCounts } from '../claude/stream-events.js'
import type { CredentialsReport } from '../credentials/credential-run.js'
import type { CauseId } from '../diagnosis/catalogue.js'
import type { Diagnosis, Evidence } from '../diagnosis/clues.js'
import type { InstallRecord } from '../install/claude-install.js'
import type { StopReason } from '../process/attempt-process.js'

export interface InRunRetries {
  count: number
  /** HTTP statuses seen; null for retries that never got an answer. */
  statuses: (number | null)[]
  totalDelayMs: number
}

/** Tokens and what they cost, in all and by model, as Claude Code's results reported them. */
export interface Usage extends TokenCounts {
  costUsd: number
  models: Record<string, TokenCounts & { costUsd: number }>
}

/** A subscription's rate limit as Claude Code last reported it (never with an API key). */
export interface RateLimitState {
  /** `allowed`, `allowed_warning` or `rejected`. */
  status: string
  /** `five_hour`, `seven_day`… */
  window?: string
  /** How much of the window is used: 0.92 for 92%. */
  utilization?: number
  /** ISO 8601. */
  resetsAt?: string
  /** The subscription's extra usage pays for the requests. */
  overage?: boolean
  /** The warning threshold the window has passed, when it has. */
  surpassedThreshold?: number
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
  /** Why the action stopped the attempt's process, when it did: then the exit code is the stop's, not a crash. */
  stopped?: StopReason
  /** `none` when the attempt succeeded. */
  cause: CauseId | 'none'
  evidence: Evidence[]
  /** The wait that followed this attempt; 0 when none did. */
  waitAfterMs: number
  retryAfterMs?: number
  /** When a usage limit resets, as the error said (ISO 8601). */
  resetsAt?: string
  streamFile?: string
  sessionId?: string
  resume?: ResumeRecord
  /** Model replies received (not Claude Code's synthetic error messages): the session made progress. */
  replies: number
  costUsd?: number
  usage?: Usage
  rateLimit?: RateLimitState
  turns?: number
  model?: string
  credentialSource?: string
  resultText?: string
  inRunRetries: InRunRetries
  /** The last lines of output, redacted. */
  tail: string[]
  /** The next attempt runs with `fallback-api-key`: it can succeed though the cause alone is not retried. */
  withFallback?: boolean
}

export interface RunReport {
  /** `run`: Claude Code was run; `diagnose`: a finished run (its log and the environment) was diagnosed. */
  mode: 'run' | 'diagnose'
  conclusion: 'success' | 'failure'
  cause: CauseId | 'none'
  startedAt: string
  finishedAt: string
  attempts: AttemptRecord[]
  maxAttempts: number
  /** Why the run stopped where it did, in one sentence. */
  stopReason: string
  totalCostUsd: number
  /** Tokens of every attempt that reported them; absent when none did. */
  usage?: Usage
  /** The last state of a subscription's rate limit any attempt reported. */
  rateLimit?: RateLimitState
  exitCode: number | null
  result?: string
  sessionId?: string
  /** When a usage limit resets (ISO 8601). */
  resetsAt?: string
  /** Which credentials were seen and used, what the checks and probes found. */
  credentials?: CredentialsReport
  /** What a check of the environment found (no OIDC token, an empty balance, an unsupported runner). */
  finding?: Diagnosis
  /** A bad input: the run never started. */
  inputError?: { input: string; message: string }
  /** A failure of the action itself. */
  internalError?: string
  /** The saved log that was diagnosed, in `diagnose` mode. */
  logFile?: string
  reportFile?: string
  /** Set when the action installed (or reused an install of) Claude Code. */
  install?: InstallRecord
}

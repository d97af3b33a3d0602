// The health report of `claude-code-guard diagnose`: a list of checks, each ok, a warning or a failure
// with the catalogue cause it points to. Pure: the checks are gathered at the edges (local facts, API
// probes) and judged and rendered here.
import { causeOf, type CauseId } from '../diagnostics/catalogue.js'
import { matchCause } from '../diagnostics/classify.js'
import type { SummaryContext } from '../summary/render-summary.js'
import { fixLines } from '../summary/render-text.js'

export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail'

export interface HealthCheck {
  name: string
  status: CheckStatus
  detail: string
  /** For a failure: the cause it shows. */
  cause?: CauseId
}

/** What an API probe saw: a success, an HTTP error, or no answer at all. */
export interface ProbeOutcome {
  ok: boolean
  status?: number
  errorType?: string
  message: string
  requestId?: string
}

export interface HealthVerdict {
  healthy: boolean
  /** The first failure's cause. */
  cause?: CauseId
}

export function healthVerdict(checks: readonly HealthCheck[]): HealthVerdict {
  const failure = checks.find((check) => check.status === 'fail')
  return failure ? { healthy: false, cause: failure.cause ?? 'claude-error' } : { healthy: true }
}

/** Judges a probe with the same catalogue that judges Claude Code's output. */
export function probeCheck(name: string, outcome: ProbeOutcome, success: string): HealthCheck {
  const request = outcome.requestId ? ` (request ${outcome.requestId})` : ''
  if (outcome.ok) return { name, status: 'ok', detail: `${success}${request}` }
  const match = matchCause([{ source: 'probe', status: outcome.status ?? null, kind: outcome.errorType, text: outcome.message }])
  const cause = match?.cause.id ?? (outcome.status === undefined ? 'network-error' : 'claude-error')
  const status = outcome.status === undefined ? 'no answer' : `HTTP ${outcome.status}`
  return { name, status: 'fail', cause, detail: `${status}: ${outcome.message}${request}` }
}

const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' }

export function renderHealth(checks: readonly HealthCheck[], context: SummaryContext = {}): string {
  const width = Math.max(...checks.map((check) => check.name.length))
  const lines = checks.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`)
  const verdict = healthVerdict(checks)
  if (verdict.healthy) return `${lines.join('\n')}\n\nHealthy.\n`
  const cause = causeOf(verdict.cause ?? 'claude-error')
  const fix = fixLines(cause.id, context).map((line) => `  ${line}`)
  return `${lines.join('\n')}\n\n${cause.title} (${cause.id}): ${cause.meaning}\nHow to fix:\n${fix.join('\n')}\n\ncause: ${cause.id}\n`
}

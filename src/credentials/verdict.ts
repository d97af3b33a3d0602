// What a probe's answer means: a preflight that must stop the run, and the refinement of a credit error
// into a confirmed zero balance, a false alarm, or a reason it could not be told. Pure.
import type { CauseId } from '../diagnostics/catalogue.js'
import { matchCause, type Diagnosis, type Evidence } from '../diagnostics/classify.js'
import type { Signal } from '../diagnostics/observation.js'
import type { ProbeResult } from './api-probe.js'

/** The outcome of testing a credit error with a one-token request, or why that was not done. */
export type CreditVerification =
  { kind: 'probed'; probe: ProbeResult; afterAttempt: number } | { kind: 'not-possible'; reason: string }

export function describeProbe(probe: ProbeResult): string {
  const outcome =
    probe.status === undefined
      ? `no answer: ${probe.message ?? 'unknown failure'}`
      : [`HTTP ${probe.status}`, probe.errorType, probe.message].filter((part) => part !== undefined).join(' · ')
  const ids = [
    probe.requestId && `request ${probe.requestId}`,
    probe.organizationId && `organisation ${probe.organizationId}`,
    probe.workspaceId && `workspace ${probe.workspaceId}`,
  ].filter(Boolean)
  return [`${probe.request} with ${probe.credential}: ${outcome}`, ...ids].join(' · ')
}

const isSuccess = (probe: ProbeResult): boolean => probe.status !== undefined && probe.status >= 200 && probe.status < 300

function probeSignal(probe: ProbeResult): Signal {
  return { source: 'probe', status: probe.status, kind: probe.errorType, text: probe.message }
}

/** Only a rejected credential stops the run before Claude Code starts; anything else lets it go on. */
const PREFLIGHT_STOPS: readonly CauseId[] = ['api-key-invalid', 'permission-denied']

export function preflightVerdict(probe: ProbeResult): Diagnosis | undefined {
  if (probe.status !== 401 && probe.status !== 403) return undefined
  const cause = matchCause([probeSignal(probe)])?.cause.id
  if (cause === undefined || !PREFLIGHT_STOPS.includes(cause)) return undefined
  return { cause, evidence: [{ source: 'preflight', text: describeProbe(probe) }] }
}

function withEvidence(diagnosis: Diagnosis, cause: CauseId, text: string): Diagnosis {
  const evidence: Evidence[] = [...diagnosis.evidence, { source: 'probe', text }]
  return { cause, evidence, ...(diagnosis.retryAfterMs === undefined ? {} : { retryAfterMs: diagnosis.retryAfterMs }) }
}

/**
 * Turns `credit-balance-low` into what the one-token request showed: the same error → `credit-exhausted`;
 * a spend-limit error → `spend-limit`; success → `credit-false-alarm`; anything else keeps
 * `credit-balance-low`, saying why it could not be told. Other causes pass through unchanged.
 */
export function refineCreditDiagnosis(diagnosis: Diagnosis, verification: CreditVerification): Diagnosis {
  if (diagnosis.cause !== 'credit-balance-low') return diagnosis
  if (verification.kind === 'not-possible') {
    return withEvidence(diagnosis, diagnosis.cause, `credit not verified: ${verification.reason}`)
  }
  const { probe } = verification
  const checked = `one-token credit check after attempt ${verification.afterAttempt}: ${describeProbe(probe)}`
  if (isSuccess(probe)) return withEvidence(diagnosis, 'credit-false-alarm', `${checked} → the key can spend`)
  const cause = matchCause([probeSignal(probe)])?.cause.id
  if (cause === 'credit-balance-low') return withEvidence(diagnosis, 'credit-exhausted', `${checked} → same credit error`)
  if (cause === 'spend-limit') return withEvidence(diagnosis, 'spend-limit', `${checked} → spend limit reached`)
  return withEvidence(diagnosis, diagnosis.cause, `credit not verified: ${checked}`)
}

// What a probe's answer means: a preflight that must stop the run, and the refinement of a credit error
// into a confirmed zero balance, a false alarm, or a reason it could not be told. Pure.
import type { CauseId } from '../diagnosis/catalogue.js'
import { matchCause, type Clue, type Diagnosis, type Evidence } from '../diagnosis/clues.js'
import type { ProbeResult } from './api-probe.js'
import type { Credential } from './credential.js'

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

export function probeClue(probe: ProbeResult): Clue {
  return { source: 'probe', status: probe.status, kind: probe.errorType, text: probe.message }
}

/** Only a rejected credential stops the run before Claude Code starts; anything else lets it go on. */
const PREFLIGHT_STOPS: readonly CauseId[] = [
  'api-key-invalid',
  'oauth-token-invalid',
  'permission-denied',
  'organization-disabled',
]

/** What a preflight's answer means for the credential: a diagnosis when Claude Code must not start. */
export function preflightDiagnosis(probe: ProbeResult, credential: Credential): Diagnosis | undefined {
  if (probe.status === undefined || probe.status < 400 || probe.status >= 500) return undefined
  const diagnosis = refineForCredential(
    {
      cause: matchCause([probeClue(probe)])?.cause.id ?? 'claude-error',
      evidence: [{ source: 'preflight', text: describeProbe(probe) }],
    },
    credential,
  )
  return PREFLIGHT_STOPS.includes(diagnosis.cause) ? diagnosis : undefined
}

/**
 * What a rejection means for the kind of credential that was used: the API words a refused subscription
 * token like a refused key, but its fix is another token, not another key.
 */
export function refineForCredential(diagnosis: Diagnosis, credential: Credential | undefined): Diagnosis {
  if (diagnosis.cause !== 'api-key-invalid' || credential?.kind !== 'oauth-token') return diagnosis
  return withEvidence(
    diagnosis,
    'oauth-token-invalid',
    `the rejected credential is a subscription token (${credential.source})`,
    'preflight',
  )
}

function withEvidence(diagnosis: Diagnosis, cause: CauseId, text: string, source: Evidence['source'] = 'probe'): Diagnosis {
  const evidence: Evidence[] = [...diagnosis.evidence, { source, text }]
  return { ...diagnosis, cause, evidence }
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
  // Attempt 0: the check of a key alone, with nothing run.
  const when = verification.afterAttempt === 0 ? '' : ` after attempt ${verification.afterAttempt}`
  const checked = `one-token credit check${when}: ${describeProbe(probe)}`
  if (isSuccess(probe)) return withEvidence(diagnosis, 'credit-false-alarm', `${checked} → the key can spend`)
  const cause = matchCause([probeClue(probe)])?.cause.id
  if (cause === 'credit-balance-low') return withEvidence(diagnosis, 'credit-exhausted', `${checked} → same credit error`)
  if (cause === 'spend-limit') return withEvidence(diagnosis, 'spend-limit', `${checked} → spend limit reached`)
  return withEvidence(diagnosis, diagnosis.cause, `credit not verified: ${checked}`)
}

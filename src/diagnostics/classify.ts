// Turns what an attempt showed into a diagnosis: the cause, the evidence that matched, and any wait the
// API asked for. Pure: data in, data out.
import { CATALOGUE, type Cause, type CauseId } from './catalogue.js'
import type { Observation, Signal } from './observation.js'

export interface Evidence {
  source: Signal['source']
  text: string
}

export interface Diagnosis {
  cause: CauseId
  evidence: Evidence[]
  /** The least time the API asked to wait before the next request (a 429's retry-after). */
  retryAfterMs?: number
}

/** How the attempt's process ended, as the process runner saw it. */
export interface ProcessOutcome {
  exitCode: number | null
  signal: string | null
  /** Set when the executable could not be started. */
  spawnError?: string
  timedOut: boolean
  /** The run was cancelled and the process stopped. */
  cancelled: boolean
}

function signalMatches(cause: Cause, signal: Signal): boolean {
  const { statuses, errorKinds, patterns } = cause.recognise
  return (
    (signal.status != null && statuses?.includes(signal.status) === true) ||
    (signal.kind !== undefined && errorKinds?.includes(signal.kind) === true) ||
    (signal.text !== undefined && patterns?.some((pattern) => pattern.test(signal.text ?? '')) === true)
  )
}

/** The first catalogue cause any of the signals shows, with the signals that show it. */
export function matchCause(signals: readonly Signal[]): { cause: Cause; matched: Signal[] } | undefined {
  for (const cause of CATALOGUE) {
    const matched = signals.filter((signal) => signalMatches(cause, signal))
    if (matched.length > 0) return { cause, matched }
  }
  return undefined
}

export function describeSignal(signal: Signal): string {
  const parts = [
    signal.status != null ? `HTTP ${signal.status}` : undefined,
    signal.kind !== undefined ? `error ${signal.kind}` : undefined,
    signal.text,
  ].filter((part) => part !== undefined)
  return parts.join(' · ')
}

const toEvidence = (signals: readonly Signal[]): Evidence[] =>
  signals.map((signal) => ({ source: signal.source, text: describeSignal(signal) }))

/**
 * The API's retry-after as Claude Code reveals it: each in-run delay for a 429 is the larger of the
 * retry-after and Claude Code's own backoff, so the smallest is the tightest wait that still honours it.
 */
function retryAfterMs(observation: Observation): number | undefined {
  const delays = observation.apiRetries
    .filter((retry) => retry.errorStatus === 429 && retry.retryDelayMs !== undefined)
    .map((retry) => Math.ceil(retry.retryDelayMs ?? 0))
  return delays.length > 0 ? Math.min(...delays) : observation.retryAfterMs
}

function diagnosis(cause: CauseId, evidence: Evidence[], observation: Observation): Diagnosis {
  const wait = cause === 'rate-limited' ? retryAfterMs(observation) : undefined
  return wait === undefined ? { cause, evidence } : { cause, evidence, retryAfterMs: wait }
}

/** Undefined when the attempt succeeded. */
export function classify(observation: Observation, outcome: ProcessOutcome): Diagnosis | undefined {
  if (outcome.spawnError !== undefined) {
    return diagnosis('claude-not-found', [{ source: 'process', text: outcome.spawnError }], observation)
  }
  if (outcome.cancelled) {
    return diagnosis('cancelled', [{ source: 'process', text: 'the run was cancelled and the attempt stopped' }], observation)
  }
  if (outcome.timedOut) {
    return diagnosis(
      'timeout',
      [{ source: 'process', text: 'the attempt ran past timeout-minutes and was stopped' }],
      observation,
    )
  }
  const exitEvidence: Evidence = {
    source: 'process',
    text: outcome.signal ? `killed by ${outcome.signal}` : `exit code ${String(outcome.exitCode)}`,
  }
  if (outcome.exitCode === 0 && outcome.signal === null && observation.result?.isError !== true) return undefined

  if (observation.earlyStop) {
    const { cause, signal } = observation.earlyStop
    return diagnosis(
      cause,
      [...toEvidence([signal]), { source: 'process', text: 'stopped Claude Code early: its own retries cannot fix this' }],
      observation,
    )
  }
  // Most decisive first: the final result, then the lines that matched a pattern, then in-run retries.
  const groups: Signal[][] = [observation.resultSignals, observation.signals, [...observation.retrySignals].reverse()]
  for (const group of groups) {
    const match = matchCause(group)
    if (match) return diagnosis(match.cause.id, [...toEvidence(match.matched), exitEvidence], observation)
  }
  const fallback: Evidence[] = [...toEvidence(observation.resultSignals), exitEvidence]
  const lastLine = observation.tail.at(-1)
  if (observation.resultSignals.length === 0 && lastLine !== undefined) fallback.unshift({ source: 'output', text: lastLine })
  return diagnosis('claude-error', fallback, observation)
}

// Turns what an attempt showed into a diagnosis: the cause, the evidence that matched, and any wait the
// API asked for. Pure: data in, data out.
import type { ProcessOutcome } from '../process/attempt-process.js'
import type { CauseId } from './catalogue.js'
import {
  byPlace,
  matchAfterOthers,
  matchCause,
  matchLast,
  matchLatest,
  refine,
  toEvidence,
  type Diagnosis,
  type Evidence,
} from './clues.js'
import type { Observation } from './observation.js'
import { resetTimeFrom } from './reset-time.js'

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

/** When a usage limit resets: as Claude Code's stream said, else as the evidence's wording says. */
function resetsAt(observation: Observation, evidence: readonly Evidence[], now: Date): string | undefined {
  return observation.resetsAt ?? evidence.map((item) => resetTimeFrom(item.text, now)).find((at) => at !== undefined)
}

function diagnosis(cause: CauseId, evidence: Evidence[], observation: Observation, now = new Date()): Diagnosis {
  const wait = cause === 'rate-limited' ? retryAfterMs(observation) : undefined
  const resets = cause === 'usage-limit' ? resetsAt(observation, evidence, now) : undefined
  return {
    cause,
    evidence,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(resets === undefined ? {} : { resetsAt: resets }),
  }
}

/** Undefined when the attempt succeeded. */
export function classify(observation: Observation, outcome: ProcessOutcome): Diagnosis | undefined {
  if (outcome.spawnError !== undefined) {
    return diagnosis('claude-not-found', [{ source: 'process', text: outcome.spawnError }], observation)
  }
  if (outcome.stopped === 'cancelled') {
    return diagnosis('cancelled', [{ source: 'process', text: 'the run was cancelled and the attempt stopped' }], observation)
  }
  if (outcome.stopped === 'timeout') {
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

  // A run that ended by itself says best why; an early stop speaks for a run that never got to say it.
  if (observation.earlyStop && observation.result === undefined) {
    const { cause, clue, why } = observation.earlyStop
    return diagnosis(
      cause,
      [...toEvidence([clue]), { source: 'process', text: `stopped Claude Code early: ${why}` }],
      observation,
    )
  }
  // Most decisive first: the final result, then what the lines showed by where it stood (a structured
  // field, a line that shows a failure, a line of output), then in-run retries, and prose last.
  const { resultClues, lineClues, retryClues } = observation
  // Error lines and output are read together, in order: a wrapped error shows its status on one line
  // and its words on the next.
  const { structured, lines, prose } = byPlace(lineClues)
  const found =
    matchCause(resultClues) ??
    matchCause(structured) ??
    matchLatest(lines) ??
    matchLast(retryClues) ??
    matchCause(prose) ??
    matchAfterOthers([...resultClues, ...lineClues])
  if (found) {
    const { cause, matched } = refine(found, [...resultClues, ...lineClues, ...retryClues])
    return diagnosis(cause.id, [...toEvidence(matched), exitEvidence], observation)
  }
  // No cause fits: the evidence is what showed the failure, never an empty line.
  const shown =
    observation.resultClues.length > 0
      ? toEvidence(observation.resultClues)
      : observation.failureLines.length > 0
        ? toEvidence(observation.failureLines)
        : observation.lineClues.length > 0
          ? toEvidence(observation.lineClues.slice(-1))
          : observation.tail
              .filter((line) => line.trim() !== '')
              .slice(-1)
              .map((text) => ({ source: 'output' as const, text: text.trim() }))
  return diagnosis('claude-error', [...shown, exitEvidence], observation)
}

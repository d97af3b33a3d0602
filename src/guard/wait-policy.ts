// How long to wait before the next attempt. Pure: the random source is passed in.
import type { Backoff } from '../settings/settings.js'

export interface WaitPolicy {
  retryWaitSeconds: number
  backoff: Backoff
  maxWaitSeconds: number
}

/** ±20%, so parallel jobs that failed together do not retry in lockstep. */
const JITTER = 0.2

/**
 * The wait in milliseconds after failed attempt `attempt` (1-based): the first wait, doubled per attempt
 * when exponential (with jitter), capped at max-wait-seconds, and never shorter than the API's retry-after.
 */
export function nextWaitMs(policy: WaitPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number): number {
  const firstMs = policy.retryWaitSeconds * 1000
  const scheduled = policy.backoff === 'fixed' ? firstMs : firstMs * 2 ** (attempt - 1) * (1 - JITTER + 2 * JITTER * random())
  const capped = Math.min(scheduled, policy.maxWaitSeconds * 1000)
  return Math.round(Math.max(capped, retryAfterMs ?? 0))
}

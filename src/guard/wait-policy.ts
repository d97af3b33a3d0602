// How long to wait before the next attempt. Pure: the random source is passed in.
import type { Backoff } from '../settings/settings.js'

export interface WaitPolicy {
  retryWaitSeconds: number
  backoff: Backoff
  maxWaitSeconds: number
}

/**
 * The wait in milliseconds before the next attempt, given the wait before the attempt that just failed
 * (undefined or 0 after the first attempt, and after an attempt with no wait before it).
 *
 * Exponential backoff uses de-correlated jitter: a wait drawn between half the first wait and three
 * times the previous one (the first wait: between half and one and a half times retry-wait-seconds). The
 * waits grow about 1.6 times per attempt on average, as with doubling, but jobs that failed together draw
 * apart instead of retrying in lockstep: each job's next wait depends on its own last one, not on a shared
 * schedule. Every wait is capped at max-wait-seconds and never shorter than the API's retry-after.
 */
export function nextWaitMs(
  policy: WaitPolicy,
  previousWaitMs: number | undefined,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const firstMs = policy.retryWaitSeconds * 1000
  const lowest = firstMs / 2
  const highest = 3 * Math.max(previousWaitMs ?? 0, lowest)
  const scheduled = policy.backoff === 'fixed' ? firstMs : lowest + random() * (highest - lowest)
  const capped = Math.min(scheduled, policy.maxWaitSeconds * 1000)
  return Math.round(Math.max(capped, retryAfterMs ?? 0))
}

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
 * Exponential backoff uses de-correlated jitter: the first wait is drawn between half and twice
 * retry-wait-seconds, and each later one between the previous wait and twice it. The waits grow about
 * 1.5 times per attempt on average, but jobs that failed together draw apart instead of retrying in
 * lockstep: each job's next wait depends on its own last one, not on a shared schedule, and a job
 * refused again never comes back sooner than it did. Every wait is capped at max-wait-seconds
 * and never shorter than the API's retry-after.
 */
export function nextWaitMs(
  policy: WaitPolicy,
  previousWaitMs: number | undefined,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const firstMs = policy.retryWaitSeconds * 1000
  const lowest = Math.max(firstMs / 2, previousWaitMs ?? 0)
  const highest = 2 * (previousWaitMs ? lowest : firstMs)
  const scheduled = policy.backoff === 'fixed' ? firstMs : lowest + random() * (highest - lowest)
  const capped = Math.min(scheduled, policy.maxWaitSeconds * 1000)
  return Math.round(Math.max(capped, retryAfterMs ?? 0))
}

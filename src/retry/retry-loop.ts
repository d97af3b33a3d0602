// The retry loop, on p-retry: a cause that `retry-on` does not retry ends it at once (AbortError), unless
// the run switched to the fallback key; otherwise it waits as the wait policy says and tries again, never
// after the last attempt.
import pRetry, { AbortError } from 'p-retry'
import { setTimeout as sleep } from 'node:timers/promises'
import { causeOf, type CauseId } from '../diagnostics/catalogue.js'
import type { AttemptRecord } from '../report/run-report.js'
import type { RetryOn } from '../settings.js'
import { nextWaitMs, type WaitPolicy } from './wait-policy.js'

export interface RetryPlan {
  maxAttempts: number
  retryOn: RetryOn
  wait: WaitPolicy
}

export function isRetried(retryOn: RetryOn, cause: CauseId): boolean {
  if (causeOf(cause).final) return false
  if (retryOn.kind === 'transient') return causeOf(cause).retryable
  if (retryOn.kind === 'any') return true
  return retryOn.causes.includes(cause)
}

/** The plan's wait policy, held at the first wait for causes that must not back off. */
function waitPolicyFor(policy: WaitPolicy, cause: AttemptRecord['cause']): WaitPolicy {
  return cause !== 'none' && causeOf(cause).steadyWait ? { ...policy, backoff: 'fixed' } : policy
}

class FailedAttempt extends Error {
  constructor(readonly record: AttemptRecord) {
    super(`attempt ${record.number} failed: ${record.cause}`)
  }
}

export interface RetryHooks {
  /** Called before each wait; the record already carries `waitAfterMs`. */
  onRetry(record: AttemptRecord): void
  signal?: AbortSignal
  random?: () => number
}

export interface RetryOutcome {
  records: AttemptRecord[]
  /** An attempt threw instead of returning a record: a fault of the action itself, never retried. */
  internalError?: Error
}

/**
 * Runs attempts until one succeeds, one fails for good, the attempts run out or the signal aborts.
 * `runAttempt` gets the records so far (the previous attempt decides how the next one starts).
 */
export async function retryAttempts(
  plan: RetryPlan,
  runAttempt: (attemptNumber: number, previous: readonly AttemptRecord[]) => Promise<AttemptRecord>,
  hooks: RetryHooks,
): Promise<RetryOutcome> {
  const records: AttemptRecord[] = []
  const random = hooks.random ?? Math.random
  try {
    await pRetry(
      async (attemptNumber) => {
        const record = await runAttempt(attemptNumber, records).catch((error: unknown) => {
          throw new AbortError(error instanceof Error ? error : new Error(String(error)))
        })
        records.push(record)
        if (record.cause === 'none') return
        const failure = new FailedAttempt(record)
        const retried = isRetried(plan.retryOn, record.cause) || record.retryWithFallback === true
        throw retried && !hooks.signal?.aborted ? failure : new AbortError(failure)
      },
      {
        retries: plan.maxAttempts - 1,
        // p-retry's own delay is off: the wait policy decides, honouring the API's retry-after.
        minTimeout: 0,
        signal: hooks.signal,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft === 0 || !(error instanceof FailedAttempt)) return
          const { record } = error
          // Another credential is not limited by what failed: it needs no wait.
          record.waitAfterMs = record.retryWithFallback
            ? 0
            : nextWaitMs(waitPolicyFor(plan.wait, record.cause), attemptNumber, record.retryAfterMs, random)
          hooks.onRetry(record)
          await sleep(record.waitAfterMs, undefined, { signal: hooks.signal }).catch(() => undefined)
        },
      },
    )
  } catch (error) {
    if (!(error instanceof FailedAttempt) && !hooks.signal?.aborted) {
      return { records, internalError: error instanceof Error ? error : new Error(String(error)) }
    }
  }
  return { records }
}

// The retry loop, on p-retry, which counts the attempts and stops on the run's signal. After each
// attempt a pure decision says what follows it: stop, or wait and try again (the wait chosen by the wait
// policy, honouring the API's retry-after; none before the fallback key's first attempt). The record of
// the attempt is built once, with that wait in it.
import pRetry from 'p-retry'
import { setTimeout as sleep } from 'node:timers/promises'
import { causeOf } from '../diagnosis/catalogue.js'
import { attemptRecord, type AttemptFacts } from '../report/build-report.js'
import type { AttemptRecord } from '../report/run-report.js'
import { isRetried, type RetryOn } from '../settings/settings.js'
import { nextWaitMs, type WaitPolicy } from './wait-policy.js'

export interface RetryPlan {
  maxAttempts: number
  retryOn: RetryOn
  wait: WaitPolicy
}

/** What follows an attempt. */
export type NextStep = { kind: 'stop' } | { kind: 'retry'; waitMs: number }

const STOP: NextStep = { kind: 'stop' }

/**
 * Decides what follows an attempt, given the wait before it (each wait is drawn from the last). Pure: the
 * random source is passed in.
 */
export function nextStep(plan: RetryPlan, attempt: AttemptFacts, waitBeforeMs: number, random: () => number): NextStep {
  const { diagnosis } = attempt
  if (diagnosis === undefined || attempt.number >= plan.maxAttempts) return STOP
  // Another credential is not limited by what failed: it needs no wait.
  if (attempt.withFallback) return { kind: 'retry', waitMs: 0 }
  if (!isRetried(plan.retryOn, diagnosis.cause)) return STOP
  const policy: WaitPolicy = causeOf(diagnosis.cause).retry === 'steady' ? { ...plan.wait, backoff: 'fixed' } : plan.wait
  return { kind: 'retry', waitMs: nextWaitMs(policy, waitBeforeMs, diagnosis.retryAfterMs, random) }
}

/** p-retry's signal to run the input again; it carries nothing (the record is already kept). */
class RetryWanted extends Error {}

export interface RetryHooks {
  /** Called before each wait, with the record of the attempt that failed. */
  onRetry(record: AttemptRecord): void
  signal?: AbortSignal
  random?: () => number
}

export interface RetryOutcome {
  records: AttemptRecord[]
  /** An attempt threw instead of returning: a fault of the action itself, never retried. */
  internalError?: Error
}

/**
 * Runs attempts until one succeeds, one fails for good, the attempts run out or the signal aborts.
 * `runAttempt` gets the previous attempt's record (it decides how the next one starts).
 */
export async function retryAttempts(
  plan: RetryPlan,
  runAttempt: (attemptNumber: number, previous: AttemptRecord | undefined) => Promise<AttemptFacts>,
  hooks: RetryHooks,
): Promise<RetryOutcome> {
  const records: AttemptRecord[] = []
  const random = hooks.random ?? Math.random
  let waitMs = 0
  try {
    await pRetry(
      async (attemptNumber) => {
        if (waitMs > 0) await sleep(waitMs, undefined, { signal: hooks.signal })
        const attempt = await runAttempt(attemptNumber, records.at(-1))
        const next = hooks.signal?.aborted ? STOP : nextStep(plan, attempt, waitMs, random)
        waitMs = next.kind === 'retry' ? next.waitMs : 0
        const record = attemptRecord(attempt, waitMs)
        records.push(record)
        if (next.kind === 'stop') return
        hooks.onRetry(record)
        throw new RetryWanted()
      },
      {
        retries: plan.maxAttempts - 1,
        // The wait is the input's own first step, so that p-retry adds none.
        minTimeout: 0,
        signal: hooks.signal,
        shouldRetry: ({ error }) => error instanceof RetryWanted,
      },
    )
  } catch (error) {
    if (!hooks.signal?.aborted) return { records, internalError: error instanceof Error ? error : new Error(String(error)) }
  }
  return { records }
}

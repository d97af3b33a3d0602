import { describe, expect, it } from 'vitest'
import type { CauseId } from '../../src/diagnosis/catalogue.ts'
import { AttemptObserver } from '../../src/diagnosis/observation.ts'
import { retryAttempts, type RetryPlan } from '../../src/guard/retry-loop.ts'
import type { AttemptFacts } from '../../src/report/build-report.ts'
import { isRetried } from '../../src/settings/settings.ts'

const plan = (overrides: Partial<RetryPlan> = {}): RetryPlan => ({
  maxAttempts: 3,
  retryOn: { kind: 'transient' },
  wait: { retryWaitSeconds: 0.01, backoff: 'fixed', maxWaitSeconds: 1 },
  ...overrides,
})

const record = (number: number, cause: CauseId | 'none', retryAfterMs?: number): AttemptFacts => ({
  number,
  startedAt: new Date(),
  durationMs: 1,
  outcome: { exitCode: cause === 'none' ? 0 : 1, signal: null },
  observation: new AttemptObserver('stream-json').observation,
  diagnosis: cause === 'none' ? undefined : { cause, evidence: [], ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
})

/** Runs the loop over a script of causes, one per attempt. */
async function loop(causes: (CauseId | 'none')[], overrides: Partial<RetryPlan> = {}, retryAfterMs?: number) {
  const retried: number[] = []
  const { records } = await retryAttempts(plan(overrides), (n) => Promise.resolve(record(n, causes[n - 1], retryAfterMs)), {
    onRetry: (r) => retried.push(r.number),
  })
  return { records, retried }
}

describe('retryAttempts', () => {
  it('stops at the first success', async () => {
    const { records, retried } = await loop(['overloaded', 'none', 'overloaded'])
    expect(records.map((r) => r.cause)).toEqual(['overloaded', 'none'])
    expect(retried).toEqual([1])
    expect(records[0].waitAfterMs).toBe(10)
  })

  it('holds a credit false alarm at the first wait while other causes back off', async () => {
    const exponential = { wait: { retryWaitSeconds: 0.01, backoff: 'exponential' as const, maxWaitSeconds: 1 } }
    const steady = await retryAttempts(
      plan(exponential),
      (n) => Promise.resolve(record(n, n < 3 ? 'credit-false-alarm' : 'none')),
      { onRetry: () => undefined, random: () => 0.5 },
    )
    expect(steady.records.map((r) => r.waitAfterMs)).toEqual([10, 10, 0])
    const backedOff = await retryAttempts(plan(exponential), (n) => Promise.resolve(record(n, n < 3 ? 'overloaded' : 'none')), {
      onRetry: () => undefined,
      random: () => 0.5,
    })
    expect(backedOff.records.map((r) => r.waitAfterMs)).toEqual([13, 20, 0])
  })

  it('ends at once on a cause a retry cannot fix', async () => {
    const { records, retried } = await loop(['api-key-invalid', 'none'])
    expect(records.map((r) => r.cause)).toEqual(['api-key-invalid'])
    expect(retried).toEqual([])
  })

  it('goes on without a wait after a cause no retry fixes when the run switched to the fallback key', async () => {
    const { records } = await retryAttempts(
      plan(),
      (n) => Promise.resolve({ ...record(n, n === 1 ? 'credit-exhausted' : 'none'), withFallback: n === 1 }),
      { onRetry: () => undefined },
    )
    expect(records.map((r) => [r.cause, r.waitAfterMs])).toEqual([
      ['credit-exhausted', 0],
      ['none', 0],
    ])
  })

  it('runs every attempt and waits after all but the last', async () => {
    const { records } = await loop(['overloaded', 'overloaded', 'overloaded'])
    expect(records.map((r) => r.waitAfterMs)).toEqual([10, 10, 0])
  })

  it('retries every failure with retry-on: any, and only the listed causes with a list', async () => {
    expect((await loop(['claude-error', 'none'], { retryOn: { kind: 'any' } })).records).toHaveLength(2)
    expect((await loop(['overloaded', 'none'], { retryOn: { kind: 'causes', causes: ['rate-limited'] } })).records).toHaveLength(
      1,
    )
  })

  it('waits at least the retry-after the API asked for', async () => {
    const { records } = await loop(['rate-limited', 'none'], {}, 50)
    expect(records[0].waitAfterMs).toBe(50)
  })

  it('makes a single attempt when max-attempts is 1', async () => {
    expect((await loop(['overloaded', 'none'], { maxAttempts: 1 })).records).toHaveLength(1)
  })
})

describe('isRetried', () => {
  it('follows the catalogue for transient', () => {
    expect(isRetried({ kind: 'transient' }, 'credit-balance-low')).toBe(true)
    expect(isRetried({ kind: 'transient' }, 'spend-limit')).toBe(false)
  })

  it('never retries a cancellation, a bad input or a fault of the action, not even with retry-on: any', () => {
    expect(isRetried({ kind: 'any' }, 'cancelled')).toBe(false)
    expect(isRetried({ kind: 'any' }, 'input-invalid')).toBe(false)
    expect(isRetried({ kind: 'any' }, 'internal-error')).toBe(false)
    expect(isRetried({ kind: 'any' }, 'model-not-found')).toBe(true)
  })
})

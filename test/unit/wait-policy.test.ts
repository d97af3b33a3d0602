import { describe, expect, it } from 'vitest'
import { nextWaitMs, type WaitPolicy } from '../../src/guard/wait-policy.ts'

const exponential: WaitPolicy = { retryWaitSeconds: 10, backoff: 'exponential', maxWaitSeconds: 300 }
const middle = (): number => 0.5

describe('nextWaitMs', () => {
  it('doubles the first wait after each failed attempt when exponential', () => {
    expect([1, 2, 3, 4].map((attempt) => nextWaitMs(exponential, attempt, undefined, middle))).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ])
  })

  it('jitters exponential waits by at most ±20%', () => {
    expect(nextWaitMs(exponential, 1, undefined, () => 0)).toBe(8_000)
    expect(nextWaitMs(exponential, 1, undefined, () => 1)).toBe(12_000)
  })

  it('keeps a fixed wait fixed, without jitter', () => {
    const fixed: WaitPolicy = { ...exponential, backoff: 'fixed' }
    expect([1, 2, 3].map((attempt) => nextWaitMs(fixed, attempt, undefined, () => 0.9))).toEqual([10_000, 10_000, 10_000])
  })

  it('caps a wait at max-wait-seconds', () => {
    expect(nextWaitMs({ ...exponential, maxWaitSeconds: 30 }, 5, undefined, middle)).toBe(30_000)
  })

  it('never waits less than the API’s retry-after, even past the cap', () => {
    expect(nextWaitMs({ ...exponential, maxWaitSeconds: 5 }, 1, 42_000, middle)).toBe(42_000)
    expect(nextWaitMs(exponential, 1, 2_000, middle)).toBe(10_000)
  })
})

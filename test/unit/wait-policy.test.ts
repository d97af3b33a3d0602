import { describe, expect, it } from 'vitest'
import { nextWaitMs, type WaitPolicy } from '../../src/guard/wait-policy.ts'

const exponential: WaitPolicy = { retryWaitSeconds: 10, backoff: 'exponential', maxWaitSeconds: 300 }
const middle = (): number => 0.5

/** The waits one job draws in a row, each from the last. */
function waits(policy: WaitPolicy, count: number, random: () => number): number[] {
  const drawn: number[] = []
  for (let i = 0; i < count; i++) drawn.push(nextWaitMs(policy, drawn.at(-1), undefined, random))
  return drawn
}

describe('nextWaitMs', () => {
  it('draws the first exponential wait between half and twice retry-wait-seconds', () => {
    expect(nextWaitMs(exponential, undefined, undefined, () => 0)).toBe(5_000)
    expect(nextWaitMs(exponential, undefined, undefined, middle)).toBe(12_500)
    expect(nextWaitMs(exponential, undefined, undefined, () => 1)).toBe(20_000)
  })

  it('draws each later wait between the previous one and twice it', () => {
    expect(nextWaitMs(exponential, 20_000, undefined, () => 0)).toBe(20_000)
    expect(nextWaitMs(exponential, 20_000, undefined, () => 1)).toBe(40_000)
    expect(waits(exponential, 4, middle)).toEqual([12_500, 18_750, 28_125, 42_188])
  })

  it('never draws a later wait under half the first one, whatever came before', () => {
    expect(nextWaitMs(exponential, 1_000, undefined, () => 0)).toBe(5_000)
    expect(nextWaitMs(exponential, 1_000, undefined, () => 1)).toBe(10_000)
  })

  it('treats an attempt with no wait before it (the fallback key) like the first', () => {
    expect(nextWaitMs(exponential, 0, undefined, () => 1)).toBe(20_000)
  })

  it('spreads jobs that failed together: their waits depend on their own draws', () => {
    const spread = (draw: number): number[] => waits(exponential, 3, () => draw)
    expect(spread(0.2)[2]).toBeLessThan(spread(0.8)[2] / 3)
  })

  it('keeps a fixed wait fixed, without jitter', () => {
    const fixed: WaitPolicy = { ...exponential, backoff: 'fixed' }
    expect(waits(fixed, 3, () => 0.9)).toEqual([10_000, 10_000, 10_000])
  })

  it('caps a wait at max-wait-seconds', () => {
    expect(nextWaitMs({ ...exponential, maxWaitSeconds: 30 }, 80_000, undefined, middle)).toBe(30_000)
  })

  it('never waits less than the API’s retry-after, even past the cap', () => {
    expect(nextWaitMs({ ...exponential, maxWaitSeconds: 5 }, undefined, 42_000, middle)).toBe(42_000)
    expect(nextWaitMs(exponential, undefined, 2_000, middle)).toBe(12_500)
  })
})

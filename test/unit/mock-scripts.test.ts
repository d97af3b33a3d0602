import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { overloadedFor, tokenBucket, type RecordedRequest } from '../../src/demo/mock-api.ts'

const call = (client: RecordedRequest['client'] = 'claude-code', path = '/v1/messages'): RecordedRequest => ({
  method: 'POST',
  path,
  userAgent: '',
  apiKey: '',
  authorization: '',
  body: '',
  client,
  credential: '',
})

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => vi.useRealTimers())

describe('tokenBucket', () => {
  it('answers a full bucket, then 429 with the seconds until the next token, then refills', () => {
    const script = tokenBucket(2, 0.5)
    expect([0, 1, 2].map((index) => script(call(), index).kind)).toEqual(['success', 'success', 'rate-limited'])
    expect(script(call(), 3)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 2 })
    vi.setSystemTime(2_000)
    expect(script(call(), 4).kind).toBe('success')
    expect(script(call(), 5).kind).toBe('rate-limited')
  })

  it('does not spend tokens on calls other than model calls', () => {
    const script = tokenBucket(1, 1)
    expect(script(call('sdk', '/v1/models'), 0).kind).toBe('success')
    expect(script(call(), 0).kind).toBe('success')
    expect(script(call(), 1).kind).toBe('rate-limited')
  })
})

describe('overloadedFor', () => {
  it("answers 529 until the time has passed since Claude Code's first call, then success", () => {
    vi.setSystemTime(5_000)
    const script = overloadedFor(10_000)
    vi.setSystemTime(8_000)
    expect(script(call(), 0).kind).toBe('overloaded')
    vi.setSystemTime(17_999)
    expect(script(call(), 1).kind).toBe('overloaded')
    expect(script(call('sdk'), 0).kind).toBe('success')
    vi.setSystemTime(18_000)
    expect(script(call(), 2).kind).toBe('success')
  })
})

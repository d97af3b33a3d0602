// The catalogue against Claude Code's real outputs, recorded from the CLI against the mock API.
import { describe, expect, it } from 'vitest'
import { replayFixture } from '../support/fixtures.ts'

const failures: [scenario: string, cause: string][] = [
  ['credit', 'credit-balance-low'],
  ['spend-limit', 'spend-limit'],
  ['unauthorized', 'api-key-invalid'],
  ['forbidden', 'permission-denied'],
  ['rate-limited', 'rate-limited'],
  ['overloaded', 'overloaded'],
  ['server-error', 'server-error'],
  ['reset', 'network-error'],
]

describe.each(['stream-json', 'text'] as const)('recorded %s output', (format) => {
  it('diagnoses success as no failure', () => {
    expect(replayFixture('success', format).diagnosis).toBeUndefined()
  })

  it.each(failures)('diagnoses %s as %s, with evidence', (scenario, cause) => {
    const { diagnosis } = replayFixture(scenario, format)
    expect(diagnosis?.cause).toBe(cause)
    expect(diagnosis?.evidence.some((item) => item.source !== 'process')).toBe(true)
  })
})

describe('stream-json details', () => {
  it('reads the result, cost and session of a success', () => {
    const { observation } = replayFixture('success', 'stream-json')
    expect(observation.result?.result).toBe('Mock reply: all good.')
    expect(observation.result?.totalCostUsd).toBeGreaterThan(0)
    expect(observation.sessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(observation.init?.apiKeySource).toBe('ANTHROPIC_API_KEY')
  })

  it('counts Claude Code’s in-run retries and their statuses', () => {
    const { observation } = replayFixture('overloaded', 'stream-json')
    expect(observation.apiRetryCount).toBe(10)
    expect(observation.apiRetryStatuses).toEqual([529])
    expect(observation.apiRetryDelayMs).toBeGreaterThan(10_000)
  })

  it('asks to stop early on the first in-run retry of a 401, but not of a 529', () => {
    expect(replayFixture('unauthorized', 'stream-json').observation.earlyStop?.cause).toBe('api-key-invalid')
    expect(replayFixture('overloaded', 'stream-json').observation.earlyStop).toBeUndefined()
  })

  it('takes the API’s retry-after from the delays Claude Code scheduled for a 429', () => {
    // The mock sent retry-after: 1; Claude Code waits max(retry-after, its own backoff).
    expect(replayFixture('rate-limited', 'stream-json').diagnosis?.retryAfterMs).toBe(1000)
  })

  it('quotes the HTTP status and the error text as evidence of a credit error', () => {
    const texts = replayFixture('credit', 'stream-json').diagnosis?.evidence.map((item) => item.text) ?? []
    expect(texts).toContain('HTTP 400 · Credit balance is too low')
  })
})

// The catalogue against Claude Code's real outputs, recorded from the CLI against the mock API.
import { describe, expect, it } from 'vitest'
import { classify } from '../../src/diagnosis/classify.ts'
import { AttemptObserver, UNREACHABLE_RETRIES_TO_STOP } from '../../src/diagnosis/observation.ts'
import { CONTENDED_429S_TO_STOP, STILL_CONTENDED_429S_TO_STOP } from '../../src/guard/guard.ts'
import { FIXTURE_VERSIONS, replayFixture } from '../support/fixtures.ts'

const failures: [scenario: string, cause: string][] = [
  ['credit', 'credit-balance-low'],
  ['spend-limit', 'spend-limit'],
  ['unauthorized', 'api-key-invalid'],
  ['forbidden', 'permission-denied'],
  ['rate-limited', 'rate-limited'],
  ['overloaded', 'overloaded'],
  ['server-error', 'server-error'],
  ['reset', 'network-error'],
  ['unreachable-max-retries', 'network-error'],
  ['prompt-too-long', 'context-window-exceeded'],
  ['invalid-request', 'invalid-request'],
  ['request-too-large', 'request-too-large'],
  ['organization-disabled', 'organization-disabled'],
  ['oauth-expired', 'oauth-token-invalid'],
  ['not-found-model', 'model-not-found'],
  ['usage-limit', 'usage-limit'],
]

describe.each(
  FIXTURE_VERSIONS.flatMap((version) => (['stream-json', 'text'] as const).map((format) => [version, format] as const)),
)('recorded Claude Code %s %s output', (version, format) => {
  it('diagnoses success as no failure', () => {
    expect(replayFixture('success', format, version).diagnosis).toBeUndefined()
    expect(replayFixture('oauth-success', format, version).diagnosis).toBeUndefined()
  })

  it.each(failures)('diagnoses %s as %s, with evidence', (scenario, cause) => {
    const { diagnosis } = replayFixture(scenario, format, version)
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
    // The mock sent retry-after: 1; Claude Code waits max(retry-after, its own backoff), and since 2.1.332
    // adds a little jitter to it.
    expect(replayFixture('rate-limited', 'stream-json', '2.1.197').diagnosis?.retryAfterMs).toBe(1000)
    const jittered = replayFixture('rate-limited', 'stream-json', '2.1.332').diagnosis?.retryAfterMs
    expect(jittered).toBeGreaterThanOrEqual(1000)
    expect(jittered).toBeLessThan(1500)
  })

  it('quotes the HTTP status and the error text as evidence of a credit error', () => {
    for (const version of FIXTURE_VERSIONS) {
      const texts = replayFixture('credit', 'stream-json', version).diagnosis?.evidence.map((item) => item.text) ?? []
      expect(texts.some((text) => text.startsWith('HTTP 400 · ') && text.endsWith('Credit balance is too low'))).toBe(true)
    }
  })

  it('reads when a subscription limit resets from the stream, in both versions', () => {
    for (const version of FIXTURE_VERSIONS) {
      const { diagnosis } = replayFixture('usage-limit', 'stream-json', version)
      expect(diagnosis?.cause).toBe('usage-limit')
      expect(diagnosis?.resetsAt).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
    }
  })

  it.each(FIXTURE_VERSIONS)(
    'stops a rate-limited attempt of %s when its retry at the retry-after is refused again, if the run will retry',
    (version) => {
      const contended = replayFixture('rate-limited', 'stream-json', version, {
        rateLimitedToStop: CONTENDED_429S_TO_STOP,
      }).observation
      expect(contended.earlyStop?.cause).toBe('rate-limited')
      // The first 429 alone may be a blip; the second, at the time the API named, is the contention.
      expect(contended.apiRetries.slice(0, 2).every((retry) => retry.errorStatus === 429)).toBe(true)
      expect(contended.earlyStop?.clue.text).toMatch(/retry 2\/\d+: refused again/)
      expect(replayFixture('rate-limited', 'stream-json', version).observation.earlyStop).toBeUndefined()
      expect(
        replayFixture('overloaded', 'stream-json', version, { rateLimitedToStop: CONTENDED_429S_TO_STOP }).observation.earlyStop,
      ).toBeUndefined()
    },
  )

  it('diagnoses an attempt stopped for contention as rate-limited, with the API’s wait', () => {
    const observer = new AttemptObserver('stream-json', { rateLimitedToStop: CONTENDED_429S_TO_STOP })
    const retry = (attempt: number, status: number): string =>
      JSON.stringify({
        type: 'system',
        subtype: 'api_retry',
        attempt,
        max_retries: 10,
        retry_delay_ms: 2040 + attempt,
        error_status: status,
        error: 'rate_limit',
      })
    observer.addLine('stdout', retry(1, 529))
    observer.addLine('stdout', retry(2, 429))
    expect(observer.earlyStop).toBeUndefined()
    observer.addLine('stdout', retry(3, 429))
    const diagnosis = classify(observer.observation, { exitCode: null, signal: 'SIGTERM' })
    expect(diagnosis?.cause).toBe('rate-limited')
    expect(diagnosis?.retryAfterMs).toBe(2042)
    expect(diagnosis?.evidence.map((item) => item.text).join('\n')).toContain(
      'stopped Claude Code early: a jittered wait spreads the jobs',
    )
  })

  it.each(FIXTURE_VERSIONS)(
    'stops a rate-limited attempt of %s at its first 429 once the limit is known to be contended',
    (version) => {
      const { earlyStop, apiRetries } = replayFixture('rate-limited', 'stream-json', version, {
        rateLimitedToStop: STILL_CONTENDED_429S_TO_STOP,
      }).observation
      expect(earlyStop?.cause).toBe('rate-limited')
      expect(apiRetries[0]?.errorStatus).toBe(429)
      expect(earlyStop?.clue.text).toMatch(/retry 1\/\d+: the limit is still taken by other jobs/)
    },
  )

  it('stops an attempt after a few status-less retries when the preflight could not connect either', () => {
    const observer = new AttemptObserver('stream-json', { apiUnreachable: true })
    const plain = new AttemptObserver('stream-json')
    const retry = (attempt: number): string =>
      JSON.stringify({
        type: 'system',
        subtype: 'api_retry',
        attempt,
        max_retries: 10,
        retry_delay_ms: 500,
        error_status: null,
        error: 'unknown',
      })
    for (let attempt = 1; attempt <= UNREACHABLE_RETRIES_TO_STOP; attempt++) {
      expect(observer.observation.earlyStop).toBeUndefined()
      observer.addLine('stdout', retry(attempt))
      plain.addLine('stdout', retry(attempt))
    }
    expect(observer.observation.earlyStop?.cause).toBe('network-error')
    expect(observer.observation.earlyStop?.clue.text).toContain('could not connect (no HTTP status)')
    expect(plain.observation.earlyStop).toBeUndefined()
  })
})

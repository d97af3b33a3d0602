// What a run used and a subscription's rate limit, from recorded Claude Code output of each tested
// version: the attempt's usage by model and in all, the rate-limit state, the run's totals over attempts,
// and the one line every view shows when a window is nearly used up.
import { describe, expect, it } from 'vitest'
import { attemptRecord, buildReport } from '../../src/report/build-report.ts'
import { rateLimitWarning, readableTime, renderContext } from '../../src/render/pieces.ts'
import { renderText } from '../../src/render/terminal.ts'
import { FIXTURE_VERSIONS, replayFixture } from '../support/fixtures.ts'

const recordOf = (scenario: string, version: string, number = 1) => {
  const { observation, diagnosis } = replayFixture(scenario, 'stream-json', version)
  return attemptRecord({
    number,
    startedAt: new Date(),
    durationMs: 1000,
    outcome: { exitCode: diagnosis ? 1 : 0, signal: null },
    observation,
    diagnosis,
  })
}

describe.each(FIXTURE_VERSIONS)('Claude Code %s', (version) => {
  it('a success reports its tokens in all and by model, with the cost', () => {
    const record = recordOf('success', version)
    expect(record.usage?.input).toBeGreaterThan(0)
    expect(record.usage?.output).toBeGreaterThan(0)
    const models = Object.values(record.usage?.models ?? {})
    expect(models.length).toBeGreaterThan(0)
    expect(models.reduce((sum, model) => sum + model.output, 0)).toBe(record.usage?.output)
    expect(record.usage?.costUsd).toBe(record.costUsd)
    expect(record.rateLimit).toBeUndefined()
  })

  it('a subscription near its limit reports the window, how much is used and when it resets', () => {
    const record = recordOf('oauth-success', version)
    expect(record.rateLimit).toMatchObject({
      status: 'allowed_warning',
      window: 'five_hour',
      utilization: 0.92,
      surpassedThreshold: 0.9,
    })
    expect(record.rateLimit?.resetsAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    const report = buildReport({ attempts: [record], startedAt: new Date() })
    expect(rateLimitWarning(report)).toBe(
      `The Claude subscription’s five-hour window is 92% used and resets at ${readableTime(record.rateLimit?.resetsAt ?? '')}.`,
    )
    const text = renderText(report, renderContext({}, 'terminal'))
    expect(text).toContain('⚠ The Claude subscription’s five-hour window is 92% used')
    expect(text).toMatch(/tokens: \d[\d,]* in, \d[\d,]* out/)
  })

  it('a refused subscription is the usage-limit diagnosis, with the window and its use in the evidence', () => {
    const { diagnosis } = replayFixture('usage-limit', 'stream-json', version)
    expect(diagnosis?.cause).toBe('usage-limit')
    expect(diagnosis?.resetsAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    const evidence = diagnosis?.evidence.map((item) => item.text).join(' ')
    expect(evidence).toMatch(/subscription five-hour limit reached.{0,20}; resets \d{4}-/)
    // 2.1.197 does not say how much of a refused window was used; later versions do.
    if (version !== '2.1.197') expect(evidence).toContain('five-hour limit reached (102% used)')
    const report = buildReport({ attempts: [recordOf('usage-limit', version)], startedAt: new Date() })
    // The refusal is the diagnosis itself, not a warning next to it.
    expect(rateLimitWarning(report)).toBeUndefined()
  })
})

it('the run adds up the tokens and cost of every attempt, model by model', () => {
  const first = recordOf('success', '2.1.332', 1)
  const second = recordOf('success', '2.1.332', 2)
  const report = buildReport({ attempts: [first, second], startedAt: new Date() })
  expect(report.usage?.input).toBe((first.usage?.input ?? 0) * 2)
  expect(report.usage?.costUsd).toBeCloseTo((first.usage?.costUsd ?? 0) * 2, 10)
  const [model] = Object.keys(first.usage?.models ?? {})
  expect(report.usage?.models[model].output).toBe((first.usage?.models[model].output ?? 0) * 2)
})

describe.each(FIXTURE_VERSIONS)('the evidence of Claude Code %s', (version) => {
  it.each(['credit', 'unauthorized', 'overloaded', 'spend-limit'])('of %s shows each message once', (scenario) => {
    const { diagnosis } = replayFixture(scenario, 'stream-json', version)
    const messages = (diagnosis?.evidence ?? []).map((item) => item.text.split(' · ').at(-1))
    expect(new Set(messages).size).toBe(messages.length)
  })
})

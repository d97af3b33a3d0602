// What a run used and how close it came to a limit, from the real Claude Code against the mock API: the
// token outputs, the usage JSON, and a subscription's rate-limit state with one warning annotation and
// one line in the summary when a window is nearly used up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMockApi, type MockApi } from '../../src/demo/mock-api.ts'
import { runAction } from '../support/run-action.ts'

const KEY = 'sk-ant-api03-E2E-usage-key-00000000000000000000000000000-abcd'
const OAUTH = `sk-ant-oat01-${'uSaGeT0k'.repeat(11)}-5vRtAA`
let api: MockApi

beforeEach(async () => {
  api = await startMockApi()
})
afterEach(async () => {
  await api.close()
})

/** The `::warning …::` annotations the action printed, their escapes undone as the runner does. */
const warnings = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('::warning'))
    .map((line) => line.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))

describe('usage and the subscription rate limit', () => {
  it('a subscription at allowed_warning: a green step, the window at 92 % with its reset, tokens, one warning, the summary line', async () => {
    api.setScript(() => ({ kind: 'success', unified: 'allowed_warning' }))
    const action = await runAction({
      inputs: { prompt: 'Say hello', 'claude-code-oauth-token': OAUTH },
      env: { ANTHROPIC_API_KEY: undefined },
      apiUrl: api.url,
    })
    expect(action.exitCode).toBe(0)
    expect(action.outputs.conclusion).toBe('success')
    const rateLimit = JSON.parse(action.outputs['rate-limit']) as Record<string, unknown>
    expect(rateLimit).toMatchObject({ status: 'allowed_warning', window: 'five_hour', utilization: 0.92 })
    expect(Date.parse(String(rateLimit['resets-at']))).toBeGreaterThan(Date.now())
    expect(Number(action.outputs['input-tokens'])).toBeGreaterThan(0)
    expect(Number(action.outputs['output-tokens'])).toBeGreaterThan(0)
    const usage = JSON.parse(action.outputs.usage) as {
      'input-tokens': number
      'cost-usd': number
      models: Record<string, unknown>
    }
    expect(usage['input-tokens']).toBe(Number(action.outputs['input-tokens']))
    expect(Object.keys(usage.models).length).toBeGreaterThan(0)
    const near = warnings(action.stdout).filter((line) => line.includes('Subscription limit near'))
    expect(near).toHaveLength(1)
    expect(near[0]).toContain('five-hour window is 92% used and resets at')
    expect(action.summary).toMatch(/⚠️ \*\*Subscription limit near:\*\* The Claude subscription’s five-hour window is 92% used/)
    expect(action.summary).toMatch(/\*\*Tokens\*\* \d[\d,]* in, \d[\d,]* out/)
  })

  it('an API key: rate-limit is empty, the token outputs are filled, and no warning', async () => {
    const action = await runAction({ inputs: { prompt: 'Say hello' }, env: { ANTHROPIC_API_KEY: KEY }, apiUrl: api.url })
    expect(action.exitCode).toBe(0)
    expect(action.outputs['rate-limit']).toBe('')
    expect(Number(action.outputs['input-tokens'])).toBeGreaterThan(0)
    expect(Number(action.outputs['output-tokens'])).toBeGreaterThan(0)
    expect(warnings(action.stdout).filter((line) => line.includes('Subscription limit near'))).toHaveLength(0)
    expect(action.summary).not.toContain('Subscription limit near')
  })

  it('a failure is one error annotation, titled with the cause, on one line', async () => {
    api.setScript(() => ({ kind: 'credit' }))
    const action = await runAction({
      inputs: { prompt: 'Say hello', 'max-attempts': '1', 'verify-credit': 'false' },
      env: { ANTHROPIC_API_KEY: KEY },
      apiUrl: api.url,
    })
    expect(action.exitCode).toBe(1)
    const errors = action.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^::error title=Credit balance is too low::/)
  })
})

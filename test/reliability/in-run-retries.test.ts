// Claude Code's own retries: 429/529/5xx are left to it (and reported when it recovered), while errors
// no retry can fix end the attempt at once: 401 is stopped at its first in-run retry, and 403 and
// spend-limit bodies end the CLI by themselves (2.1.197 does not retry them). Not retried by the action.
import { claudeVersion } from '../support/claude.ts'
import { describe, expect, it } from 'vitest'
import { sequence, type Reply } from '../../src/demo/mock-api.ts'
import { runAction } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { always, mockApiPerTest, TEST_KEY } from './mock-api.ts'

const GUARANTEE = "Claude Code's own retries: hopeless ones stopped, recovered ones reported"
const PROMPT = { prompt: 'Say hello.', 'anthropic-api-key': TEST_KEY, 'retry-wait-seconds': '0', 'retry-on': 'any' }

describe("Claude Code's own retries", () => {
  const startApi = mockApiPerTest()

  const hopeless: [string, Reply, string][] = [
    ['401, stopped at its first in-run retry', { kind: 'unauthorized' }, 'api-key-invalid'],
    ['403, ends the CLI at once', { kind: 'forbidden' }, 'permission-denied'],
    ['spend limit (400), ends the CLI at once', { kind: 'spend-limit' }, 'spend-limit'],
  ]
  for (const [name, reply, cause] of hopeless) {
    it(name, async () => {
      const api = await startApi(always(reply))
      // Claude Code's default 10 in-run retries: a 401 would keep it busy for minutes if not stopped.
      const run = await runAction({ apiUrl: api.url, inputs: { ...PROMPT, 'retry-on': 'transient' } })
      await holds(GUARANTEE, name, () => {
        expect(run.outputs.cause).toBe(cause)
        expect(run.outputs.attempts).toBe('1')
        // At most the first request and one in-run retry reached the API. Since 2.1.332 Claude Code
        // repeats a spend-limit request a few times without an api_retry event to stop it at.
        const silentRetries = cause === 'spend-limit' && claudeVersion() !== '2.1.197'
        expect(api.messageCalls('claude-code').length).toBeLessThanOrEqual(silentRetries ? 6 : 2)
      })
    })
  }

  it('in-run retries the CLI recovered from are reported', async () => {
    const api = await startApi(sequence(2, { kind: 'overloaded' }))
    const run = await runAction({ apiUrl: api.url, inputs: PROMPT })
    await holds(GUARANTEE, 'two 529s recovered in-run, reported', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(run.outputs.attempts).toBe('1')
      const retries = (
        run.report?.attempts[0] as unknown as { inRunRetries: { count: number; statuses: number[]; totalDelayMs: number } }
      ).inRunRetries
      expect(retries.count).toBe(2)
      expect(retries.statuses).toEqual([529])
      expect(retries.totalDelayMs).toBeGreaterThan(0)
      expect(run.summary).toMatch(/Claude Code’s own retries: 2 \(HTTP 529\), \d+\.\d s of waiting/)
    })
  })
})

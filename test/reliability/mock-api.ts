// The mock Anthropic API as the reliability suite uses it: one per test, closed after it.
import { afterEach } from 'vitest'
import { startMockApi, type MockApi, type Reply, type Script } from '../../src/demo/mock-api.ts'

/** For a `command` with no key: the credential checks before the first attempt would stop it. */
export const NO_PREFLIGHT = { preflight: 'false' }

/** A key of the real shape; the redactor must hide it everywhere. */
export const TEST_KEY = 'sk-ant-api03-RELIABILITYRELIABILITY-AAAA'

/** Starts mock APIs inside tests of the calling `describe` and closes them after each test. */
export function mockApiPerTest(): (script: Script) => Promise<MockApi> {
  const started: MockApi[] = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map((api) => api.close()))
  })
  return async (script) => {
    const api = await startMockApi(script)
    started.push(api)
    return api
  }
}

/** Every model call of Claude Code gets `reply`; the SDK's probes succeed. */
export const always =
  (reply: Reply): Script =>
  (request) =>
    request.client === 'claude-code' ? reply : { kind: 'success' }

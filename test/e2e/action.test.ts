// The bundled action, run as the runner runs it, around the real Claude Code CLI and a mock API.
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sequence, startMockApi, type MockApi } from '../../src/demo/mock-api.ts'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const KEY = 'sk-ant-api03-E2E-test-key-0000000000000000000000000000-abcd'
let api: MockApi

beforeEach(async () => {
  api = await startMockApi()
})
afterEach(async () => {
  await api.close()
})

const run = (inputs: Record<string, string>, env: Record<string, string | undefined> = {}) =>
  runAction({ inputs: { 'retry-wait-seconds': '0.1', ...inputs }, env: { ANTHROPIC_API_KEY: KEY, ...env }, apiUrl: api.url })

describe('the action around Claude Code', () => {
  it('succeeds first time, with the result, cost, session and a green summary', async () => {
    const action = await run({ prompt: 'Say hello' })
    expect(action.exitCode).toBe(0)
    expect(action.outputs).toMatchObject({
      conclusion: 'success',
      cause: 'none',
      attempts: '1',
      'exit-code': '0',
      result: 'Mock reply: all good.',
    })
    expect(Number(action.outputs['total-cost-usd'])).toBeGreaterThan(0)
    expect(action.outputs['session-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(action.summary).toMatch(/^## ✅ Claude Code succeeded/)
    expect(api.messageCalls('claude-code')).toHaveLength(1)
    // The transcript is readable, inside a group, and no raw JSON reaches the log.
    expect(action.stdout).toContain('::group::Attempt 1 of 3')
    expect(action.stdout).toContain('■ Result: success')
    expect(action.stdout).not.toContain('"type":"result"')
  })

  it('keeps the raw stream in a file under RUNNER_TEMP and names it in the report', async () => {
    const action = await run({ prompt: 'Say hello' })
    const streamFile = action.report?.attempts[0].streamFile ?? ''
    expect(action.files[streamFile]).toContain('"type":"result"')
    expect(action.outputs['report-file']).toMatch(/report\.json$/)
  })

  it('retries a credit error and succeeds on the second attempt', async () => {
    api.setScript(sequence(1, { kind: 'credit' }))
    // Unverified: the credit check has its own tests (credentials.test.ts).
    const action = await run({ prompt: 'Say hello', 'verify-credit': 'false' })
    expect(action.exitCode).toBe(0)
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '2' })
    expect(action.report?.attempts.map((a) => a.cause)).toEqual(['credit-balance-low', 'none'])
    expect(action.stdout).toMatch(
      /::warning::Attempt 1 of 3 failed: Credit balance is too low \(credit-balance-low\)\. Retrying in \d/,
    )
    expect(api.messageCalls('claude-code')).toHaveLength(2)
  })

  it('fails after three credit errors, with the cause, one annotation and the fix', async () => {
    api.setScript(() => ({ kind: 'credit' }))
    const action = await run({ prompt: 'Say hello', 'verify-credit': 'false' })
    expect(action.exitCode).toBe(1)
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'credit-balance-low', attempts: '3', 'exit-code': '1' })
    // Claude Code ended each attempt itself.
    expect(action.report?.attempts.map((a) => a.stopped)).toEqual([undefined, undefined, undefined])
    expect(action.stdout.match(/^::error\b/gm)).toHaveLength(1)
    expect(action.stdout).toContain('::error title=Credit balance is too low::Credit balance is too low (credit-balance-low): ')
    expect(action.summary).toContain('## ❌ Credit balance is too low')
    expect(action.summary).toContain('### How to fix')
    expect(action.summary).toMatch(/HTTP 400 · (?:error \w+ · )?Credit balance is too low/)
    expect(action.report?.attempts.map((a) => a.waitAfterMs > 0)).toEqual([true, true, false])
    expect(api.messageCalls('claude-code')).toHaveLength(3)
  })

  it('stops a persistent 401 at Claude Code’s first in-run retry instead of after three minutes', async () => {
    api.setScript(() => ({ kind: 'unauthorized' }))
    // Without the preflight, which would catch it before Claude Code starts (credentials.test.ts).
    const action = await run({ prompt: 'Say hello', preflight: 'false' })
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-invalid', attempts: '1' })
    // Stopped by the event, not by a clock: Claude Code's ten in-run retries would be ten calls.
    expect(api.messageCalls('claude-code').length).toBeLessThanOrEqual(3)
    expect(action.report?.attempts[0].evidence.map((e) => e.text).join('\n')).toMatch(/HTTP 401/)
    // The exit code is the stop's, and the attempts table says so: not a crash of Claude Code.
    expect(action.report?.attempts[0].stopped).toBe('early')
    expect(action.summary).toMatch(
      /\| 1 \| ❌ Invalid API key \| stopped by the action: waiting inside the run would not help \|/,
    )
  })

  it('waits at least the retry-after of a 429 before trying again', async () => {
    api.setScript(sequence(2, { kind: 'rate-limited', retryAfterSeconds: 2 }))
    // One in-run retry, so the test does not sit through Claude Code's ten.
    const action = await run({ prompt: 'Say hello', 'retry-wait-seconds': '0.1' }, { CLAUDE_CODE_MAX_RETRIES: '1' })
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '2' })
    expect(action.report?.attempts[0].cause).toBe('rate-limited')
    expect(action.report?.attempts[0].waitAfterMs).toBeGreaterThanOrEqual(2000)
  })

  it('diagnoses a missing executable without retrying', async () => {
    const action = await run({ prompt: 'Say hello', 'claude-path': '/nonexistent/claude' })
    expect(action.exitCode).toBe(1)
    expect(action.outputs).toMatchObject({ cause: 'claude-not-found', attempts: '1' })
    expect(action.summary).toContain('npm install -g @anthropic-ai/claude-code')
  })

  it('diagnoses a command’s text output', async () => {
    const action = await run({ command: 'echo "Claude said: API Error: 529 Overloaded" >&2; exit 1', 'max-attempts': '2' })
    expect(action.outputs).toMatchObject({ cause: 'overloaded', attempts: '2' })
  })

  it('rejects a bad input with one error naming it, no stack trace, and a summary', async () => {
    const action = await run({ prompt: 'Say hello', 'max-attempts': 'lots' })
    expect(action.exitCode).toBe(1)
    const errors = action.stdout.match(/^::error.*$/gm) ?? []
    expect(errors).toEqual([
      `::error title=Invalid input::Invalid input \`max-attempts\` (input-invalid): Input 'max-attempts' is "lots": use a whole number from 1 to 10. Nothing was run. See the job summary for the fix.`,
    ])
    expect(action.stdout + action.stderr).not.toMatch(/\n\s+at /)
    expect(action.summary).toContain('Invalid input `max-attempts`')
    expect(api.requests).toHaveLength(0)
  })
})

describe('on a Windows runner', () => {
  it('stops at once with one clear error and a summary, running nothing', async () => {
    const preload = join(tempDir('ccg-win-'), 'windows.mjs')
    writeFileSync(preload, "Object.defineProperty(process, 'platform', { value: 'win32' })\n")
    const action = await runAction({ inputs: { prompt: 'Say hello' }, env: { NODE_OPTIONS: `--import=${preload}` } })
    expect(action.exitCode).toBe(1)
    // With the platform faked this way the harness reads no outputs back: the annotation and the summary show the verdict.
    expect(action.stdout.match(/^::error\b/gm)).toHaveLength(1)
    expect(action.stdout).toContain('::error title=Runner not supported::Runner not supported (runner-unsupported): ')
    expect(action.summary).toContain('runs-on: ubuntu-latest')
    expect(action.stdout).not.toContain('Attempt 1')
    rmSync(dirname(preload), { recursive: true, force: true })
  })
})

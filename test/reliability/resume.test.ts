// Resume instead of restart: a retry after a mid-session failure continues the same Claude Code session;
// when that session is gone, the retry starts afresh and says so. Real CLI, mock API, the bundled action.
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Reply, type Script } from '../../src/demo/mock-api.ts'
import { runAction } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { mockApiPerTest, TEST_KEY } from './mock-api.ts'
import { tempDir } from '../support/temp-dirs.ts'

const GUARANTEE = 'resume after a mid-session failure'

/** Claude Code's model calls in order: a tool call (a turn is made), then the given failure, then success. */
function midSessionFailure(failure: Reply, onFailure?: () => void): Script {
  const replies: Reply[] = [
    { kind: 'tool-use', name: 'Bash', input: { command: 'echo step-one', description: 'first step' } },
    failure,
  ]
  return (request) => {
    if (request.client === 'sdk') return { kind: 'success' }
    const reply = replies.shift() ?? { kind: 'success', text: 'Task finished.' }
    if (reply === failure) onFailure?.()
    return reply
  }
}

const toolUseIds = (body: string): string[] => [...body.matchAll(/"tool_use_id":"(toolu_mock\d+)"/g)].map((match) => match[1])

describe('resume-on-retry', () => {
  const startApi = mockApiPerTest()

  it('continues the same session after a mid-session overload', async () => {
    const api = await startApi(midSessionFailure({ kind: 'overloaded' }))
    const run = await runAction({
      apiUrl: api.url,
      inputs: { prompt: 'Do the two-step task.', 'anthropic-api-key': TEST_KEY, 'retry-wait-seconds': '0' },
      env: { CLAUDE_CODE_MAX_RETRIES: '0' },
    })
    await holds(GUARANTEE, 'overloaded (529) after a tool call', () => {
      expect(run.exitCode).toBe(0)
      expect(run.outputs.conclusion).toBe('success')
      const [first, second] = run.report?.attempts as unknown as {
        cause: string
        sessionId: string
        replies: number
        resume?: { sessionId: string; resumed: boolean }
      }[]
      expect(first.cause).toBe('overloaded')
      expect(first.replies).toBeGreaterThan(0)
      expect(second.resume).toEqual({ sessionId: first.sessionId, resumed: true })
      expect(second.sessionId).toBe(first.sessionId)
      expect(run.outputs['session-id']).toBe(first.sessionId)
      // The resumed call carries the conversation so far: the first call's tool result is in it.
      const calls = api.messageCalls('claude-code') ?? []
      expect(calls).toHaveLength(3)
      expect(toolUseIds(calls[2].body)).toEqual(toolUseIds(calls[1].body))
      expect(toolUseIds(calls[2].body)).toHaveLength(1)
      expect(calls[2].body).toContain('Continue the task where it stopped')
      expect(run.summary).toContain(`continued session \`${first.sessionId.slice(0, 8)}\``)
    })
  })

  it('starts afresh, and says so, when the session to resume is gone', async () => {
    const home = tempDir('ccg-resume-home-')
    const runnerTemp = tempDir('ccg-resume-temp-')
    // Once the first attempt has ended (its stream file holds the result), its session is deleted.
    const deleteSessionAfterAttempt = (): void => {
      const poll = setInterval(() => {
        const stream = readdirSync(runnerTemp, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('attempt-1.jsonl'))
        if (!stream || !readFileSync(join(runnerTemp, stream), 'utf8').includes('"type":"result"')) return
        clearInterval(poll)
        rmSync(join(home, '.claude', 'projects'), { recursive: true, force: true })
      }, 50)
    }
    const api = await startApi(midSessionFailure({ kind: 'overloaded' }, deleteSessionAfterAttempt))
    const run = await runAction({
      apiUrl: api.url,
      inputs: { prompt: 'Do the two-step task.', 'anthropic-api-key': TEST_KEY, 'retry-wait-seconds': '2', backoff: 'fixed' },
      env: { CLAUDE_CODE_MAX_RETRIES: '0', HOME: home, RUNNER_TEMP: runnerTemp },
    })
    await holds(GUARANTEE, 'session gone: fresh start, said so', () => {
      expect(existsSync(join(home, '.claude', 'projects'))).toBe(true)
      expect(run.exitCode).toBe(0)
      const [first, second] = run.report?.attempts as unknown as {
        sessionId: string
        resume?: { sessionId: string; resumed: boolean }
      }[]
      expect(second.resume).toEqual({ sessionId: first.sessionId, resumed: false })
      expect(second.sessionId).not.toBe(first.sessionId)
      const calls = api.messageCalls('claude-code') ?? []
      expect(calls).toHaveLength(3)
      expect(toolUseIds(calls[2].body)).toEqual([])
      expect(calls[2].body).toContain('Do the two-step task.')
      expect(run.stdout).toMatch(/::warning::Session [0-9a-f-]{36} cannot be found, so attempt 2 starts afresh/)
      expect(run.summary).toMatch(/afresh: session `[0-9a-f]{8}` not found/)
    })
  })

  it('never passes on a session id that is not a UUID: a forged id cannot become a flag', async () => {
    // A stand-in for Claude Code whose stream names a flag as its session; it fails mid-session once.
    const dir = tempDir('ccg-resume-forged-')
    const forged = '--dangerously-skip-permissions'
    const events = [
      `{"type":"system","subtype":"init","session_id":"${forged}","model":"claude-sonnet-4-5","tools":[]}`,
      `{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"Step one done."}]},"session_id":"${forged}"}`,
    ]
    const failed = `{"type":"result","subtype":"success","is_error":true,"num_turns":1,"api_error_status":529,"api_error_type":"overloaded_error","result":"API Error: 529 Overloaded","session_id":"${forged}"}`
    const succeeded = `{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"Done.","session_id":"${forged}"}`
    const stub = join(dir, 'claude')
    writeFileSync(
      stub,
      [
        '#!/usr/bin/env bash',
        `printf '%s\\n' "$*" >> ${join(dir, 'args')}`,
        ...events.map((event) => `echo '${event}'`),
        `if [ -e ${join(dir, 'failed')} ]; then echo '${succeeded}'; else touch ${join(dir, 'failed')}; echo '${failed}'; exit 1; fi`,
      ].join('\n'),
    )
    chmodSync(stub, 0o755)
    const run = await runAction({
      inputs: { prompt: 'Do the two-step task.', 'claude-path': stub, preflight: 'false', 'retry-wait-seconds': '0' },
    })
    const calls = readFileSync(join(dir, 'args'), 'utf8').trim().split('\n')
    await holds(GUARANTEE, 'a forged session id is not resumed', () => {
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['overloaded', 'none'])
      expect(calls).toHaveLength(2)
      expect(calls[1]).toContain('-p Do the two-step task.')
      expect(calls[1]).not.toContain('--resume')
      expect(calls[1]).not.toContain(forged)
    })
  })
})

// When a retry continues the previous attempt's session, and when a rate limit stops an attempt: pure
// decisions, checked case by case.
import { describe, expect, it } from 'vitest'
import {
  CONTENDED_429S_TO_STOP,
  rateLimitedToStop,
  sessionToResume,
  STILL_CONTENDED_429S_TO_STOP,
} from '../../src/guard/guard.ts'
import type { AttemptRecord } from '../../src/report/run-report.ts'
import { parseSettings, type Settings } from '../../src/settings/settings.ts'

const SESSION = '0b8c1a8e-1111-4222-8333-444455556666'

const defaults = parseSettings((name) => (name === 'prompt' ? 'Do it.' : ''), {
  readText: () => undefined,
  isDirectory: () => true,
})
const settings = (changes: Partial<Settings> = {}, claudeArgs: string[] = []): Settings => ({
  ...defaults,
  task: { kind: 'prompt', prompt: 'Do it.', claudeArgs, claudePath: 'claude' },
  ...changes,
})

const failed = (changes: Partial<AttemptRecord> = {}): AttemptRecord => ({
  number: 1,
  startedAt: '2026-11-24T00:00:00.000Z',
  durationMs: 1000,
  exitCode: 1,
  signal: null,
  cause: 'overloaded',
  evidence: [],
  waitAfterMs: 0,
  sessionId: SESSION,
  replies: 2,
  inRunRetries: { count: 0, statuses: [], totalDelayMs: 0 },
  tail: [],
  ...changes,
})

describe('sessionToResume', () => {
  it('continues a session that made progress and failed for a transient cause', () => {
    expect(sessionToResume(settings(), failed())).toBe(SESSION)
    expect(sessionToResume(settings(), failed({ cause: 'timeout' }))).toBe(SESSION)
  })

  it('starts afresh otherwise', () => {
    expect(sessionToResume(settings(), undefined)).toBeUndefined()
    expect(sessionToResume(settings({ resumeOnRetry: false }), failed())).toBeUndefined()
    expect(sessionToResume(settings(), failed({ replies: 0 }))).toBeUndefined()
    expect(sessionToResume(settings(), failed({ sessionId: undefined }))).toBeUndefined()
    // The id comes from the stream: only a UUID is passed on to `--resume`, never something read as a flag.
    expect(sessionToResume(settings(), failed({ sessionId: '--dangerously-skip-permissions' }))).toBeUndefined()
    expect(sessionToResume(settings(), failed({ sessionId: `${SESSION} --verbose` }))).toBeUndefined()
    // retry-on: any retries this, but a retry cannot fix it: the session is not continued.
    expect(sessionToResume(settings({ retryOn: { kind: 'any' } }), failed({ cause: 'claude-error' }))).toBeUndefined()
    expect(sessionToResume(settings({ task: { kind: 'command', command: 'claude -p hi' } }), failed())).toBeUndefined()
    expect(sessionToResume(settings({}, ['--session-id', SESSION]), failed())).toBeUndefined()
  })
})

describe('rateLimitedToStop', () => {
  it('stops at the second 429 in a row on a first attempt, and at the first after a rate-limited one', () => {
    expect(rateLimitedToStop(settings(), 1, undefined)).toBe(CONTENDED_429S_TO_STOP)
    expect(rateLimitedToStop(settings(), 2, failed())).toBe(CONTENDED_429S_TO_STOP)
    expect(rateLimitedToStop(settings(), 2, failed({ cause: 'rate-limited' }))).toBe(STILL_CONTENDED_429S_TO_STOP)
  })

  it('never stops an attempt that no retry follows', () => {
    expect(rateLimitedToStop(settings(), 3, failed({ cause: 'rate-limited' }))).toBeUndefined()
    expect(rateLimitedToStop(settings({ retryOn: { kind: 'causes', causes: ['overloaded'] } }), 1, undefined)).toBeUndefined()
  })
})

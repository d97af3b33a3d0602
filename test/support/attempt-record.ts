// An attempt record for unit tests: a failed credit attempt unless told otherwise.
import type { AttemptRecord } from '../../src/report/run-report.ts'

export const attemptRecord = (overrides: Partial<AttemptRecord> = {}): AttemptRecord => ({
  number: 1,
  startedAt: '2026-11-24T10:00:00.000Z',
  durationMs: 1500,
  exitCode: 1,
  signal: null,
  cause: 'credit-balance-low',
  evidence: [{ source: 'result', text: 'HTTP 400 · Credit balance is too low' }],
  waitAfterMs: 0,
  replies: 0,
  inRunRetries: { count: 0, statuses: [], totalDelayMs: 0 },
  tail: ['Credit balance is too low'],
  ...overrides,
})

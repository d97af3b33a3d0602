import { describe, expect, it } from 'vitest'
import type { AttemptRecord, RunReport } from '../../src/report/run-report.ts'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/summary/render-summary.ts'

const attempt = (overrides: Partial<AttemptRecord> = {}): AttemptRecord => ({
  number: 1,
  startedAt: '2026-11-24T10:00:00.000Z',
  durationMs: 1500,
  exitCode: 1,
  signal: null,
  cause: 'credit-balance-low',
  evidence: [{ source: 'result', text: 'HTTP 400 · Credit balance is too low' }],
  waitAfterMs: 0,
  inRunRetries: { count: 0, statuses: [], totalDelayMs: 0 },
  tail: ['Credit balance is too low'],
  ...overrides,
})

const report = (overrides: Partial<RunReport> = {}): RunReport => ({
  conclusion: 'failure',
  cause: 'credit-balance-low',
  startedAt: '2026-11-24T10:00:00.000Z',
  finishedAt: '2026-11-24T10:00:30.000Z',
  attempts: [attempt({ waitAfterMs: 10_000 }), attempt({ number: 2 })],
  maxAttempts: 2,
  stopReason: 'All 2 attempts failed.',
  totalCostUsd: 0,
  exitCode: 1,
  ...overrides,
})

const context = { serverUrl: 'https://github.example', repository: 'acme/widgets' }

describe('renderSummary', () => {
  it('leads with the cause, its meaning and why the run stopped', () => {
    const summary = renderSummary(report(), context)
    expect(summary).toMatch(/^## ❌ Credit balance is too low\n/)
    expect(summary).toContain('false alarm')
    expect(summary).toContain('All 2 attempts failed.')
  })

  it('tabulates every attempt with its cause and the wait that followed', () => {
    const summary = renderSummary(report(), context)
    expect(summary).toContain(
      '<td>1</td><td>10:00:00</td><td>1.5 s</td><td>1</td><td><code>credit-balance-low</code></td><td>10.0 s</td>',
    )
    expect(summary).toContain('<td>2</td>')
  })

  it('lists the fix with links, including this repository’s secrets page', () => {
    const summary = renderSummary(
      report({ cause: 'api-key-invalid', attempts: [attempt({ cause: 'api-key-invalid' })] }),
      context,
    )
    expect(summary).toContain('### How to fix')
    expect(summary).toContain('href="https://github.example/acme/widgets/settings/secrets/actions"')
    expect(summary).toContain('href="https://console.anthropic.com/settings/keys"')
  })

  it('escapes everything that came from the child, so no markup reaches the page', () => {
    const hostile = '<img src=x onerror=alert(1)> </pre> | `code` **bold**'
    const summary = renderSummary(
      report({ attempts: [attempt({ evidence: [{ source: 'stderr', text: hostile }], tail: [hostile] })] }),
      context,
    )
    expect(summary).not.toContain('<img')
    expect(summary).not.toContain('</pre> |')
    expect(summary).toContain('&#60;img src=x onerror=alert(1)&#62;')
  })

  it('shows cost, turns and session when known, and success with its attempt count', () => {
    const summary = renderSummary(
      report({
        conclusion: 'success',
        cause: 'none',
        totalCostUsd: 0.0123,
        sessionId: 'abc-123',
        attempts: [attempt({ waitAfterMs: 1000 }), attempt({ number: 2, cause: 'none', exitCode: 0, turns: 4, costUsd: 0.0123 })],
      }),
      context,
    )
    expect(summary).toMatch(/^## ✅ Claude Code succeeded after 2 attempts/)
    expect(summary).toContain('Cost: $0.0123')
    expect(summary).toContain('Turns: 4')
    expect(summary).toContain('<code>abc-123</code>')
    expect(summary).not.toContain('How to fix')
  })

  it('folds the last lines of output and stays under GitHub’s 1 MiB limit however long they are', () => {
    const huge = Array.from({ length: 40 }, () => '<'.repeat(2000))
    const summary = renderSummary(
      report({ attempts: [attempt({ tail: huge, evidence: huge.map((text) => ({ source: 'stderr' as const, text })) })] }),
      context,
    )
    expect(summary).toContain('<details><summary>Last lines of output (attempt 1)</summary>')
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
  })

  it('explains a bad input without any attempt', () => {
    const summary = renderSummary(
      report({
        attempts: [],
        inputError: { input: 'max-attempts', message: 'Input \'max-attempts\' is "x": use a whole number from 1 to 10.' },
      }),
      context,
    )
    expect(summary).toContain('## ❌ Invalid input <code>max-attempts</code>')
    expect(summary).toContain('Nothing was run.')
    expect(summary).not.toContain('### Attempts')
  })
})

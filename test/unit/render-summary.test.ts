import { describe, expect, it } from 'vitest'
import type { CredentialsReport } from '../../src/credentials/credential-run.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/render/summary.ts'
import { attemptRecord } from '../support/attempt-record.ts'

const attempt = attemptRecord

const report = (overrides: Partial<RunReport> = {}): RunReport => ({
  mode: 'run',
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

const context = { serverUrl: 'https://github.example', repository: 'acme/widgets', where: 'actions' as const }

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
      '<td>1</td><td>new</td><td>10:00:00</td><td>1.5 s</td><td>1</td><td><code>credit-balance-low</code></td><td>10.0 s</td>',
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

  describe('Credentials section', () => {
    const credentials = (overrides: Partial<CredentialsReport> = {}): CredentialsReport => ({
      credentials: [
        {
          kind: 'api-key',
          source: 'env ANTHROPIC_API_KEY',
          length: 108,
          first: 'sk-ant-',
          last: 'QkAA',
          sha256: 'af93d3f510b3',
          role: 'used',
        },
        {
          kind: 'api-key',
          source: 'input fallback-api-key',
          length: 108,
          first: 'sk-ant-',
          last: 'WmAA',
          sha256: '0123456789ab',
          role: 'fallback',
        },
      ],
      checks: [{ credential: 'env ANTHROPIC_API_KEY', findings: [] }],
      conflicts: ['Both an API key and an OAuth token are set. In `-p` mode the API key wins.'],
      probes: [
        {
          purpose: 'credit',
          afterAttempt: 1,
          request: 'messages.create',
          credential: 'env ANTHROPIC_API_KEY',
          status: 400,
          errorType: 'invalid_request_error',
          message: 'Your credit balance is too low',
          requestId: 'req_42',
          organizationId: 'org-7',
          durationMs: 312,
        },
      ],
      notes: [],
      fixFacts: {},
      ...overrides,
    })

    it('shows fingerprints, checks, conflicts and probes, and leads with the evidence-matched fix for a credit cause', () => {
      const summary = renderSummary(
        report({
          cause: 'credit-exhausted',
          attempts: [attempt({ cause: 'credit-exhausted' })],
          credentials: credentials({ fixFacts: { organizationId: 'org-7' } }),
        }),
        context,
      )
      expect(summary).toContain(
        'Used: API key from <code>env ANTHROPIC_API_KEY</code> · 108 characters · <code>sk-ant-…QkAA</code> · sha256 <code>af93d3f510b3</code>',
      )
      expect(summary).toContain('Fallback, not needed: API key from <code>input fallback-api-key</code>')
      expect(summary).toContain('✅ <code>env ANTHROPIC_API_KEY</code>: no stray whitespace')
      expect(summary).toContain('⚠️ Both an API key and an OAuth token are set. In <code>-p</code> mode')
      expect(summary).toContain(
        '<td>credit, after attempt 1</td><td>messages.create</td><td>env ANTHROPIC_API_KEY</td><td>HTTP 400 · invalid_request_error · Your credit balance is too low</td><td>req_42</td><td>org-7</td><td>312 ms</td>',
      )
      // One fix, before the attempts.
      expect(summary.match(/How to fix/g)).toHaveLength(1)
      expect(summary).toContain('How to fix\n\n<ol><li>Buy credits for organisation org-7')
      expect(summary.indexOf('How to fix')).toBeLessThan(summary.indexOf('### Attempts'))
    })

    it('says when the run switched to the fallback key, and follows the run details when credentials did not decide', () => {
      const summary = renderSummary(
        report({
          conclusion: 'success',
          cause: 'none',
          attempts: [attempt({ cause: 'credit-exhausted' }), attempt({ number: 2, cause: 'none', exitCode: 0 })],
          credentials: credentials({ switchedToFallback: { afterAttempt: 1, cause: 'credit-exhausted' } }),
        }),
        context,
      )
      expect(summary).toContain('Primary, replaced by the fallback: API key')
      expect(summary).toContain('Fallback, used from attempt 2 on after <code>credit-exhausted</code>')
      expect(summary.indexOf('### Credentials')).toBeGreaterThan(summary.indexOf('### Attempts'))
    })

    it('shows the credential check’s evidence when Claude Code never started', () => {
      const summary = renderSummary(
        report({
          cause: 'api-key-malformed',
          attempts: [],
          credentials: credentials({
            checks: [
              {
                credential: 'env ANTHROPIC_API_KEY',
                findings: [{ severity: 'error', cause: 'api-key-malformed', text: 'ends with a line break' }],
              },
            ],
            stop: { cause: 'api-key-malformed', evidence: [{ source: 'preflight', text: 'ends with a line break' }] },
          }),
        }),
        context,
      )
      expect(summary).toContain('❌ ends with a line break')
      expect(summary).toContain('### Evidence (credential check)\n\n<pre>[preflight] ends with a line break</pre>')
      expect(summary).toContain('Save the secret again with only the key')
    })
  })
})

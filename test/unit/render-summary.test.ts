import { describe, expect, it } from 'vitest'
import type { CredentialsReport } from '../../src/credentials/credential-run.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { renderFallbackSummary, renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/render/summary.ts'
import { renderText } from '../../src/render/terminal.ts'
import { renderGfm, visibleText } from '../../scripts/screenshots.ts'
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
    expect(summary).toContain('| Attempt | Result | Exit code | Duration | Then |')
    expect(summary).toContain('| 1 | ❌ Credit balance is too low | 1 | 1.5 s | retried after 10.0 s |')
    expect(summary).toContain('| 2 | ❌ Credit balance is too low | 1 | 1.5 s |  |')
  })

  it('says which attempts the action stopped, so their exit code reads as a stop, not a crash', () => {
    const stopped = report({
      cause: 'rate-limited',
      attempts: [
        attempt({ cause: 'rate-limited', exitCode: 143, stopped: 'early', waitAfterMs: 1000 }),
        attempt({ number: 2, cause: 'rate-limited', exitCode: null, signal: 'SIGKILL', stopped: 'timeout' }),
      ],
    })
    const summary = renderSummary(stopped, context)
    expect(summary).toContain(
      '| 1 | ❌ Rate limited | stopped by the action: waiting inside the run would not help | 1.5 s | retried after 1.0 s |',
    )
    expect(summary).toContain('| 2 | ❌ Rate limited | stopped by the action at timeout-minutes | 1.5 s |  |')
    const text = renderText(stopped, { where: 'terminal' })
    expect(text).toContain(
      '#1 · Rate limited (rate-limited) · stopped by the action: waiting inside the run would not help · 1.5 s',
    )
    expect(text).toContain('#2 · Rate limited (rate-limited) · stopped by the action at timeout-minutes · 1.5 s')
  })

  it('says how each attempt started when one continued another’s session', () => {
    const summary = renderSummary(
      report({
        attempts: [
          attempt({ waitAfterMs: 1000 }),
          attempt({ number: 2, resume: { sessionId: '0123456789abcdef', resumed: true }, waitAfterMs: 1000 }),
          attempt({ number: 3, resume: { sessionId: 'fedcba9876543210', resumed: false } }),
        ],
        maxAttempts: 3,
      }),
      context,
    )
    expect(summary).toContain('| 1 | afresh | ❌ Credit balance is too low |')
    expect(summary).toContain('| 2 | continued session `01234567` |')
    expect(summary).toContain('| 3 | afresh: session `fedcba98` not found |')
    expect(summary).not.toContain('new')
  })

  it('lists the fix with links, including this repository’s secrets page', () => {
    const summary = renderSummary(
      report({ cause: 'api-key-invalid', attempts: [attempt({ cause: 'api-key-invalid' })] }),
      context,
    )
    expect(summary).toContain('### How to fix')
    expect(summary).toContain('[this repository’s Actions secrets](https://github.example/acme/widgets/settings/secrets/actions)')
    expect(summary).toContain('[Anthropic Console · API keys](https://console.anthropic.com/settings/keys)')
  })

  it('escapes everything that came from the child, so no markup reaches the page', () => {
    const hostile = '<img src=x onerror=alert(1)> </pre> | `code` **bold**'
    const summary = renderSummary(
      report({ attempts: [attempt({ evidence: [{ source: 'stderr', text: hostile }], tail: [hostile] })] }),
      context,
    )
    // Escaped where it is text, literal inside the fenced block: either way GitHub shows it, never runs it.
    expect(summary).toContain('- **stderr:** \\<img src=x onerror=alert(1)> \\</pre> \\| \\`code\\` \\*\\*bold\\*\\*')
    const html = renderGfm(summary)
    expect(html).not.toMatch(/<img|<strong>bold|<\/pre> \|/)
    expect(visibleText(html)).toContain(hostile)
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
    expect(summary).toMatch(
      /^## ✅ Claude Code succeeded after 2 attempts\n\nAttempt 1 failed \(Credit balance is too low\); attempt 2 succeeded\.\n/,
    )
    expect(summary).toContain('**Cost** $0.0123 · **Turns** 4 · **Time** 30.0 s · **Session** `abc-123`')
    expect(summary).not.toContain('How to fix')
  })

  it('folds the last lines of output and stays under GitHub’s 1 MiB limit however long they are', () => {
    const huge = Array.from({ length: 40 }, () => '<'.repeat(2000))
    const summary = renderSummary(
      report({ attempts: [attempt({ tail: huge, evidence: huge.map((text) => ({ source: 'stderr' as const, text })) })] }),
      context,
    )
    expect(summary).toContain('<details><summary>Last lines of output (attempt 1)</summary>\n\n```text\n')
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
    expect(summary).toMatch(
      /^## ❌ Invalid input `max-attempts`\n\nInput 'max-attempts' is "x": use a whole number from 1 to 10\. Nothing was run\.\n\n### How to fix\n\n1\. Fix `max-attempts` in the step’s `with:` block/,
    )
    expect(summary).not.toContain('--max-turns')
    expect(summary).not.toContain('### What was tried')
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
        '- **Used:** API key from `env ANTHROPIC_API_KEY` · 108 characters · `sk-ant-…QkAA` · sha256 `af93d3f510b3`',
      )
      expect(summary).toContain('- **Fallback, not needed:** API key from `input fallback-api-key`')
      expect(summary).toContain('- ✅ `env ANTHROPIC_API_KEY`: no stray whitespace')
      expect(summary).toContain('- ⚠️ Both an API key and an OAuth token are set. In `-p` mode')
      expect(summary).toContain(
        '- **Credit check after attempt 1:** `messages.create` with env ANTHROPIC_API_KEY, 312 ms: HTTP 400 · invalid_request_error · Your credit balance is too low · request `req_42` · organisation `org-7`',
      )
      // Folded, each with a one-line summary.
      expect(summary).toContain('<details><summary>Credentials: API key from env ANTHROPIC_API_KEY (1 conflict)</summary>')
      expect(summary).toContain('<details><summary>API checks: credit check HTTP 400</summary>')
      // One fix, second, before the attempts and everything folded.
      expect(summary.match(/How to fix/g)).toHaveLength(1)
      expect(summary).toContain('How to fix\n\n1. Buy credits for organisation `org-7`')
      expect(summary.indexOf('How to fix')).toBeLessThan(summary.indexOf('### What was tried'))
      expect(summary.indexOf('How to fix')).toBeLessThan(summary.indexOf('<details>'))
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
      expect(summary).toContain('**Primary, replaced by the fallback:** API key')
      expect(summary).toContain('**Fallback, used from attempt 2 on after `credit-exhausted`:**')
      // A success shows its credentials (folded, after the attempts) because the switch is worth a warning.
      expect(summary).toContain(
        '<summary>⚠️ Credentials: API key from env ANTHROPIC_API_KEY (1 conflict, 1 API check failed, switched to the fallback key)</summary>',
      )
      expect(summary.indexOf('Credentials:')).toBeGreaterThan(summary.indexOf('<summary>Attempts: 2'))
    })

    it('says what the credential check found when Claude Code never started, once, then the rest of its evidence', () => {
      const finding = 'env ANTHROPIC_API_KEY contains a line break (\\n) inside it.'
      const summary = renderSummary(
        report({
          cause: 'api-key-malformed',
          attempts: [],
          credentials: credentials({
            conflicts: [],
            checks: [
              {
                credential: 'env ANTHROPIC_API_KEY',
                findings: [
                  { severity: 'error', cause: 'api-key-malformed', text: finding },
                  { severity: 'note', cause: 'api-key-malformed', text: 'Secrets pasted from a terminal often carry one.' },
                ],
              },
            ],
            stop: {
              cause: 'api-key-malformed',
              evidence: [
                { source: 'preflight', text: finding },
                { source: 'preflight', text: 'Secrets pasted from a terminal often carry one.' },
              ],
            },
          }),
        }),
        context,
      )
      expect(summary).toMatch(
        /^## ❌ Malformed credential\n\nenv ANTHROPIC\\_API\\_KEY|^## ❌ Malformed credential\n\nenv ANTHROPIC_API_KEY/,
      )
      expect(summary).toContain('inside it. Claude Code was not started.\n\n### How to fix')
      expect(summary).toContain(
        '### Evidence (before the first attempt)\n\n- **check:** Secrets pasted from a terminal often carry one.',
      )
      expect(summary).toContain('Save the secret again with only the key')
      // Said once: not again in the folded local checks.
      expect(summary.split('contains a line break')).toHaveLength(2)
      expect(summary.split('Secrets pasted')).toHaveLength(2)
    })
  })
})

describe('renderFallbackSummary', () => {
  it('shows the error literally under the failure headline: nothing in it becomes markup', () => {
    const summary = renderFallbackSummary('cannot render: <script>alert(1)</script> *bold* `code`')
    expect(summary).toMatch(/^## ❌ claude-code-guard failed\n\n> cannot render: /)
    const html = renderGfm(summary)
    expect(html).not.toMatch(/<script|<strong|<em>|<code/)
    expect(visibleText(html)).toContain('cannot render: <script>alert(1)</script> *bold* `code`')
  })
})

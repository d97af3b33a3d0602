// The pure parts of `claude-code-guard diagnose` and `run`: credential precedence and shape checks,
// fingerprints, probe verdicts through the catalogue, and taking the prompt out of Claude's arguments.
import { describe, expect, it } from 'vitest'
import { splitPrompt } from '../../src/cli/commands.ts'
import { credentialChecks } from '../../src/diagnose/credential-checks.ts'
import { healthVerdict, probeCheck, renderHealth } from '../../src/diagnose/health.ts'
import { SavedLogObserver } from '../../src/diagnostics/saved-log.ts'
import { fingerprint } from '../../src/secrets/fingerprint.ts'

const API_KEY = 'sk-ant-api03-unit-test-key-000000000000000000000000000-abcd'
const OAUTH = 'sk-ant-oat01-unit-test-token-0000000000000000000000000-wxyz'

describe('fingerprint', () => {
  it('shows the kind prefix, the last 4, the length and a short hash, never the key', () => {
    const shown = fingerprint(API_KEY)
    expect(shown).toMatch(/^sk-ant-…abcd, 59 characters, sha256:[0-9a-f]{12}$/)
    expect(shown).not.toContain('api03-unit')
    expect(fingerprint(API_KEY)).toBe(shown)
    expect(fingerprint(`${API_KEY}x`)).not.toBe(shown)
  })
  it('shows nothing of a short value', () => {
    expect(fingerprint('short-secret')).toMatch(/^12 characters, sha256:/)
  })
})

describe('credentialChecks', () => {
  it('fails with api-key-missing when nothing is set', () => {
    const report = credentialChecks({})
    expect(healthVerdict(report.checks)).toEqual({ healthy: false, cause: 'api-key-missing' })
    expect(report.probe).toBeUndefined()
  })
  it('follows Claude Code’s precedence: the API key wins over the subscription token, with a warning', () => {
    const report = credentialChecks({ ANTHROPIC_API_KEY: API_KEY, CLAUDE_CODE_OAUTH_TOKEN: OAUTH })
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['ANTHROPIC_API_KEY', 'ok'],
      ['CLAUDE_CODE_OAUTH_TOKEN', 'warn'],
    ])
    expect(report.checks[1].detail).toContain('ignored: ANTHROPIC_API_KEY wins')
    expect(report.probe).toEqual({ kind: 'api-key', apiKey: API_KEY })
    expect(JSON.stringify(report.checks)).not.toContain(API_KEY)
  })
  it('warns about a trailing newline and probes with the trimmed key', () => {
    const report = credentialChecks({ ANTHROPIC_API_KEY: `${API_KEY}\n` })
    expect(report.checks[0]).toMatchObject({ status: 'warn' })
    expect(report.checks[0].detail).toContain('spaces or line breaks around it')
    expect(report.probe).toEqual({ kind: 'api-key', apiKey: API_KEY })
  })
  it('does not probe a subscription token or a cloud provider', () => {
    expect(credentialChecks({ CLAUDE_CODE_OAUTH_TOKEN: OAUTH }).probe).toBeUndefined()
    const cloud = credentialChecks({ CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: API_KEY })
    expect(cloud.probe).toBeUndefined()
    expect(cloud.checks[0].detail).toContain('CLAUDE_CODE_USE_BEDROCK')
  })
})

describe('probeCheck', () => {
  it.each([
    [{ ok: false, status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }, 'api-key-invalid'],
    [{ ok: false, status: 403, errorType: 'permission_error', message: 'no' }, 'permission-denied'],
    [
      { ok: false, status: 400, errorType: 'invalid_request_error', message: 'Your credit balance is too low' },
      'credit-balance-low',
    ],
    [{ ok: false, message: 'Connection error. (ECONNREFUSED)' }, 'network-error'],
  ])('judges %j as %s with the catalogue', (outcome, cause) => {
    expect(probeCheck('API access', outcome, 'fine')).toMatchObject({ status: 'fail', cause })
  })
  it('renders a failure with its fix and the cause id last', () => {
    const text = renderHealth([probeCheck('API access', { ok: false, status: 401, message: 'invalid x-api-key' }, '')])
    expect(text).toContain('✗ API access  HTTP 401: invalid x-api-key')
    expect(text).toContain('How to fix:\n  1. Create a new key')
    expect(text).toMatch(/cause: api-key-invalid\n$/)
  })
})

describe('splitPrompt', () => {
  it('takes -p and its prompt out, keeping the other arguments in order', () => {
    expect(splitPrompt(['--model', 'x', '-p', 'Say hi', '--max-turns', '2'])).toEqual({
      prompt: 'Say hi',
      rest: ['--model', 'x', '--max-turns', '2'],
    })
    expect(splitPrompt(['--print', 'hello']).prompt).toBe('hello')
  })
  it('refuses arguments without a prompt after -p', () => {
    expect(() => splitPrompt(['hello'])).toThrow(/-p "<prompt>"/)
    expect(() => splitPrompt(['-p', '--model', 'x'])).toThrow(/-p "<prompt>"/)
  })
})

describe('SavedLogObserver', () => {
  it('treats a text log as a failed run unless told the exit code', () => {
    const saved = new SavedLogObserver()
    for (const line of ['', 'API Error: 529 Overloaded']) saved.addLine(line)
    expect(saved.record(undefined, new Date()).cause).toBe('overloaded')
    const fine = new SavedLogObserver()
    fine.addLine('all done')
    expect(fine.record(0, new Date()).cause).toBe('none')
    expect(new SavedLogObserver().record(undefined, new Date()).cause).toBe('claude-error')
  })
})

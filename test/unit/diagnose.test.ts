// The pure parts of `claude-code-guard diagnose` and `run`: the credentials module's findings as health
// checks, probe verdicts through the catalogue, and taking the prompt out of Claude's arguments.
import { describe, expect, it } from 'vitest'
import { splitPrompt } from '../../src/cli/commands.ts'
import type { ProbeResult } from '../../src/credentials/api-probe.ts'
import { resolveCredentials } from '../../src/credentials/credential.ts'
import { runnerFinding } from '../../src/health/environment.ts'
import { checksVerdict, credentialChecks, probeCheck } from '../../src/health/checks.ts'
import { renderChecks } from '../../src/render/checks.ts'
import { classify } from '../../src/diagnosis/classify.ts'
import { readSavedLog } from '../../src/diagnosis/saved-log.ts'
import { probeResult } from '../support/probe-result.ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAuthStatus } from '../../src/credentials/claude-login.ts'
import { fixtureDir } from '../support/fixtures.ts'

const API_KEY = 'sk-ant-api03-unit-test-key-000000000000000000000000000-abcd'
const OAUTH = 'sk-ant-oat01-unit-test-token-0000000000000000000000000-wxyz'

const probe = (result: Partial<ProbeResult>): ProbeResult => probeResult({ request: 'models.list', ...result })

describe('credentialChecks', () => {
  it('fails with api-key-missing when nothing is set, with the likely reasons as notes', () => {
    const checks = credentialChecks(resolveCredentials({}, {}))
    expect(checksVerdict(checks)).toEqual({ healthy: false, cause: 'api-key-missing' })
    expect(checks.filter((check) => check.status === 'info').length).toBeGreaterThan(0)
  })

  it('shows each credential as a fingerprint with its role, and the conflict, never the key', () => {
    const checks = credentialChecks(resolveCredentials({}, { ANTHROPIC_API_KEY: API_KEY, CLAUDE_CODE_OAUTH_TOKEN: OAUTH }))
    expect(checks.map((check) => [check.name, check.status])).toEqual([
      ['ANTHROPIC_API_KEY', 'info'],
      ['CLAUDE_CODE_OAUTH_TOKEN', 'info'],
      ['conflict', 'warn'],
    ])
    expect(checks[0].detail).toMatch(/sk-ant-…abcd .*used by Claude Code$/)
    expect(checks[1].detail).toMatch(/ignored by Claude Code$/)
    expect(checksVerdict(checks).healthy).toBe(true)
    expect(JSON.stringify(checks)).not.toContain(API_KEY)
  })

  it('warns about a trailing newline, and fails a key with a space inside as api-key-malformed', () => {
    const trailing = credentialChecks(resolveCredentials({}, { ANTHROPIC_API_KEY: `${API_KEY}\n` }))
    expect(trailing.some((check) => check.status === 'warn')).toBe(true)
    expect(checksVerdict(trailing).healthy).toBe(true)
    const inside = credentialChecks(resolveCredentials({}, { ANTHROPIC_API_KEY: `${API_KEY.slice(0, 20)} ${API_KEY.slice(20)}` }))
    expect(checksVerdict(inside)).toEqual({ healthy: false, cause: 'api-key-malformed' })
  })

  it('does not look at keys when a cloud provider is used', () => {
    const checks = credentialChecks(resolveCredentials({}, { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: API_KEY }))
    expect(checks).toHaveLength(1)
    expect(checks[0].detail).toContain('CLAUDE_CODE_USE_BEDROCK')
  })
})

describe('claude auth status', () => {
  const status = (name: string) => parseAuthStatus(readFileSync(join(fixtureDir('2.1.332'), `auth-status-${name}.json`), 'utf8'))

  it.each([
    ['none', { loggedIn: false, authMethod: 'none' }],
    ['api-key', { loggedIn: true, authMethod: 'api_key' }],
    ['oauth-token', { loggedIn: true, authMethod: 'oauth_token' }],
    ['claude-ai', { loggedIn: true, authMethod: 'claude.ai', subscriptionType: 'max' }],
    ['console', { loggedIn: true, authMethod: 'api_key' }],
  ])('reads auth-status-%s.json', (name, login) => {
    expect(status(name)).toEqual(login)
  })

  it('reads nothing from what is not its JSON', () => {
    expect(parseAuthStatus('Not logged in. Run claude auth login to authenticate.')).toBeUndefined()
    expect(parseAuthStatus('{"authMethod":"claude.ai"}')).toBeUndefined()
    expect(parseAuthStatus('')).toBeUndefined()
  })

  it("passes the credential check of a user logged in with `claude /login`, and says the key's probes are skipped", () => {
    const checks = credentialChecks(resolveCredentials({}, {}), status('claude-ai'))
    expect(checksVerdict(checks)).toEqual({ healthy: true })
    expect(checks).toEqual([
      { name: 'credential', status: 'ok', detail: 'logged in with Claude Code (claude.ai, max)' },
      { name: 'API access', status: 'info', detail: expect.stringMatching(/^not checked: .* need a key/) as unknown },
    ])
    // Logged out is no login, whatever the exit code said.
    expect(checksVerdict(credentialChecks(resolveCredentials({}, {}), status('none')))).toEqual({
      healthy: false,
      cause: 'api-key-missing',
    })
  })
})

describe('probeCheck', () => {
  it.each([
    [{ status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }, 'api-key-invalid'],
    [{ status: 403, errorType: 'permission_error', message: 'no' }, 'permission-denied'],
    [{ status: 400, errorType: 'invalid_request_error', message: 'Your credit balance is too low' }, 'credit-balance-low'],
    [{ message: 'Connection error. (connect ECONNREFUSED 127.0.0.1:9)' }, 'network-error'],
  ])('judges %j as %s with the catalogue', (result, cause) => {
    expect(probeCheck('API access', probe(result), 'fine')).toMatchObject({ status: 'fail', cause })
  })

  it('passes an answered request', () => {
    expect(probeCheck('API access', probe({ status: 200, requestId: 'req_1' }), 'accepted')).toMatchObject({ status: 'ok' })
  })

  it('renders a failure with its fix and the cause id last', () => {
    const text = renderChecks([probeCheck('API access', probe({ status: 401, message: 'invalid x-api-key' }), '')], {
      where: 'terminal',
    })
    expect(text).toContain('✗ API access  models.list with env ANTHROPIC_API_KEY: HTTP 401 · invalid x-api-key · request req_1')
    expect(text).toContain('How to fix:\n  1. ')
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

describe('readSavedLog', () => {
  const causeOf = (text: string, exitCode?: number): string => {
    const { observation, outcome } = readSavedLog(text, exitCode)
    return classify(observation, outcome)?.cause ?? 'none'
  }

  it('calls a text log failed when it shows an error, and a success when it only talks', () => {
    expect(causeOf('\nAPI Error: 529 Overloaded')).toBe('overloaded')
    expect(causeOf('all done', 0)).toBe('none')
    expect(causeOf('all done')).toBe('none')
    expect(causeOf('Error: something broke')).toBe('claude-error')
    expect(causeOf('all done', 1)).toBe('claude-error')
  })

  it('lets the result of a stream decide, whatever its answer says', () => {
    const result = (isError: boolean, text: string): string =>
      JSON.stringify({ type: 'result', subtype: 'success', is_error: isError, result: text, session_id: 's' })
    expect(causeOf(result(false, 'Fixed the handler for "Credit balance is too low".'))).toBe('none')
    expect(causeOf(result(true, 'Credit balance is too low'))).toBe('credit-balance-low')
  })

  it('reads an execution file, a job log with %0A, escapes and a pretty-printed error body', () => {
    const messages = [
      { type: 'system', subtype: 'init', session_id: 's' },
      { type: 'result', subtype: 'success', is_error: true, result: 'API Error: 401 OAuth token has expired.', session_id: 's' },
    ]
    expect(causeOf(JSON.stringify(messages, null, 2))).toBe('oauth-token-invalid')
    expect(causeOf('2026-01-01T10:00:00.1234567Z ::error::Claude failed%0AAPI Error: 429 rate_limit_error')).toBe('rate-limited')
    expect(causeOf('Invalid API key \\u00b7 Please run /login')).toBe('api-key-invalid')
    const body = [
      'API Error: 400',
      '{',
      '  "type": "error",',
      '  "error": {',
      '    "type": "invalid_request_error",',
      '    "message": "prompt is too long: 201000 tokens > 200000 maximum"',
      '  }',
      '}',
    ]
    expect(causeOf(body.join('\n'))).toBe('context-window-exceeded')
  })

  it('with no cause to name, shows the line that showed the failure, not a heading after it', () => {
    const { observation, outcome } = readSavedLog('gateway answered 418 {"error":"teapot"}\n\n## Notes')
    const found = classify(observation, outcome)
    expect(found?.cause).toBe('claude-error')
    expect(found?.evidence[0]?.text).toContain('418')
  })

  it('never joins a heading to the line below it', () => {
    const { observation, outcome } = readSavedLog('## Bug report\nThe run failed: worker crashed')
    const evidence = classify(observation, outcome)?.evidence.map((item) => item.text) ?? []
    expect(evidence.join(' ')).not.toContain('## Bug report')
  })

  it('joins a phrase a narrow terminal wrapped over lines', () => {
    expect(causeOf('API Error: 400 Your credit bal\nance is too low to access the API')).toBe('credit-balance-low')
  })
})

describe('runnerFinding', () => {
  it('stops at once on Windows, with its own cause, and lets Linux and macOS run', () => {
    expect(runnerFinding('win32')?.cause).toBe('runner-unsupported')
    expect(runnerFinding('linux')).toBeUndefined()
    expect(runnerFinding('darwin')).toBeUndefined()
  })
})

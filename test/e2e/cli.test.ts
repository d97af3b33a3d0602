// The `claude-code-guard` command line, bundled, end to end: `classify` on recorded Claude Code output,
// `run` and `diagnose` around the real Claude Code CLI and the SDK against the mock API.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { claudeBin, claudeVersion } from '../support/claude.ts'
import { fixtureDir } from '../support/fixtures.ts'
import { sequence, startMockApi, type MockApi } from '../../src/demo/mock-api.ts'
import { runCli } from '../support/run-cli.ts'

const KEY = 'sk-ant-api03-CLI-test-key-0000000000000000000000000000-wxyz'

describe('claude-code-guard --help', () => {
  it.each([[[]], [['run']], [['classify']], [['diagnose']]])('explains %j', async (command) => {
    const cli = await runCli([...command, '--help'])
    expect(cli.exitCode).toBe(0)
    expect(cli.stdout).toMatch(/^Usage: claude-code-guard/)
  })

  it.each(['--version', '-V'])('prints the version of package.json with %s', async (flag) => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string
    }
    const cli = await runCli([flag])
    expect(cli.exitCode).toBe(0)
    expect(cli.stdout).toBe(`${manifest.version}\n`)
  })

  it('spells every flag --x / --no-x with its default as commander shows it; the value spelling is a usage error', async () => {
    // Help wraps at 80 columns; the words are what counts.
    const words = (cli: { stdout: string }): string => cli.stdout.replace(/\s+/g, ' ')
    const help = words(await runCli(['run', '--help']))
    for (const flag of ['preflight', 'verify-credit']) {
      expect(help).toMatch(new RegExp(`--${flag} (?:(?!--).)*\\(default: true\\) --no-${flag} `))
    }
    expect(help).toContain('--max-attempts <value> attempts in all, 1 to 10 (default: 3)')
    expect(help).not.toMatch(/\(default [^:]|default: "/)
    const diagnose = words(await runCli(['diagnose', '--help']))
    expect(diagnose).toMatch(/--verify-credit (?:(?!--).)*\(default: false\) --no-verify-credit /)
    expect(diagnose).toContain('(default: claude)')
    const old = await runCli(['run', '--verify-credit', 'false', '--', '-p', 'hi'])
    expect(old.exitCode).toBe(2)
    expect(old.stderr).toContain('flags take no value; use --preflight or --no-preflight, --verify-credit or --no-verify-credit.')
  })

  it('rejects an unknown command with exit code 2', async () => {
    const cli = await runCli(['bogus'])
    expect(cli.exitCode).toBe(2)
    expect(cli.stderr).toContain("unknown command 'bogus'")
  })
})

describe('claude-code-guard classify (recorded Claude Code 2.1.197 output)', () => {
  it.each([
    ['credit.jsonl', 'credit-balance-low'],
    ['credit.txt', 'credit-balance-low'],
    ['unauthorized.jsonl', 'api-key-invalid'],
    ['rate-limited.txt', 'rate-limited'],
    ['overloaded.jsonl', 'overloaded'],
    ['reset.txt', 'network-error'],
  ])('diagnoses %s as %s with evidence and the fix, exit 1', async (file, cause) => {
    const cli = await runCli(['classify', join(fixtureDir('2.1.197'), file)])
    expect(cli.exitCode).toBe(1)
    expect(cli.stdout).toContain(`(${cause})`)
    expect(cli.stdout).toMatch(/Evidence \(from the log\):\n {2}\[/)
    expect(cli.stdout).toContain('How to fix:\n  1. ')
  })

  it('reads standard input and sees a success, exit 0', async () => {
    const cli = await runCli(['classify', '-'], { stdin: readFileSync(join(fixtureDir('2.1.197'), 'success.jsonl'), 'utf8') })
    expect(cli.exitCode).toBe(0)
    expect(cli.stdout).toContain('✓ Claude Code succeeded.')
    expect(cli.stdout).toContain('Mock reply: all good.')
  })

  it('prints the report format with --json', async () => {
    const cli = await runCli(['classify', '--json', join(fixtureDir('2.1.197'), 'spend-limit.jsonl')])
    expect(cli.exitCode).toBe(1)
    const report = JSON.parse(cli.stdout) as { conclusion: string; cause: string; attempts: { evidence: unknown[] }[] }
    expect(report).toMatchObject({ conclusion: 'failure', cause: 'spend-limit' })
    expect(report.attempts[0].evidence.length).toBeGreaterThan(0)
  })

  it('takes the exit code when given, and never prints a key the log holds', async () => {
    const cli = await runCli(['classify', '--exit-code', '0', '-'], { stdin: `working with ${KEY}\ndone\n` })
    expect(cli.exitCode).toBe(0)
    const failed = await runCli(['classify', '-'], { stdin: `Invalid API key ${KEY}\n` })
    expect(failed.stdout).toContain('(api-key-invalid)')
    expect(failed.stdout).not.toContain(KEY)
    expect(failed.stdout).toContain('sk-ant-***')
  })

  it('says there is nothing to classify in empty input, exit 2', async () => {
    const cli = await runCli(['classify', '-'], { stdin: '\n  \n' })
    expect(cli.exitCode).toBe(2)
    expect(cli.stderr).toContain('nothing to classify: standard input is empty')
  })

  it('after a credit cause from a log, points to the check that settles it; not in --json', async () => {
    const cli = await runCli(['classify', join(fixtureDir('2.1.197'), 'credit.jsonl')])
    expect(cli.stdout).toContain('`claude-code-guard diagnose --verify-credit` checks whether the key can spend')
    const other = await runCli(['classify', join(fixtureDir('2.1.197'), 'overloaded.jsonl')])
    expect(other.stdout).not.toContain('--verify-credit')
    const json = await runCli(['classify', '--json', join(fixtureDir('2.1.197'), 'credit.jsonl')])
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow()
  })

  it('names an unreadable file, exit 2', async () => {
    const cli = await runCli(['classify', '/nonexistent/claude.log'])
    expect(cli.exitCode).toBe(2)
    expect(cli.stderr).toContain('cannot read /nonexistent/claude.log')
  })
})

describe('claude-code-guard against the mock API', () => {
  let api: MockApi
  beforeEach(async () => {
    api = await startMockApi()
  })
  afterEach(async () => api.close())
  const withKey = { ANTHROPIC_API_KEY: KEY }

  it('run: retries a credit error and succeeds, transcript on stderr, summary on stdout', async () => {
    api.setScript(sequence(1, { kind: 'credit' }))
    const cli = await runCli(['run', '--retry-wait-seconds', '0', '--', '-p', 'Say hello'], { env: withKey, apiUrl: api.url })
    expect(cli.exitCode).toBe(0)
    expect(cli.stdout).toContain('✓ Claude Code succeeded after 2 attempts.')
    // The one-token credit check succeeded: the credit error was a false alarm, so it was retried.
    expect(cli.stdout).toContain('#1 · False credit alarm (credit-false-alarm) · exit code 1')
    expect(cli.stdout).toMatch(/Credential \(used\): API key from env ANTHROPIC_API_KEY · 59 chars · sk-ant-…wxyz/)
    expect(cli.stderr).toContain('── Attempt 1 of 3 ──')
    expect(cli.stderr).toMatch(/Attempt 1 of 3 failed: .*\(credit-false-alarm\)\. Retrying/)
    expect(api.messageCalls('claude-code')).toHaveLength(2)
    expect(`${cli.stdout}${cli.stderr}`).not.toContain(KEY)
  })

  it('run: stops on a cause no retry fixes, prints the cause, --json gives the report', async () => {
    api.setScript(() => ({ kind: 'unauthorized' }))
    const args = ['--', '-p', 'Say hello', '--model', 'claude-haiku-4-5']
    const env = { ...withKey, CLAUDE_CODE_MAX_RETRIES: '0' }
    const cli = await runCli(['run', '--json', '--no-preflight', ...args], { env, apiUrl: api.url })
    expect(cli.exitCode).toBe(1)
    const report = JSON.parse(cli.stdout) as { cause: string; attempts: unknown[]; reportFile: string }
    expect(report.cause).toBe('api-key-invalid')
    expect(report.attempts).toHaveLength(1)
    expect(JSON.parse(readFileSync(report.reportFile, 'utf8'))).toMatchObject({ cause: 'api-key-invalid' })

    // With the preflight (the default), the rejected key stops the run on the preflight's evidence. Attempt 1
    // runs alongside the check, so under load its one request may go out first; it is stopped, never retried.
    // The run gets an API of its own, so the first run's requests cannot count against it.
    const own = await startMockApi()
    try {
      own.setScript(() => ({ kind: 'unauthorized' }))
      const preflight = await runCli(['run', ...args], { env, apiUrl: own.url })
      expect(preflight.exitCode).toBe(1)
      expect(preflight.stdout).toContain('(api-key-invalid)')
      expect(preflight.stdout).toMatch(/Evidence \(before the first attempt\):\n {2}\[preflight\] models\.list .*HTTP 401/)
      expect(own.messageCalls('claude-code').length).toBeLessThanOrEqual(1)
    } finally {
      await own.close()
    }
  })

  it('run: usage errors name the option, exit 2', async () => {
    const noPrompt = await runCli(['run', '--', 'Say hello'])
    expect(noPrompt.exitCode).toBe(2)
    expect(noPrompt.stderr).toContain('-p "<prompt>"')
    const bad = await runCli(['run', '--max-attempts', '0', '--', '-p', 'hi'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('--max-attempts is "0": use a whole number from 1 to 10.')
    const reserved = await runCli(['run', '--', '-p', 'hi', '--output-format', 'text'])
    expect(reserved.exitCode).toBe(2)
    expect(reserved.stderr).toContain('the arguments after -- ("--output-format text"): remove \'--output-format\'')
    expect(api.requests).toHaveLength(0)
  })

  it('diagnose: healthy with a key the API accepts; shows a fingerprint, never the key', async () => {
    const cli = await runCli(['diagnose'], { env: withKey, apiUrl: api.url })
    expect(cli.exitCode).toBe(0)
    expect(cli.stdout).toMatch(
      /· ANTHROPIC_API_KEY +API key from env ANTHROPIC_API_KEY · 59 chars · sk-ant-…wxyz · sha256 [0-9a-f]{12} · used by Claude Code/,
    )
    expect(cli.stdout).toMatch(new RegExp(`✓ Claude Code +${claudeVersion().replace(/\./g, '\\.')} \\(Claude Code\\)`))
    expect(cli.stdout).toContain('Healthy.')
    expect(cli.stdout).not.toContain(KEY)
    expect(api.requests.filter((request) => request.client === 'sdk').map((request) => request.path)).toEqual(['/v1/models'])
  })

  it('diagnose: a rejected key is api-key-invalid, exit 1', async () => {
    api.setScript(() => ({ kind: 'unauthorized' }))
    const cli = await runCli(['diagnose'], { env: withKey, apiUrl: api.url })
    expect(cli.exitCode).toBe(1)
    expect(cli.stdout).toMatch(
      /✗ API access +models\.list with env ANTHROPIC_API_KEY: HTTP 401 · authentication_error · invalid x-api-key/,
    )
    expect(cli.stdout).toMatch(/cause: api-key-invalid\n$/)
  })

  it('diagnose --verify-credit: a one-token request refused for credit is credit-exhausted, exit 1', async () => {
    api.setScript((request) => (request.path === '/v1/messages' ? { kind: 'credit' } : { kind: 'success' }))
    const cli = await runCli(['diagnose', '--verify-credit', '--json'], { env: withKey, apiUrl: api.url })
    expect(cli.exitCode).toBe(1)
    const health = JSON.parse(cli.stdout) as { healthy: boolean; cause: string; checks: { name: string; status: string }[] }
    expect(health).toMatchObject({ healthy: false, cause: 'credit-exhausted' })
    expect(api.messageCalls('sdk')).toHaveLength(1)
  })

  it('diagnose: checks the key against the API even when Claude Code is missing', async () => {
    const cli = await runCli(['diagnose', '--claude-path', '/nonexistent/claude'], { env: withKey, apiUrl: api.url })
    expect(cli.exitCode).toBe(1)
    expect(cli.stdout).toMatch(/✗ Claude Code +\/nonexistent\/claude is not on the PATH\./)
    expect(cli.stdout).toMatch(/✓ API access +the API accepts the credential · models\.list with env ANTHROPIC_API_KEY: HTTP 200/)
    expect(cli.stdout).toMatch(/cause: claude-not-found\n$/)
    expect(api.requests.filter((request) => request.client === 'sdk').map((request) => request.path)).toEqual(['/v1/models'])
  })

  describe('a user logged in with `claude /login` (no key in the environment)', () => {
    let dir: string
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ccg-login-'))
    })
    afterEach(() => rmSync(dir, { recursive: true, force: true }))

    /**
     * A `claude` that answers `auth status` with a fixture (and the exit code given), logs every call, and runs
     * the real Claude Code for everything else with a token of its own, as a stored login would give it.
     */
    function loggedInClaude(fixture: string, exitCode: number): { path: string; calls: () => string[] } {
      const path = join(dir, 'claude')
      const calls = join(dir, 'calls')
      const status = join(fixtureDir('2.1.332'), fixture)
      writeFileSync(
        path,
        `#!/bin/sh\necho "$*" >> '${calls}'\nif [ "$1" = auth ]; then cat '${status}'; exit ${exitCode}; fi\n` +
          `CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-login-000000000000000000000000000000 exec '${claudeBin()}' "$@"\n`,
      )
      chmodSync(path, 0o755)
      return { path, calls: () => readFileSync(calls, 'utf8').trim().split('\n') }
    }

    it('diagnose: the credential check passes on the login, and the probes that need a key are skipped', async () => {
      const claude = loggedInClaude('auth-status-claude-ai.json', 0)
      const cli = await runCli(['diagnose', '--claude-path', claude.path], { apiUrl: api.url })
      expect(cli.exitCode).toBe(0)
      expect(cli.stdout).toMatch(/✓ credential +logged in with Claude Code \(claude\.ai, max\)/)
      expect(cli.stdout).toMatch(/· API access +not checked: /)
      expect(cli.stdout).toContain('Healthy.')
      expect(claude.calls()).toEqual(['auth status', '--version'])
      expect(api.requests).toHaveLength(0)
    })

    it('run: Claude Code runs on its login, without the preflight demanding a key', async () => {
      const claude = loggedInClaude('auth-status-claude-ai.json', 0)
      const cli = await runCli(['run', '--claude-path', claude.path, '--', '-p', 'Say hello'], { apiUrl: api.url })
      expect(cli.exitCode, cli.stdout).toBe(0)
      expect(cli.stdout).toContain('✓ Claude Code succeeded.')
      expect(cli.stdout).toContain(
        'Note: Credential: logged in with Claude Code (claude.ai, max); the API checks that need a key are skipped.',
      )
      expect(claude.calls()[0]).toBe('auth status')
      expect(api.requests.filter((request) => request.client === 'sdk')).toHaveLength(0)
    })

    it('trusts loggedIn, not the exit code: logged out is api-key-missing; with a key, the login is never asked', async () => {
      const claude = loggedInClaude('auth-status-none.json', 0)
      const out = await runCli(['diagnose', '--claude-path', claude.path], { apiUrl: api.url })
      expect(out.stdout).toMatch(/cause: api-key-missing\n$/)
      const withKeyRun = await runCli(['run', '--claude-path', claude.path, '--', '-p', 'Say hello'], {
        env: withKey,
        apiUrl: api.url,
      })
      expect(withKeyRun.exitCode).toBe(0)
      expect(claude.calls().filter((call) => call.startsWith('auth'))).toEqual(['auth status'])
    })
  })

  it('diagnose: no credential is api-key-missing, and nothing is probed', async () => {
    const cli = await runCli(['diagnose'], { apiUrl: api.url })
    expect(cli.exitCode).toBe(1)
    expect(cli.stdout).toMatch(/cause: api-key-missing\n$/)
    expect(api.requests).toHaveLength(0)
  })
})

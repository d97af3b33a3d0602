// The paths of a run's credentials that need no API: a cloud provider, preflight off, a missing key.
import { describe, expect, it } from 'vitest'
import { CredentialRun } from '../../src/credentials/credential-run.ts'
import { resolveCredentials } from '../../src/credentials/credential.ts'
import type { Diagnosis } from '../../src/diagnosis/clues.ts'
import type { ClaudeLogin } from '../../src/credentials/claude-login.ts'

const KEY = `sk-ant-api03-${'a1B2c3D4'.repeat(11)}-wxYZAA`
const options = { preflight: true, verifyCredit: true, probeModel: 'claude-haiku-4-5' }

function credentialRun(
  env: NodeJS.ProcessEnv,
  overrides: Partial<typeof options> = {},
  fallbackApiKey?: string,
  login?: () => Promise<ClaudeLogin | undefined>,
) {
  const lines: string[] = []
  const log = { info: (m: string) => lines.push(`info: ${m}`), warning: (m: string) => lines.push(`warning: ${m}`) }
  // An unroutable base URL: any probe these paths made by mistake would fail the assertions on `probes`.
  const run = new CredentialRun(
    resolveCredentials({ fallbackApiKey }, env),
    { ...options, ...overrides },
    { baseUrl: 'http://127.0.0.1:9' },
    log,
    { login },
  )
  return { run, lines }
}

const creditDiagnosis = (): Diagnosis => ({
  cause: 'credit-balance-low',
  evidence: [{ source: 'result', text: 'Credit balance is too low' }],
})

describe('CredentialRun', () => {
  it('skips the Anthropic checks for a cloud provider and says why a credit error stays unverified', async () => {
    const { run } = credentialRun({ CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: KEY })
    expect(await run.preflight()).toBeUndefined()
    expect(run.report.provider).toBe('Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK)')
    expect(run.report.notes).toEqual([
      'Claude Code uses Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK): the Anthropic API checks are skipped.',
    ])
    const { diagnosis } = await run.review(creditDiagnosis(), 1)
    expect(diagnosis.cause).toBe('credit-balance-low')
    expect(diagnosis.evidence.at(-1)?.text).toBe('credit not verified: Claude Code uses Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK)')
    expect(run.report.probes).toEqual([])
    expect(run.environment({ CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: KEY })).toEqual({
      CLAUDE_CODE_USE_BEDROCK: '1',
      ANTHROPIC_API_KEY: KEY,
    })
  })

  it('runs a user logged in with `claude /login` on that login: no key demanded, no request, no credit check', async () => {
    const asked: string[] = []
    const login = (): Promise<ClaudeLogin> => {
      asked.push('auth status')
      return Promise.resolve({ loggedIn: true, authMethod: 'claude.ai', subscriptionType: 'pro' })
    }
    const { run, lines } = credentialRun({}, {}, undefined, login)
    expect(await run.preflight()).toBeUndefined()
    expect(asked).toEqual(['auth status'])
    expect(run.report).toMatchObject({ login: 'logged in with Claude Code (claude.ai, pro)', checks: [], probes: [] })
    expect(lines).toEqual([
      'info: Credential: logged in with Claude Code (claude.ai, pro); the API checks that need a key are skipped.',
    ])
    expect(run.environment({ PATH: '/bin' })).toEqual({ PATH: '/bin' })
    const { diagnosis } = await run.review(creditDiagnosis(), 1)
    expect(diagnosis.evidence.at(-1)?.text).toBe(
      'credit not verified: Claude Code is logged in with Claude Code (claude.ai, pro), not a key',
    )
    expect(run.report.probes).toEqual([])
  })

  it('asks Claude Code about its own login only when no credential is set, and a logged-out answer is a missing key', async () => {
    let asked = 0
    const login = (): Promise<ClaudeLogin> => {
      asked++
      return Promise.resolve({ loggedIn: false, authMethod: 'none' })
    }
    const withKey = credentialRun({ ANTHROPIC_API_KEY: KEY }, { preflight: false }, undefined, login)
    await withKey.run.preflight()
    expect(asked).toBe(0)
    const without = credentialRun({}, {}, undefined, login)
    expect((await without.run.preflight())?.cause).toBe('api-key-missing')
    expect(asked).toBe(1)
  })

  it('checks nothing with preflight off, and leaves a credit error alone with verify-credit off', async () => {
    const { run } = credentialRun({ ANTHROPIC_API_KEY: `${KEY}\n` }, { preflight: false, verifyCredit: false })
    expect(await run.preflight()).toBeUndefined()
    expect(run.report.checks).toEqual([])
    const { diagnosis } = await run.review(creditDiagnosis(), 1)
    expect(diagnosis.cause).toBe('credit-balance-low')
    expect(run.report.fixFacts.unverifiedReason).toBe('verify-credit is off')
  })

  it('stops a missing key before any request, and logs each credential by its fingerprint only', async () => {
    const missing = credentialRun({})
    expect((await missing.run.preflight())?.cause).toBe('api-key-missing')
    expect(missing.run.report.stop?.cause).toBe('api-key-missing')
    expect(missing.run.report.probes).toEqual([])

    const malformed = credentialRun({ ANTHROPIC_API_KEY: `"${KEY}"` })
    expect((await malformed.run.preflight())?.cause).toBe('api-key-malformed')
    expect(malformed.lines[0]).toMatch(
      /^info: Credential \(used\): API key from env ANTHROPIC_API_KEY · 110 chars · \\"sk-ant…ZAA\\" · sha256 [0-9a-f]{12}$/,
    )
    expect(malformed.lines.join('\n')).not.toContain(KEY.slice(7, -4))
  })

  it('does not switch to a fallback key that fails its own checks', async () => {
    const { run } = credentialRun({}, { preflight: false }, `${KEY.slice(0, 20)} ${KEY.slice(20)}`)
    const review = await run.review({ cause: 'api-key-invalid', evidence: [] }, 1)
    expect(review.withFallback).toBe(false)
    expect(review.diagnosis.evidence.at(-1)?.text).toBe(
      'fallback-api-key was not used: Malformed credential (api-key-malformed).',
    )
    expect(run.report.switchedToFallback).toBeUndefined()
  })
})

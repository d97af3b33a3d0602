import { describe, expect, it } from 'vitest'
import type { ProbeResult } from '../../src/credentials/api-probe.ts'
import {
  describeFingerprint,
  environmentFor,
  workflowEnvironment,
  fingerprint,
  resolveCredentials,
  type Credential,
} from '../../src/credentials/credential.ts'
import { checkCredential, missingCredentialFindings } from '../../src/credentials/key-checks.ts'
import { preflightDiagnosis, refineCreditDiagnosis, refineForCredential } from '../../src/credentials/verdict.ts'
import { causeOf, type CauseId, type FixFacts } from '../../src/diagnosis/catalogue.ts'
import type { Diagnosis } from '../../src/diagnosis/clues.ts'
import { probeResult } from '../support/probe-result.ts'

const API_KEY = `sk-ant-api03-${'a1B2c3D4'.repeat(11)}-wxYZAA`
const OTHER_KEY = `sk-ant-api03-${'Zz9Yy8Xx'.repeat(11)}-qrSTAA`
const OAUTH = `sk-ant-oat01-${'o4UtH5tK'.repeat(11)}-mnOPAA`

const apiKey = (value: string, source = 'env ANTHROPIC_API_KEY'): Credential => ({
  kind: 'api-key',
  variable: 'ANTHROPIC_API_KEY',
  source,
  value,
})
const oauth = (value: string): Credential => ({
  kind: 'oauth-token',
  variable: 'CLAUDE_CODE_OAUTH_TOKEN',
  source: 'env CLAUDE_CODE_OAUTH_TOKEN',
  value,
})
const texts = (credential: Credential): string[] => checkCredential(credential).map((finding) => finding.text)

describe('resolveCredentials', () => {
  it('picks by Claude Code’s precedence: ANTHROPIC_AUTH_TOKEN, then the API key, then the OAuth token', () => {
    const env = { ANTHROPIC_AUTH_TOKEN: 'gateway-token-123456', ANTHROPIC_API_KEY: API_KEY, CLAUDE_CODE_OAUTH_TOKEN: OAUTH }
    expect(resolveCredentials({}, env).primary?.variable).toBe('ANTHROPIC_AUTH_TOKEN')
    expect(resolveCredentials({}, { ...env, ANTHROPIC_AUTH_TOKEN: '' }).primary?.variable).toBe('ANTHROPIC_API_KEY')
    expect(resolveCredentials({}, { CLAUDE_CODE_OAUTH_TOKEN: OAUTH }).primary).toMatchObject({
      kind: 'oauth-token',
      source: 'env CLAUDE_CODE_OAUTH_TOKEN',
    })
    expect(resolveCredentials({}, {}).primary).toBeUndefined()
  })

  it('prefers an input over its environment variable', () => {
    const setup = resolveCredentials({ anthropicApiKey: API_KEY, claudeCodeOauthToken: OAUTH }, {})
    expect(setup.present.map((credential) => credential.source)).toEqual([
      'input anthropic-api-key',
      'input claude-code-oauth-token',
    ])
  })

  it('names a cloud provider and uses no Anthropic credential then', () => {
    const setup = resolveCredentials({}, { CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_API_KEY: API_KEY })
    expect(setup.provider).toEqual({ variable: 'CLAUDE_CODE_USE_BEDROCK', name: 'Amazon Bedrock' })
    expect(setup.primary).toBeUndefined()
    expect(resolveCredentials({}, { CLAUDE_CODE_USE_VERTEX: 'true' }).provider?.name).toBe('Google Vertex AI')
    expect(resolveCredentials({}, { CLAUDE_CODE_USE_FOUNDRY: '0' }).provider).toBeUndefined()
  })

  it('keeps the fallback key apart from the primary', () => {
    const setup = resolveCredentials({ fallbackApiKey: OTHER_KEY }, { ANTHROPIC_API_KEY: API_KEY })
    expect(setup.primary?.value).toBe(API_KEY)
    expect(setup.fallback).toMatchObject({ kind: 'api-key', source: 'input fallback-api-key', value: OTHER_KEY })
  })
})

describe('conflicts', () => {
  it('warns that an API key wins over an OAuth token in -p mode', () => {
    const { conflicts } = resolveCredentials({}, { ANTHROPIC_API_KEY: API_KEY, CLAUDE_CODE_OAUTH_TOKEN: OAUTH })
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toContain('In `-p` mode the API key wins')
    expect(conflicts[0]).toContain('remove ANTHROPIC_API_KEY')
  })

  it('warns when the input and the environment hold different keys, but not the same key twice', () => {
    const differ = resolveCredentials({ anthropicApiKey: API_KEY }, { ANTHROPIC_API_KEY: OTHER_KEY }).conflicts
    expect(differ).toEqual([
      expect.stringContaining("Input `anthropic-api-key` and the environment's ANTHROPIC_API_KEY hold different"),
    ])
    expect(resolveCredentials({ anthropicApiKey: API_KEY }, { ANTHROPIC_API_KEY: `${API_KEY}\n` }).conflicts).toEqual([])
    const tokens = resolveCredentials({ claudeCodeOauthToken: OAUTH }, { CLAUDE_CODE_OAUTH_TOKEN: `${OAUTH}x` }).conflicts
    expect(tokens).toEqual([expect.stringContaining('claude-code-oauth-token')])
  })

  it('names every credential an ANTHROPIC_AUTH_TOKEN shadows', () => {
    const { conflicts } = resolveCredentials({}, { ANTHROPIC_AUTH_TOKEN: 'gateway-token-123456', ANTHROPIC_API_KEY: API_KEY })
    expect(conflicts).toEqual([
      'ANTHROPIC_AUTH_TOKEN (env ANTHROPIC_AUTH_TOKEN) wins over ANTHROPIC_API_KEY (env ANTHROPIC_API_KEY), which Claude Code ignores.',
    ])
  })

  it('finds none for a single credential', () => {
    expect(resolveCredentials({}, { ANTHROPIC_API_KEY: API_KEY }).conflicts).toEqual([])
  })
})

describe('fingerprint', () => {
  it('shows kind, source, length, the first 7 and last 4 characters and a short SHA-256, never the key', () => {
    const print = fingerprint(apiKey(API_KEY))
    expect(print).toEqual({
      kind: 'api-key',
      source: 'env ANTHROPIC_API_KEY',
      length: API_KEY.length,
      first: 'sk-ant-',
      last: 'YZAA',
      sha256: print.sha256,
    })
    expect(print.sha256).toMatch(/^[0-9a-f]{12}$/)
    expect(describeFingerprint(print)).toBe(
      `API key from env ANTHROPIC_API_KEY · ${API_KEY.length} chars · sk-ant-…YZAA · sha256 ${print.sha256}`,
    )
    expect(JSON.stringify(print)).not.toContain(API_KEY.slice(7, -4))
  })

  it('tells two keys apart and the same key in two runs alike', () => {
    expect(fingerprint(apiKey(API_KEY)).sha256).toBe(fingerprint(apiKey(API_KEY, 'input anthropic-api-key')).sha256)
    expect(fingerprint(apiKey(API_KEY)).sha256).not.toBe(fingerprint(apiKey(OTHER_KEY)).sha256)
  })

  it('shows a newline at the end escaped, and nothing of a value too short to show safely', () => {
    expect(fingerprint(apiKey(`${API_KEY}\n`)).last).toBe('ZAA\\n')
    const short = fingerprint(apiKey('sk-ant-short-1234'))
    expect(short.first).toBeUndefined()
    expect(short.last).toBeUndefined()
    expect(describeFingerprint(short)).not.toContain('sk-ant-')
  })
})

describe('checkCredential', () => {
  it('passes a well-formed API key and OAuth token', () => {
    expect(checkCredential(apiKey(API_KEY))).toEqual([])
    expect(checkCredential(oauth(OAUTH))).toEqual([])
  })

  it('finds a value that is blank after trimming: missing', () => {
    expect(checkCredential(apiKey('  \n'))).toEqual([
      { severity: 'error', cause: 'api-key-missing', text: 'env ANTHROPIC_API_KEY is set but blank (only whitespace).' },
    ])
  })

  it('finds a trailing newline, a leading space and whitespace inside, saying which', () => {
    expect(texts(apiKey(`${API_KEY}\n`))).toEqual([
      'env ANTHROPIC_API_KEY ends with a line break (\\n); it is passed on trimmed. Remove it from the secret.',
    ])
    expect(texts(apiKey(`${API_KEY}\r\n`))).toEqual([
      'env ANTHROPIC_API_KEY ends with a carriage return (\\r) and a line break (\\n); it is passed on trimmed. Remove it from the secret.',
    ])
    expect(texts(apiKey(` ${API_KEY}`))).toEqual([
      'env ANTHROPIC_API_KEY starts with a space; it is passed on trimmed. Remove it from the secret.',
    ])
    expect(texts(apiKey(`${API_KEY.slice(0, 20)}\t${API_KEY.slice(20)}`))).toEqual([
      'env ANTHROPIC_API_KEY contains a tab inside it.',
    ])
    // Surrounding whitespace cannot break a request (HTTP trims header values): a warning. Inside, it can.
    expect(checkCredential(apiKey(`${API_KEY}\n`))[0]).toMatchObject({ severity: 'warning', cause: 'api-key-malformed' })
    expect(checkCredential(apiKey(`${API_KEY.slice(0, 20)} ${API_KEY.slice(20)}`))[0]).toMatchObject({
      severity: 'error',
      cause: 'api-key-malformed',
    })
  })

  it('finds quotes around or inside the key', () => {
    expect(texts(apiKey(`"${API_KEY}"`))).toEqual(['env ANTHROPIC_API_KEY is wrapped in quotes: keys contain none.'])
    expect(texts(apiKey(`${API_KEY}'`))).toEqual(['env ANTHROPIC_API_KEY contains a single quote: keys contain none.'])
  })

  it('finds characters no key contains, naming them by code point', () => {
    expect(texts(apiKey(`${API_KEY}é$`))).toEqual([
      'env ANTHROPIC_API_KEY contains characters no API key contains: U+00E9, "$" (U+0024).',
    ])
    expect(texts(apiKey(`${API_KEY}\u200b`))).toEqual(['env ANTHROPIC_API_KEY contains characters no API key contains: U+200B.'])
  })

  it('lets a gateway token hold punctuation a key would not', () => {
    const gateway: Credential = {
      kind: 'auth-token',
      variable: 'ANTHROPIC_AUTH_TOKEN',
      source: 'env ANTHROPIC_AUTH_TOKEN',
      value: 'eyJhbGciOi.J9x+/=',
    }
    expect(checkCredential(gateway)).toEqual([])
    expect(texts({ ...gateway, value: 'eyJhbGciOi.J9x é' })).toEqual([
      'env ANTHROPIC_AUTH_TOKEN contains a space inside it.',
      'env ANTHROPIC_AUTH_TOKEN contains characters no auth token contains: U+00E9.',
    ])
  })

  it('finds an OAuth token given as an API key, and the reverse', () => {
    expect(checkCredential(apiKey(OAUTH))).toEqual([
      {
        severity: 'error',
        cause: 'api-key-malformed',
        text: 'env ANTHROPIC_API_KEY holds an OAuth token (sk-ant-oat…), not an API key: pass it as `claude-code-oauth-token` (CLAUDE_CODE_OAUTH_TOKEN).',
      },
    ])
    expect(texts(oauth(API_KEY))).toEqual([
      'env CLAUDE_CODE_OAUTH_TOKEN holds an API key (sk-ant-api…), not an OAuth token: pass it as `anthropic-api-key` (ANTHROPIC_API_KEY).',
    ])
  })

  it('only warns about a key without the sk-ant- prefix (a gateway may issue those)', () => {
    const findings = checkCredential(apiKey('proxy-key-0123456789'))
    expect(findings.map((finding) => finding.severity)).toEqual(['warning'])
    expect(findings[0].text).toContain('does not start with sk-ant-')
  })
})

describe('missingCredentialFindings', () => {
  const texts = (event: Parameters<typeof missingCredentialFindings>[0]): string =>
    missingCredentialFindings(event)
      .map((finding) => finding.text)
      .join('\n')

  it('names a pull request from a fork as the likely reason', () => {
    expect(texts({ name: 'pull_request', fork: true })).toContain(
      'This run was triggered by `pull_request` from a fork: GitHub passes no secrets to pull requests from forks.',
    )
  })

  it('names Dependabot secrets for a Dependabot run', () => {
    expect(texts({ name: 'pull_request', actor: 'dependabot[bot]', fork: false })).toContain(
      'by Dependabot: it reads Dependabot secrets, not Actions secrets.',
    )
  })

  it('says secrets are available to a same-repository run, and always points at the secret’s name', () => {
    const text = texts({ name: 'pull_request', fork: false })
    expect(text).toContain('from this repository (not a fork): secrets are available to it.')
    expect(text).toContain("Check that the secret's name")
    expect(missingCredentialFindings(undefined).every((finding) => finding.cause === 'api-key-missing')).toBe(true)
    expect(missingCredentialFindings({ name: 'push' }).map((finding) => finding.severity)).toEqual(['error', 'note', 'note'])
  })
})

describe('preflightDiagnosis', () => {
  it('stops on 401 and 403 with the probe as evidence', () => {
    const invalid = preflightDiagnosis(
      probeResult({ request: 'models.list', status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }),
      apiKey(API_KEY),
    )
    expect(invalid).toEqual({
      cause: 'api-key-invalid',
      evidence: [
        {
          source: 'preflight',
          text: 'models.list with env ANTHROPIC_API_KEY: HTTP 401 · authentication_error · invalid x-api-key · request req_1 · organisation org-1',
        },
      ],
    })
    expect(preflightDiagnosis(probeResult({ status: 403, errorType: 'permission_error' }), apiKey(API_KEY))?.cause).toBe(
      'permission-denied',
    )
  })

  it('calls a refused subscription token what it is, whatever the API’s wording', () => {
    const token: Credential = {
      kind: 'oauth-token',
      variable: 'CLAUDE_CODE_OAUTH_TOKEN',
      source: 'env CLAUDE_CODE_OAUTH_TOKEN',
      value: OAUTH,
    }
    const refused = preflightDiagnosis(
      probeResult({ status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' }),
      token,
    )
    expect(refused?.cause).toBe('oauth-token-invalid')
    expect(refused?.evidence.at(-1)?.text).toBe('the rejected credential is a subscription token (env CLAUDE_CODE_OAUTH_TOKEN)')
    expect(refineForCredential({ cause: 'api-key-invalid', evidence: [] }, apiKey(API_KEY)).cause).toBe('api-key-invalid')
  })

  it('stops a disabled organisation, but not a credit error (the credit check decides that)', () => {
    const disabled = probeResult({
      status: 400,
      errorType: 'invalid_request_error',
      message: 'This organization has been disabled.',
    })
    expect(preflightDiagnosis(disabled, apiKey(API_KEY))?.cause).toBe('organization-disabled')
    const credit = probeResult({
      status: 400,
      errorType: 'invalid_request_error',
      message: 'Your credit balance is too low to access the Anthropic API.',
    })
    expect(preflightDiagnosis(credit, apiKey(API_KEY))).toBeUndefined()
  })

  it('lets the run go on after success, a server error or no answer at all', () => {
    expect(preflightDiagnosis(probeResult({ status: 200 }), apiKey(API_KEY))).toBeUndefined()
    expect(preflightDiagnosis(probeResult({ status: 529, errorType: 'overloaded_error' }), apiKey(API_KEY))).toBeUndefined()
    expect(preflightDiagnosis(probeResult({ status: undefined, message: 'Connection error.' }), apiKey(API_KEY))).toBeUndefined()
  })
})

describe('refineCreditDiagnosis', () => {
  const credit: Diagnosis = {
    cause: 'credit-balance-low',
    evidence: [{ source: 'result', text: 'HTTP 400 · Credit balance is too low' }],
  }
  const creditBody = {
    status: 400,
    errorType: 'invalid_request_error',
    message: 'Your credit balance is too low to access the Anthropic API.',
  }
  const refine = (result: Partial<ProbeResult>) =>
    refineCreditDiagnosis(credit, { kind: 'probed', probe: probeResult(result), afterAttempt: 1 })

  it('confirms a real zero balance when the probe gets the same error', () => {
    const refined = refine(creditBody)
    expect(refined.cause).toBe('credit-exhausted')
    expect(refined.evidence[0]).toEqual(credit.evidence[0])
    expect(refined.evidence[1].source).toBe('probe')
    expect(refined.evidence[1].text).toMatch(/HTTP 400 .* request req_1 · organisation org-1 → same credit error$/)
  })

  it('calls it a false alarm when the probe succeeds', () => {
    const refined = refine({ status: 200 })
    expect(refined.cause).toBe('credit-false-alarm')
    expect(refined.evidence.at(-1)?.text).toContain('→ the key can spend')
  })

  it('recognises a spend-limit body in the probe', () => {
    const refined = refine({
      status: 400,
      message: 'You have reached your specified API usage limits. You will regain access on 2026-12-01.',
    })
    expect(refined.cause).toBe('spend-limit')
  })

  it('keeps credit-balance-low with the reason when the probe cannot tell', () => {
    const notFound = refine({ status: 404, errorType: 'not_found_error', message: 'model: claude-haiku-4-5' })
    expect(notFound.cause).toBe('credit-balance-low')
    expect(notFound.evidence.at(-1)?.text).toMatch(/^credit not verified: .*HTTP 404 · not_found_error/)
    expect(refine({ status: undefined, message: 'Connection error.' }).cause).toBe('credit-balance-low')
    const skipped = refineCreditDiagnosis(credit, { kind: 'not-possible', reason: 'Claude Code uses Amazon Bedrock' })
    expect(skipped).toEqual({
      cause: 'credit-balance-low',
      evidence: [...credit.evidence, { source: 'probe', text: 'credit not verified: Claude Code uses Amazon Bedrock' }],
    })
  })

  it('leaves any other cause alone', () => {
    const overloaded: Diagnosis = { cause: 'overloaded', evidence: [], retryAfterMs: 5 }
    expect(refineCreditDiagnosis(overloaded, { kind: 'probed', probe: probeResult({ status: 200 }), afterAttempt: 1 })).toBe(
      overloaded,
    )
  })
})

describe('the credit causes’ fix variants', () => {
  const steps = (cause: CauseId, facts: Partial<FixFacts> = {}): string[] =>
    causeOf(cause)
      .fix({ where: 'actions', ...facts })
      .map((step) => step.text)

  it('names the organisation to fund for a confirmed zero balance, and suggests a fallback key', () => {
    const text = steps('credit-exhausted', { organizationId: 'org-9' })
    expect(text[0]).toBe(
      'Buy credits for organisation org-9, which owns this key: a one-token request failed with the same error.',
    )
    expect(text.join('\n')).toContain('wait a few minutes and run again')
    expect(text.join('\n')).toContain('set `fallback-api-key`')
    expect(steps('credit-exhausted', { fallbackSet: true }).join('\n')).not.toContain('fallback-api-key')
    expect(steps('credit-exhausted', { where: 'terminal' }).join('\n')).not.toContain('fallback-api-key')
  })

  it('says to remove the API key only when it shadows a subscription token', () => {
    expect(steps('credit-exhausted', { keyShadowsSubscription: true }).join('\n')).toContain('remove ANTHROPIC_API_KEY')
    expect(steps('credit-exhausted').join('\n')).not.toContain('remove ANTHROPIC_API_KEY')
    expect(steps('credit-exhausted', { keyShadowsSubscription: true, where: 'terminal' }).join('\n')).toContain(
      '`unset ANTHROPIC_API_KEY`',
    )
  })

  it('says a false alarm needs no money, citing the Claude Code issues', () => {
    const [first] = causeOf('credit-false-alarm').fix({ where: 'actions' })
    expect(first.text).toContain('Nothing to fund')
    const target = first.link?.target
    expect(target?.kind === 'url' ? target.url : '').toContain('github.com/anthropics/claude-code/issues')
  })

  it('raises the spend limit for a spend-limit cause, and gives the reason an unverified error stays unverified', () => {
    expect(steps('spend-limit', { organizationId: 'org-9' })[0]).toContain('Raise the monthly spend limit of organisation org-9')
    // One short sentence: the details are in the API checks, not in the fix.
    expect(steps('credit-balance-low', { unverifiedReason: 'HTTP 404' })[0]).toMatch(
      /^The one-token credit check could not be made \(the API checks say why\), so this is unconfirmed\. Check the credit balance/,
    )
    expect(steps('credit-balance-low', { unverifiedReason: 'HTTP 404' })[0]).not.toContain('HTTP 404')
    expect(steps('credit-balance-low', { unverifiedReason: 'verify-credit is off' })[0]).toContain('`verify-credit: false`')
    expect(steps('credit-balance-low')[0]).not.toContain('unconfirmed')
  })
})

describe('environmentFor', () => {
  it('passes Claude Code only the credential that was checked, and nothing the runner hands the action alone', () => {
    const base = {
      PATH: '/bin',
      GH_TOKEN: 'ghp_workflowOwnTokenForGh0000',
      ANTHROPIC_AUTH_TOKEN: 'gateway-token-123456',
      ANTHROPIC_API_KEY: API_KEY,
      CLAUDE_CODE_OAUTH_TOKEN: OAUTH,
      'INPUT_FALLBACK-API-KEY': OTHER_KEY,
      'INPUT_GITHUB-TOKEN': 'ghs_jobToken000000000000000000',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_RUNTIME_URL: 'https://runtime.example',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example',
    }
    const workflow = { PATH: '/bin', GH_TOKEN: 'ghp_workflowOwnTokenForGh0000' }
    expect(environmentFor(base, apiKey(OTHER_KEY, 'input fallback-api-key'))).toEqual({
      ...workflow,
      ANTHROPIC_API_KEY: OTHER_KEY,
    })
    expect(environmentFor(base, undefined)).toEqual(workflow)
    expect(workflowEnvironment(base)).toEqual({
      ...workflow,
      ANTHROPIC_AUTH_TOKEN: 'gateway-token-123456',
      ANTHROPIC_API_KEY: API_KEY,
      CLAUDE_CODE_OAUTH_TOKEN: OAUTH,
    })
  })
})

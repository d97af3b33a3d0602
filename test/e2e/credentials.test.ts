// Credentials end to end: the bundled action around the real Claude Code CLI and the mock API, whose
// requests tell the SDK's probes from Claude Code's calls by user agent. Every scenario also goes
// through a scan of everything the action wrote, which must not hold any key.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sequence, startMockApi, type MockApi, type RecordedRequest, type Script } from '../../src/demo/mock-api.ts'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const PRIMARY = `sk-ant-api03-${'Pr1mAry7'.repeat(11)}-9zQkAA`
const FALLBACK = `sk-ant-api03-${'FaLLb4ck'.repeat(11)}-3xWmAA`
const OAUTH = `sk-ant-oat01-${'0aUthT0k'.repeat(11)}-5vRtAA`
const GATEWAY = `gw-${'G4teway-T0ken'.repeat(4)}`
const SECRETS = [PRIMARY, FALLBACK, OAUTH, GATEWAY]
const ORGANISATION = '9a1b2c3d-0000-4000-8000-00000000c0de'

const isModels = (request: RecordedRequest): boolean => request.path.startsWith('/v1/models')
const sdkMessages = (api: MockApi): RecordedRequest[] => api.messageCalls('sdk')

function forkPullRequestEvent(): Record<string, string> {
  const path = join(tempDir('ccg-event-'), 'event.json')
  writeFileSync(
    path,
    JSON.stringify({ pull_request: { number: 7, head: { repo: { fork: true, full_name: 'someone/widgets' } } } }),
  )
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path }
}

interface Scenario {
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  script: Script
}

const SCENARIOS = {
  'missing key': { env: { ANTHROPIC_API_KEY: undefined, ...forkPullRequestEvent() }, script: () => ({ kind: 'success' }) },
  'key with a trailing newline': { env: { ANTHROPIC_API_KEY: `${PRIMARY}\n` }, script: () => ({ kind: 'success' }) },
  'malformed key': {
    env: { ANTHROPIC_API_KEY: `${PRIMARY.slice(0, 30)} ${PRIMARY.slice(30)}` },
    script: () => ({ kind: 'success' }),
  },
  'invalid key': { script: () => ({ kind: 'unauthorized' }) },
  'credit exhausted': {
    env: { CLAUDE_CODE_OAUTH_TOKEN: OAUTH },
    script: (request) => (isModels(request) ? { kind: 'success' } : { kind: 'credit' }),
  },
  'credit false alarm': { script: sequence(1, { kind: 'credit' }) },
  'fallback key': {
    inputs: { 'fallback-api-key': FALLBACK },
    script: (request) => (isModels(request) || request.credential !== PRIMARY ? { kind: 'success' } : { kind: 'credit' }),
  },
  'verification impossible': {
    inputs: { 'max-attempts': '2' },
    script: (request) =>
      isModels(request) ? { kind: 'success' } : request.client === 'sdk' ? { kind: 'not-found-model' } : { kind: 'credit' },
  },
  'preflight unreachable': {
    script: (request) => (isModels(request) ? { kind: 'reset' } : { kind: 'success' }),
  },
  'gateway token over key and subscription': {
    env: { ANTHROPIC_AUTH_TOKEN: GATEWAY, CLAUDE_CODE_OAUTH_TOKEN: OAUTH },
    script: () => ({ kind: 'success' }),
  },
} satisfies Record<string, Scenario>

type ScenarioName = keyof typeof SCENARIOS
const runs = new Map<ScenarioName, Promise<{ action: ActionRun; api: MockApi }>>()
const apis: MockApi[] = []

/** Runs a scenario once per file: its own test and the secret scan share the run. */
function scenario(name: ScenarioName): Promise<{ action: ActionRun; api: MockApi }> {
  const started =
    runs.get(name) ??
    (async () => {
      const spec: Scenario = SCENARIOS[name]
      const api = await startMockApi(spec.script)
      apis.push(api)
      const action = await runAction({
        inputs: { prompt: 'Say hello', 'retry-wait-seconds': '0.1', ...spec.inputs },
        env: { ANTHROPIC_API_KEY: PRIMARY, ...spec.env },
        apiUrl: api.url,
      })
      return { action, api }
    })()
  runs.set(name, started)
  return started
}

afterAll(async () => {
  await Promise.all(apis.map((api) => api.close()))
})

const evidenceOf = (action: ActionRun, attempt = 0): string =>
  action.report?.attempts[attempt].evidence.map((item) => item.text).join('\n') ?? ''

describe('credentials', () => {
  it('stops a missing key before Claude Code starts, naming the fork pull request as the likely reason', async () => {
    const { action, api } = await scenario('missing key')
    expect(action.exitCode).toBe(1)
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-missing', attempts: '0' })
    expect(api.requests).toHaveLength(0)
    expect(action.stdout).toContain('::error title=No credential::No credential (api-key-missing): ')
    expect(action.summary).toMatch(
      /^## ❌ No credential\n\nNo credential is set: .* Claude Code was not started\.\n\n### How to fix/,
    )
    expect(action.summary).toContain('triggered by `pull_request` from a fork')
    expect(action.summary).toContain('### Evidence (before the first attempt)')
  })

  it('warns about a key with a trailing newline and passes it on trimmed, as HTTP would', async () => {
    const { action, api } = await scenario('key with a trailing newline')
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    expect(action.stdout).toContain('::warning::env ANTHROPIC_API_KEY ends with a line break (\\n); it is passed on trimmed.')
    expect(api.messageCalls('claude-code').map((request) => request.credential)).toEqual([PRIMARY])
    // The fingerprint: kind, source, length, first 7 and last 4 (the newline shown escaped), short hash.
    expect(action.summary).toMatch(
      /API key from `env ANTHROPIC_API_KEY` · 109 characters · `sk-ant-…kAA\\n` · sha256 `[0-9a-f]{12}`/,
    )
  })

  it('stops a key with a space inside as malformed, saying so without showing the key', async () => {
    const { action, api } = await scenario('malformed key')
    expect(action.outputs).toMatchObject({ cause: 'api-key-malformed', attempts: '0' })
    expect(api.requests).toHaveLength(0)
    expect(action.summary).toContain('env ANTHROPIC_API_KEY contains a space inside it.')
  })

  it('catches a 401 in the preflight: attempt 1 is stopped and the run reports no attempt', async () => {
    const { action, api } = await scenario('invalid key')
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-invalid', attempts: '0' })
    // The preflight's models.list is the one SDK request. Claude Code starts alongside it and may send its
    // first model call before the answer comes; the API refuses that call as it refused the preflight.
    expect(api.requests.filter((request) => request.client === 'sdk').map((request) => request.path)).toEqual(['/v1/models'])
    const others = api.requests.filter((request) => request.client !== 'sdk')
    expect(others.filter((request) => request.client !== 'claude-code' || request.reply !== 'unauthorized')).toEqual([])
    const probe = (action.report?.credentials as { probes: Record<string, unknown>[] }).probes[0]
    expect(probe).toMatchObject({ purpose: 'preflight', request: 'models.list', status: 401, organizationId: ORGANISATION })
    expect(probe.requestId).toMatch(/^req_011mock/)
    expect(action.summary).toContain(`organisation \`${ORGANISATION}\``)
  })

  it('confirms a real zero balance with one probe and stops after one attempt', async () => {
    const { action, api } = await scenario('credit exhausted')
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'credit-exhausted', attempts: '1' })
    expect(api.messageCalls('claude-code')).toHaveLength(1)
    const [probe] = sdkMessages(api)
    expect(JSON.parse(probe.body)).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 1 })
    expect(probe.credential).toBe(PRIMARY)
    expect(evidenceOf(action)).toMatch(
      /one-token credit check after attempt 1: messages\.create .* HTTP 400 .* same credit error/,
    )
    expect(action.report?.attempts[0].waitAfterMs).toBe(0)
    // The fix follows the evidence: this organisation, and the key that shadows the subscription.
    expect(action.summary).toContain(`Buy credits for organisation \`${ORGANISATION}\`, which owns this key`)
    expect(action.summary).toContain('remove ANTHROPIC_API_KEY')
    expect(action.summary).toContain('**Conflicts**')
    expect(evidenceOf(action)).toContain('In `-p` mode the API key wins')
    // Only the checked key reached Claude Code, not the shadowed OAuth token.
    expect(api.messageCalls('claude-code')[0].credential).toBe(PRIMARY)
  })

  it('retries a credit error the probe shows to be a false alarm, then succeeds', async () => {
    const { action, api } = await scenario('credit false alarm')
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '2' })
    expect(action.report?.attempts.map((attempt) => attempt.cause)).toEqual(['credit-false-alarm', 'none'])
    expect(evidenceOf(action)).toContain('HTTP 200')
    expect(sdkMessages(api)).toHaveLength(1)
    expect(action.stdout).toMatch(/::warning::Attempt 1 of 3 failed: False credit alarm \(credit-false-alarm\)\. Retrying/)
  })

  it('switches an exhausted primary key to the funded fallback key and succeeds', async () => {
    const { action, api } = await scenario('fallback key')
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '2' })
    expect(action.report?.attempts.map((attempt) => attempt.cause)).toEqual(['credit-exhausted', 'none'])
    expect(action.report?.attempts[0].waitAfterMs).toBe(0)
    expect(api.messageCalls('claude-code').map((request) => request.credential)).toEqual([PRIMARY, FALLBACK])
    expect(action.stdout).toContain('::warning::Credit exhausted (verified) (credit-exhausted) with env ANTHROPIC_API_KEY')
    expect(action.summary).toMatch(/^## ✅ Claude Code succeeded after 2 attempts, with `fallback-api-key`/)
    expect(action.stdout).toContain(
      '::warning::Attempt 1 of 3 failed: Credit exhausted (verified) (credit-exhausted). Retrying with fallback-api-key in 0.0 s.',
    )
    expect(action.summary).toContain('Fallback, used from attempt 2 on after `credit-exhausted`')
    expect(action.report?.credentials).toMatchObject({ switchedToFallback: { afterAttempt: 1, cause: 'credit-exhausted' } })
  })

  it('keeps credit-balance-low, retried, when the probe cannot tell, and probes only once', async () => {
    const { action, api } = await scenario('verification impossible')
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'credit-balance-low', attempts: '2' })
    expect(sdkMessages(api)).toHaveLength(1)
    expect(evidenceOf(action)).toMatch(/credit not verified: .*HTTP 404 · not_found_error/)
    expect(evidenceOf(action, 1)).toMatch(/credit not verified: .*after attempt 1/)
    expect(action.summary).toContain('The one-token credit check could not be made (the API checks say why)')
  })

  it('reports a preflight that gets no answer and runs Claude Code anyway', async () => {
    const { action, api } = await scenario('preflight unreachable')
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    expect(api.messageCalls('claude-code')).toHaveLength(1)
    expect(action.stdout).toMatch(
      /::warning::Preflight could not reach the API; the run goes on\. models\.list with env ANTHROPIC_API_KEY: no answer: Connection error/,
    )
    expect(action.summary).toMatch(
      /\*\*Preflight:\*\* `models\.list` with env ANTHROPIC_API_KEY, \d+ ms: no answer: Connection error/,
    )
  })

  it('runs Claude Code with exactly the credential it would pick, and warns about the shadowed ones', async () => {
    const { action, api } = await scenario('gateway token over key and subscription')
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    expect(api.messageCalls('claude-code')[0].credential).toBe(GATEWAY)
    expect(api.requests.filter(isModels)[0].credential).toBe(GATEWAY)
    expect(action.stdout).toContain('::warning::ANTHROPIC_AUTH_TOKEN (env ANTHROPIC_AUTH_TOKEN) wins over ANTHROPIC_API_KEY')
  })

  it('never writes a key anywhere, in any scenario', async () => {
    const names = Object.keys(SCENARIOS) as ScenarioName[]
    const hits: string[] = []
    for (const name of names) {
      const { action } = await scenario(name)
      const written: Record<string, string> = {
        // The toolkit's own masking command names the value for the runner; nothing else may.
        stdout: action.stdout
          .split('\n')
          .filter((line) => !line.startsWith('::add-mask::'))
          .join('\n'),
        stderr: action.stderr,
        summary: action.summary,
        outputs: JSON.stringify(action.outputs),
        ...action.files,
      }
      expect(Object.keys(action.files).some((path) => path.endsWith('report.json'))).toBe(true)
      for (const secret of SECRETS) {
        // The whole value and any stretch of its middle (the fingerprint shows only the ends).
        const needles = [secret.trim(), secret.slice(13, 29), secret.slice(-24, -4)]
        for (const [where, text] of Object.entries(written)) {
          if (needles.some((needle) => text.includes(needle))) hits.push(`${name}: ${where}`)
        }
      }
    }
    expect(hits).toEqual([])
  })
})

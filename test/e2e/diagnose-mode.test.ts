// `mode: diagnose` end to end: the bundled action after a claude-code-action step, on execution files
// of the shape claude-code-action v1.0.200 writes (test/fixtures/claude-code-action-1.0.200/, recorded
// from the real Claude Code), against the mock API and a mock GitHub.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMockApi, type MockApi, type Script } from '../../src/demo/mock-api.ts'
import { startMockGitHub, type MockGitHub } from '../support/mock-github.ts'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const KEY = 'sk-ant-api03-DIAGNOSEDIAGNOSEDIAGNOSE-AAAA'
const executionFiles = join(import.meta.dirname, '..', 'fixtures', 'claude-code-action-1.0.200')

/** A copy of a recorded execution file where claude-code-action leaves it. */
function executionFile(name: string): string {
  const dir = tempDir('ccg-exec-')
  const path = join(dir, 'claude-execution-output.json')
  copyFileSync(join(executionFiles, `${name}.json`), path)
  return path
}

function eventFile(payload: object): string {
  const path = join(tempDir('ccg-event-'), 'event.json')
  writeFileSync(path, JSON.stringify(payload))
  return path
}

let api: MockApi
beforeEach(async () => {
  api = await startMockApi()
})
afterEach(async () => api.close())

const diagnose = (
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  script?: Script,
): Promise<ActionRun> => {
  if (script) api.setScript(script)
  return runAction({ apiUrl: api.url, inputs: { mode: 'diagnose', ...inputs }, env: { ANTHROPIC_API_KEY: KEY, ...env } })
}

const isModels = (path: string): boolean => path.startsWith('/v1/models')

describe('mode: diagnose after claude-code-action', () => {
  it('confirms a credit error in the execution file with the one-token check', async () => {
    const run = await diagnose({ 'log-file': executionFile('credit') }, {}, (request) =>
      isModels(request.path) ? { kind: 'success' } : { kind: 'credit' },
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'credit-exhausted', attempts: '1' })
    expect(api.messageCalls('sdk')).toHaveLength(1)
    expect(api.messageCalls('claude-code')).toHaveLength(0)
    expect(run.stdout).toMatch(
      /^::error title=Credit exhausted \(verified\)::Credit exhausted \(verified\) \(credit-exhausted\)/m,
    )
    expect(run.summary).toContain('Credit exhausted (verified)')
    expect(run.summary).toContain('Buy credits for')
    expect(run.summary).not.toContain(KEY)
  })

  it.each([
    ['unauthorized', 'api-key-invalid', 'unauthorized'],
    ['rate-limited', 'rate-limited', 'success'],
    ['overloaded', 'overloaded', 'success'],
    ['oauth-expired', 'oauth-token-invalid', 'success'],
  ] as const)('names the cause of a %s execution file: %s', async (name, cause, models) => {
    const run = await diagnose({ 'log-file': executionFile(name) }, {}, () => ({ kind: models }))
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause })
    expect(run.report?.attempts[0].evidence.length).toBeGreaterThan(0)
    expect(api.messageCalls('claude-code')).toHaveLength(0)
  })

  it('has nothing to diagnose in a success: a short summary, no request, a green step', async () => {
    const run = await diagnose({ 'log-file': executionFile('success') })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ conclusion: 'success', cause: 'none' })
    expect(api.requests).toHaveLength(0)
    expect(run.summary).toContain('succeeded')
  })

  it('without an execution file on a fork pull request without secrets: api-key-missing, naming the fork', async () => {
    const event = eventFile({ pull_request: { number: 7, head: { repo: { fork: true } } } })
    const run = await diagnose({}, { ANTHROPIC_API_KEY: undefined, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-missing', attempts: '0' })
    expect(run.summary).toContain('from a fork')
    expect(api.requests).toHaveLength(0)
  })

  it('without an execution file, answers whether the balance is really zero with the one-token check', async () => {
    const empty = await diagnose({}, {}, (request) => (isModels(request.path) ? { kind: 'success' } : { kind: 'credit' }))
    expect(empty.outputs).toMatchObject({ conclusion: 'failure', cause: 'credit-exhausted', attempts: '0' })
    expect(api.messageCalls('sdk')).toHaveLength(1)
    expect(empty.summary).toContain('Checked the credential and the environment; nothing was run.')
    expect(empty.summary).toContain('A one-token request with this key was refused for lack of credit')
    // Nothing ran: no attempt, and no claim about what Claude Code reported.
    expect(empty.summary).not.toMatch(/\battempt\b|Claude Code reported/)
  })

  it('alone, with a key that can spend, is green in a job without id-token: write, and says what it checked', async () => {
    const funded = await diagnose({}, { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: undefined }, () => ({
      kind: 'success',
    }))
    expect(funded.exitCode).toBe(0)
    expect(funded.outputs).toMatchObject({ conclusion: 'success', cause: 'none', attempts: '0' })
    expect(funded.summary).toMatch(/^## ✅ The credential can spend\n/)
    expect(funded.summary).toContain('a one-token request with it succeeded, so it can spend. Nothing was run.')
    expect(funded.summary).not.toMatch(/succeeded\.\.\.|run succeeded|\battempt\b|from its log/)
    expect(funded.summary).not.toContain('id-token')
  })

  it('alone, with the API out of reach, is a network error, not a clean bill of health', async () => {
    const run = await runAction({ apiUrl: 'http://127.0.0.1:9', inputs: { mode: 'diagnose' }, env: { ANTHROPIC_API_KEY: KEY } })
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'network-error' })
    expect(run.summary).toContain('the API could not be reached to check the credential')
  })

  it('finds claude-code-action’s execution file in a claude-execution-<uuid> folder when log-file is empty, and names it', async () => {
    const temp = tempDir('ccg-runner-temp-')
    const folder = join(temp, 'claude-execution-0b7c8d0e-3a51-4f1c-9d55-6f1f0c0a2b11')
    mkdirSync(folder)
    copyFileSync(join(executionFiles, 'unauthorized.json'), join(folder, 'claude-execution-output.json'))
    const run = await diagnose({}, { RUNNER_TEMP: temp }, () => ({ kind: 'unauthorized' }))
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-invalid', attempts: '1' })
    expect(run.stdout).toContain(`Read claude-code-action's execution file ${join(folder, 'claude-execution-output.json')}`)
    expect(run.summary).toContain(folder)
  })

  it('an explicit log-file wins over an execution file in RUNNER_TEMP', async () => {
    const temp = tempDir('ccg-runner-temp-')
    copyFileSync(join(executionFiles, 'unauthorized.json'), join(temp, 'claude-execution-output.json'))
    const run = await diagnose({ 'log-file': executionFile('success') }, { RUNNER_TEMP: temp })
    expect(run.outputs).toMatchObject({ conclusion: 'success', cause: 'none' })
  })

  it('in a job that uses claude-code-action, no id-token: write is github-oidc-permission even without a log', async () => {
    const actions = join(tempDir('ccg-work-'), '_actions')
    const own = join(actions, 'claude-code-guard', 'claude-code-guard', 'v0')
    mkdirSync(own, { recursive: true })
    mkdirSync(join(actions, 'anthropics', 'claude-code-action', 'v1'), { recursive: true })
    const env = { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: undefined, GITHUB_ACTION_PATH: own }
    const run = await diagnose({}, env, () => ({ kind: 'success' }))
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'github-oidc-permission' })
    const alone = await diagnose(
      {},
      { ...env, GITHUB_ACTION_PATH: join(tempDir('ccg-work-'), '_actions', 'x', 'y', 'v0') },
      () => ({
        kind: 'success',
      }),
    )
    expect(alone.outputs).toMatchObject({ conclusion: 'success', cause: 'none' })
  })

  it('without an execution file and without id-token: write: github-oidc-permission', async () => {
    const missing = join(tempDir('ccg-exec-'), 'claude-execution-output.json')
    const run = await diagnose({ 'log-file': missing }, { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: undefined })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'github-oidc-permission' })
    expect(run.summary).toContain('id-token: write')
    expect(run.stdout).toContain('is missing: checking the credential and the environment')
    const withToken = await diagnose(
      { 'log-file': missing },
      { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' },
    )
    expect(withToken.outputs).toMatchObject({ conclusion: 'success', cause: 'none' })
  })

  it('refuses an unreadable log-file with one clear error, and a prompt beside mode: diagnose', async () => {
    const dir = tempDir('ccg-exec-')
    mkdirSync(join(dir, 'a-directory'))
    const run = await diagnose({ 'log-file': join(dir, 'a-directory') })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ conclusion: 'failure', cause: 'input-invalid' })
    expect(run.stdout.match(/^::error\b/gm)).toHaveLength(1)
    expect(run.stdout).toMatch(
      /::error title=Invalid input::Invalid input `log-file` \(input-invalid\): Input 'log-file' is ".*a-directory": the file cannot be read \(it is a directory\)/,
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
    const both = await diagnose({ prompt: 'Say hello' })
    expect(both.stdout).toMatch(
      /::error title=Invalid input::Invalid input `mode` \(input-invalid\): Input 'mode' is "diagnose": remove 'prompt'/,
    )
  })
})

describe('mode: diagnose comments on the pull request', () => {
  let github: MockGitHub
  beforeEach(async () => {
    github = await startMockGitHub()
  })
  afterEach(async () => github.close())

  it('creates the failure comment with the cause and the fix', async () => {
    const event = eventFile({ pull_request: { number: 7 }, repository: { name: 'widgets', owner: { login: 'acme' } } })
    const run = await diagnose(
      { 'log-file': executionFile('unauthorized'), 'comment-on-failure': 'true', 'github-token': 'ghs_mockTokenForDiagnose0123' },
      {
        GITHUB_API_URL: github.url,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_RUN_ID: '9',
        GITHUB_WORKFLOW: 'Review',
        GITHUB_JOB: 'claude',
      },
      () => ({ kind: 'unauthorized' }),
    )
    expect(run.outputs.cause).toBe('api-key-invalid')
    expect(github.comments).toHaveLength(1)
    expect(github.comments[0].body).toContain('(`api-key-invalid`)')
    expect(github.comments[0].body).toContain('https://console.anthropic.com/settings/keys')
  })
})

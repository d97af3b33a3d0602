// What the processes the action starts can see: the attempt, the API probe and npm get an environment
// built for them, never the action's own. The runner hands the action its inputs (every key and the
// GitHub token), the runtime's token and the OIDC token request; none of that reaches a child, nor a
// credential it does not use. The workflow's own `env:` does. The bundled action, with commands that
// write what they were given into the workspace (where no redaction applies).
import { delimiter, join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findExecutable } from '../../src/install/claude-install.ts'
import { startMockRegistry, type MockRegistry } from '../support/mock-npm-registry.ts'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'
import { holds } from './guarantees.ts'
import { mockApiPerTest, TEST_KEY } from './mock-api.ts'

const GUARANTEE = 'a child sees only the credential it uses'
const FALLBACK = 'sk-ant-api03-FALLBACKFALLBACKFALLBACK-BBBB'
const OAUTH = 'sk-ant-oat01-SHADOWEDSHADOWEDSHADOWED-CCCC'
const JOB_TOKEN = 'ghs_jobTokenTheAttemptMustNotSee000000'
const GH_TOKEN = 'ghp_workflowOwnTokenForGhCommands00000'

/** What the runner hands a JavaScript action besides its inputs. */
const RUNNER = {
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-for-caches-and-artifacts',
  ACTIONS_RUNTIME_URL: 'https://pipelines.example/runtime/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-0000000000',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.example/oidc',
  // The workflow's own `env:`, and a shadowed subscription token the run does not use.
  GH_TOKEN,
  CLAUDE_CODE_OAUTH_TOKEN: OAUTH,
}
const INPUTS = {
  'anthropic-api-key': TEST_KEY,
  'fallback-api-key': FALLBACK,
  'github-token': JOB_TOKEN,
  'verify-credit': 'false',
}

/** `NAME=value` lines, one per variable, as `env -0` wrote them. */
function variables(path: string): Map<string, string> {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : ''
  return new Map(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  )
}

/** What only the action may see, in an environment: the names that must not be there, and the values. */
function forbidden(env: Map<string, string>, allowed: string[] = []): string[] {
  const names = [...env.keys()].filter((name) => /^(?:INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_)/.test(name))
  const secrets = [TEST_KEY, FALLBACK, OAUTH, JOB_TOKEN, RUNNER.ACTIONS_RUNTIME_TOKEN, RUNNER.ACTIONS_ID_TOKEN_REQUEST_TOKEN]
  const values = secrets.filter(
    (secret) => !allowed.includes(secret) && [...env.values()].some((value) => value.includes(secret)),
  )
  return [...names, ...values]
}

describe('the environment of the attempt', () => {
  it('holds the credential it uses, the fallback key only when it uses it, and the workflow’s own env', async () => {
    // Attempt 1 fails for credit, so attempt 2 runs with the fallback key.
    const command = [
      'n=$(( $(cat count 2>/dev/null || echo 0) + 1 )); echo $n > count',
      'env -0 > env-$n',
      'if [ $n = 1 ]; then echo "Error: You have reached your specified API usage limits" >&2; exit 1; fi',
    ].join('; ')
    const run = await runAction({
      inputs: { ...INPUTS, command, preflight: 'false', 'retry-wait-seconds': '0' },
      env: RUNNER,
    })
    const [first, second] = [1, 2].map((n) => variables(join(run.workspace, `env-${n}`)))
    await holds(GUARANTEE, 'the attempts (a command), before and after the switch to the fallback key', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['spend-limit', 'none'])
      expect(first.get('ANTHROPIC_API_KEY')).toBe(TEST_KEY)
      expect(forbidden(first, [TEST_KEY])).toEqual([])
      expect(second.get('ANTHROPIC_API_KEY')).toBe(FALLBACK)
      expect(forbidden(second, [FALLBACK])).toEqual([])
      for (const env of [first, second]) {
        expect(env.get('GH_TOKEN')).toBe(GH_TOKEN)
        expect(env.has('CLAUDE_CODE_OAUTH_TOKEN')).toBe(false)
        expect(env.get('PATH')).toBeTruthy()
      }
    })
  })
})

describe('the environment of the API probe', () => {
  const startApi = mockApiPerTest()

  it('holds no credential (it gets the key over its channel) and nothing only the action may see', async () => {
    // The probe waits on an API that never answers; meanwhile attempt 1, a command, copies its environment.
    const api = await startApi((request) => (request.client === 'sdk' ? { kind: 'hang' } : { kind: 'success' }))
    const command = [
      'for i in $(seq 1 100); do',
      '  for p in /proc/[0-9]*; do',
      '    if [ $p != /proc/$$ ] && grep -q "probe/index.js" $p/cmdline 2>/dev/null && [ "$(cut -d" " -f4 $p/stat)" = "$PPID" ]; then',
      '      cp $p/environ probe-env; exit 0',
      '    fi',
      '  done; sleep 0.05',
      'done; exit 1',
    ].join('\n')
    const run = await runAction({ apiUrl: api.url, inputs: { ...INPUTS, command }, env: RUNNER })
    const probe = variables(join(run.workspace, 'probe-env'))
    await holds(GUARANTEE, 'the API probe', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(probe.get('PATH')).toBeTruthy()
      expect(forbidden(probe)).toEqual([])
      expect(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN'].filter((name) => probe.has(name))).toEqual(
        [],
      )
    })
  })
})

describe('the environment of npm', () => {
  let registry: MockRegistry
  beforeAll(async () => {
    registry = await startMockRegistry(['9.9.9'])
  })
  afterAll(async () => registry.close())

  it('holds no credential and nothing only the action may see, also in the package’s install script', async () => {
    const seen = join(tempDir('ccg-install-env-'), 'names')
    const path = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => dir && findExecutable('claude', dir) === undefined)
      .join(delimiter)
    const run = await runAction({
      inputs: {
        ...INPUTS,
        prompt: 'hi',
        'install-claude': 'true',
        'claude-version': '9.9.9',
        'max-attempts': '1',
        preflight: 'false',
      },
      env: { ...RUNNER, ...registry.npmEnv, PATH: path, CCG_INSTALL_ENV_FILE: seen },
    })
    const names = existsSync(seen) ? readFileSync(seen, 'utf8').split('\n') : []
    await holds(GUARANTEE, 'npm and the install script', () => {
      expect(run.stdout).toContain('Claude Code 9.9.9 installed in')
      expect(names).toContain('GH_TOKEN')
      expect(names.filter((name) => /^(?:INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_)/.test(name))).toEqual([])
      expect(names.filter((name) => /^(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN)$/.test(name))).toEqual(
        [],
      )
    })
  })
})

// The install path with a local package source: real npm, a registry on 127.0.0.1, no network.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findExecutable, installClaude, shouldInstall } from '../../src/install/claude-install.ts'
import { PINNED_CLAUDE_VERSION, type InstallSettings } from '../../src/settings/settings.ts'
import { startMockRegistry, type MockRegistry } from '../support/mock-npm-registry.ts'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

/** The test's PATH without any folder that holds a `claude`, so `auto` has something to install. */
const pathWithoutClaude = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && findExecutable('claude', dir) === undefined)
  .join(delimiter)

const settings = (overrides: Partial<InstallSettings> = {}): InstallSettings => ({
  mode: 'true',
  version: PINNED_CLAUDE_VERSION,
  claudePath: 'claude',
  ...overrides,
})

function logs(): { info: string[]; warning: string[]; sink: { info(m: string): void; warning(m: string): void } } {
  const info: string[] = []
  const warning: string[] = []
  return { info, warning, sink: { info: (m) => info.push(m), warning: (m) => warning.push(m) } }
}

let registry: MockRegistry
beforeAll(async () => {
  registry = await startMockRegistry([PINNED_CLAUDE_VERSION, '2.2.0'])
})
afterAll(async () => registry.close())

describe('shouldInstall', () => {
  const withClaude = { PATH: `/nowhere${delimiter}${join(import.meta.dirname, '..', '..', 'node_modules', '.bin')}` }
  it('auto installs only when `claude` is not on the PATH', () => {
    expect(shouldInstall(settings({ mode: 'auto' }), withClaude)).toBe(false)
    expect(shouldInstall(settings({ mode: 'auto' }), { PATH: pathWithoutClaude })).toBe(true)
  })
  it('auto leaves a custom claude-path alone: installing cannot create it', () => {
    expect(shouldInstall(settings({ mode: 'auto', claudePath: '/opt/claude/bin/claude' }), { PATH: pathWithoutClaude })).toBe(
      false,
    )
  })
  it('true and false are unconditional', () => {
    expect(shouldInstall(settings({ mode: 'true' }), withClaude)).toBe(true)
    expect(shouldInstall(settings({ mode: 'false' }), { PATH: pathWithoutClaude })).toBe(false)
  })
})

describe('installClaude with a local registry', () => {
  const env = (): NodeJS.ProcessEnv => ({
    ...registry.npmEnv,
    // A fresh npm cache each time, so npm asks the registry rather than answering from its cache.
    npm_config_cache: tempDir('ccg-npm-cache-'),
    PATH: pathWithoutClaude,
    HOME: tempDir('ccg-home-'),
    RUNNER_TOOL_CACHE: tempDir('ccg-toolcache-'),
  })

  it('installs the pinned version first on the PATH, then reuses it without npm', async () => {
    const base = env()
    const log = logs()
    const first = await installClaude(settings(), { env: base, ...log.sink })
    expect(first.record).toMatchObject({ requested: PINNED_CLAUDE_VERSION, version: PINNED_CLAUDE_VERSION, reused: false })
    expect(first.record.directory).toBe(join(String(base.RUNNER_TOOL_CACHE), 'claude-code', PINNED_CLAUDE_VERSION, process.arch))
    const claude = findExecutable('claude', first.env.PATH)
    expect(claude).toBe(join(String(first.record.directory), 'node_modules', '.bin', 'claude'))
    expect(execFileSync(String(claude), ['--version'], { encoding: 'utf8' })).toBe(`${PINNED_CLAUDE_VERSION} (Claude Code)\n`)
    expect(log.info.join('\n')).toContain(`Claude Code ${PINNED_CLAUDE_VERSION} installed in`)

    const requestsBefore = registry.requests.length
    const second = await installClaude(settings(), { env: base, ...log.sink })
    expect(second.record).toMatchObject({ version: PINNED_CLAUDE_VERSION, reused: true })
    expect(registry.requests.length).toBe(requestsBefore)
    expect(second.env.PATH).toBe(first.env.PATH)
  })

  it('resolves `latest` to an exact version and installs that', async () => {
    const result = await installClaude(settings({ version: 'latest' }), { env: env(), ...logs().sink })
    expect(result.record).toMatchObject({ requested: 'latest', version: '2.2.0', reused: false })
    expect(result.record.directory).toContain(join('claude-code', '2.2.0'))
  })

  it('retries npm after a network error', async () => {
    const log = logs()
    registry.failNext(1)
    const result = await installClaude(settings(), { env: env(), retryWaitMs: 10, ...log.sink })
    expect(result.record).toMatchObject({ version: PINNED_CLAUDE_VERSION, reused: false })
    expect(result.record.error).toBeUndefined()
    expect(log.warning.join('\n')).toMatch(/try 1 failed on a network error; retrying/)
  })

  it('reports a failure that no retry fixes and leaves the PATH and the tool cache as they were', async () => {
    const base = env()
    const log = logs()
    const result = await installClaude(settings({ version: '9.9.9' }), { env: base, retryWaitMs: 10, ...log.sink })
    expect(result.record.version).toBeUndefined()
    expect(result.record.error).toMatch(/npm install failed/)
    expect(result.env).toBe(base)
    expect(log.warning).toHaveLength(1)
    expect(existsSync(join(String(base.RUNNER_TOOL_CACHE), 'claude-code', '9.9.9', process.arch))).toBe(false)
  })
})

describe('the action installs Claude Code (bundle, end to end)', () => {
  it('installs when `claude` is missing, runs with it on the PATH and reports the version', async () => {
    const toolCache = tempDir('ccg-toolcache-')
    const run = await runAction({
      inputs: { command: 'claude --version', preflight: 'false' },
      env: { ...registry.npmEnv, PATH: pathWithoutClaude, RUNNER_TOOL_CACHE: toolCache },
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.conclusion).toBe('success')
    expect(run.stdout).toContain(`${PINNED_CLAUDE_VERSION} (Claude Code)`)
    expect(run.stdout).toContain(`Claude Code ${PINNED_CLAUDE_VERSION} installed in`)
    expect(run.summary).toContain(`Claude Code ${PINNED_CLAUDE_VERSION} installed in`)
    expect(run.report?.install).toMatchObject({ requested: PINNED_CLAUDE_VERSION, version: PINNED_CLAUDE_VERSION, reused: false })
  })

  it('checks the credential before it installs anything: a malformed key stops the run with no npm request', async () => {
    const before = registry.requests.length
    const run = await runAction({
      inputs: {
        command: 'claude --version',
        'install-claude': 'true',
        'anthropic-api-key': 'sk-ant-api03-has a space-in-it-0000000000000',
      },
      env: { ...registry.npmEnv, PATH: pathWithoutClaude },
    })
    expect(run.outputs.cause).toBe('api-key-malformed')
    expect(registry.requests.length).toBe(before)
    expect(run.report?.install).toBeUndefined()
  })

  it('counts the install in the time of the whole step', async () => {
    const toolCache = tempDir('ccg-toolcache-')
    const run = await runAction({
      inputs: { command: 'claude --version', preflight: 'false' },
      env: { ...registry.npmEnv, PATH: pathWithoutClaude, RUNNER_TOOL_CACHE: toolCache },
    })
    const report = run.report as unknown as { startedAt: string; finishedAt: string; install: { durationMs: number } }
    expect(Date.parse(report.finishedAt) - Date.parse(report.startedAt)).toBeGreaterThanOrEqual(report.install.durationMs)
  })

  it('diagnoses claude-not-found when the install fails, and names the install failure', async () => {
    const run = await runAction({
      inputs: { prompt: 'hi', 'install-claude': 'true', 'claude-version': '9.9.9', 'max-attempts': '1', preflight: 'false' },
      env: { ...registry.npmEnv, PATH: pathWithoutClaude },
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.cause).toBe('claude-not-found')
    expect(run.summary).toContain('Installing Claude Code 9.9.9 failed')
  })
})

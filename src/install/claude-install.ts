// Installs Claude Code with npm into the runner's tool cache (or its temp folder) and reuses an install
// that is already there. Each version gets its own folder, filled in a staging folder and renamed into
// place, so a crashed or concurrent install never leaves a half-filled folder that looks complete.
// npm's network failures are retried with p-retry; npm honours the runner's own npm configuration
// (registry, proxy), which is also how the tests point it at a local package source.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import pRetry from 'p-retry'
import { environmentFor } from '../credentials/credential.js'
import type { InstallSettings } from '../settings/settings.js'

const CLAUDE_PACKAGE = '@anthropic-ai/claude-code'
/** The command the package provides; `auto` only installs when `claude-path` is this name. */
const CLAUDE_COMMAND = 'claude'

/** What the report says about the install. */
export interface InstallRecord {
  /** The version asked for: exact, or `latest`. */
  requested: string
  /** The version now on the PATH; unset when the install failed. */
  version?: string
  directory?: string
  reused: boolean
  durationMs: number
  error?: string
}

export interface InstallOptions {
  env: NodeJS.ProcessEnv
  /** The first wait before retrying npm after a network error; doubles each time. */
  retryWaitMs?: number
  retries?: number
  info(message: string): void
  warning(message: string): void
}

/** The executable `name` resolves to on `path`, if any (a name with a slash is checked as it is). */
export function findExecutable(name: string, path: string | undefined): string | undefined {
  const candidates = name.includes('/')
    ? [name]
    : (path ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name))
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

export function shouldInstall(install: InstallSettings, env: NodeJS.ProcessEnv): boolean {
  if (install.mode !== 'auto') return install.mode === 'true'
  return install.claudePath === CLAUDE_COMMAND && findExecutable(CLAUDE_COMMAND, env.PATH) === undefined
}

class NpmError extends Error {
  constructor(
    readonly args: string[],
    readonly output: string,
  ) {
    super(`npm ${args[0]} failed: ${output.trim().split('\n').slice(-6).join('\n') || 'no output'}`)
  }
}

/** npm's own words for a failure that another try can get past. */
const NETWORK_FAILURE =
  /\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ERR_SOCKET_TIMEOUT|E429|E5\d\d)\b|socket hang up|network/i

const NPM_TIMEOUT_MS = 5 * 60_000

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      args,
      // npm and the package's install script get no credential and nothing the runner hands the action alone.
      {
        cwd,
        env: { ...environmentFor(env, undefined), npm_config_update_notifier: 'false' },
        timeout: NPM_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => (error ? reject(new NpmError(args, `${stderr}\n${error.message}`)) : resolve(stdout)),
    )
  })
}

function withRetries<T>(task: () => Promise<T>, options: InstallOptions): Promise<T> {
  return pRetry(task, {
    retries: options.retries ?? 3,
    minTimeout: options.retryWaitMs ?? 5_000,
    shouldRetry: ({ error }) => error instanceof NpmError && NETWORK_FAILURE.test(error.output),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
      if (retriesLeft > 0 && error instanceof NpmError && NETWORK_FAILURE.test(error.output)) {
        options.warning(`Installing Claude Code: try ${attemptNumber} failed on a network error; retrying. ${error.message}`)
      }
    },
  })
}

function installedVersion(directory: string): string | undefined {
  try {
    const manifest = join(directory, 'node_modules', ...CLAUDE_PACKAGE.split('/'), 'package.json')
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version
  } catch {
    return undefined
  }
}

const binDirectory = (directory: string): string => join(directory, 'node_modules', '.bin')

async function exactVersion(requested: string, options: InstallOptions): Promise<string> {
  if (requested !== 'latest') return requested
  const out = await withRetries(() => npm(['view', `${CLAUDE_PACKAGE}@latest`, 'version'], tmpdir(), options.env), options)
  return out.trim()
}

async function installInto(directory: string, version: string, options: InstallOptions): Promise<void> {
  const staging = `${directory}.partial-${randomUUID().slice(0, 8)}`
  mkdirSync(staging, { recursive: true })
  try {
    // The package fetches its native binary in a postinstall script; newer npm runs only allowed scripts.
    const manifest = { private: true, dependencies: { [CLAUDE_PACKAGE]: version }, allowScripts: { [CLAUDE_PACKAGE]: true } }
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await withRetries(() => npm(['install', '--no-audit', '--no-fund', '--loglevel=error'], staging, options.env), options)
    try {
      renameSync(staging, directory)
    } catch (error) {
      // Another job on this runner finished the same install first: use theirs.
      if (installedVersion(directory) !== version) throw error
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** The folder that holds installs: the runner's tool cache, else its temp folder, else the system's. */
function installRoot(env: NodeJS.ProcessEnv): string {
  return join(env.RUNNER_TOOL_CACHE || env.RUNNER_TEMP || tmpdir(), 'claude-code')
}

/**
 * Installs (or reuses) Claude Code and returns the environment for the attempts, with it first on the
 * PATH. A failed install is reported, not thrown: the attempt then diagnoses the missing executable.
 */
export async function installClaude(
  install: InstallSettings,
  options: InstallOptions,
): Promise<{ record: InstallRecord; env: NodeJS.ProcessEnv }> {
  const started = Date.now()
  const record: InstallRecord = { requested: install.version, reused: false, durationMs: 0 }
  try {
    const version = await exactVersion(install.version, options)
    const directory = join(installRoot(options.env), version, process.arch)
    record.reused = installedVersion(directory) === version && existsSync(join(binDirectory(directory), CLAUDE_COMMAND))
    if (!record.reused) {
      options.info(`Installing Claude Code ${version} into ${directory} …`)
      await installInto(directory, version, options)
    }
    record.version = installedVersion(directory)
    record.directory = directory
    record.durationMs = Date.now() - started
    options.info(`Claude Code ${record.version ?? '?'} ${record.reused ? 'reused from' : 'installed in'} ${directory}.`)
    const path = [binDirectory(directory), options.env.PATH].filter(Boolean).join(delimiter)
    return { record, env: { ...options.env, PATH: path } }
  } catch (error) {
    record.durationMs = Date.now() - started
    record.error = error instanceof Error ? error.message : String(error)
    options.warning(`Installing Claude Code ${install.version} failed: ${record.error}`)
    return { record, env: options.env }
  }
}

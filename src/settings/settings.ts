// Every input is parsed here, once, into one typed object. A bad value throws an InputError that names
// the input, the value and what is allowed; nothing has run by then.
import { parse as parseShellWords } from 'shell-quote'
import { CATALOGUE, causeOf, type CauseId } from '../diagnosis/catalogue.js'
import { clip } from '../text/lines.js'

/** Every input the action reads, as action.yml declares them; reading any other name does not compile. */
export const INPUT_NAMES = [
  'mode',
  'log-file',
  'prompt',
  'prompt-file',
  'claude-args',
  'claude-path',
  'command',
  'anthropic-api-key',
  'claude-code-oauth-token',
  'fallback-api-key',
  'preflight',
  'verify-credit',
  'probe-model',
  'max-attempts',
  'retry-wait-seconds',
  'backoff',
  'max-wait-seconds',
  'retry-on',
  'resume-on-retry',
  'timeout-minutes',
  'summary',
  'working-directory',
  'install-claude',
  'claude-version',
  'comment-on-failure',
  'github-token',
  'matrix',
] as const
export type InputName = (typeof INPUT_NAMES)[number]

/** The Claude Code version the action is tested with (the devDependency); `claude-version` defaults to it. */
export const PINNED_CLAUDE_VERSION = '2.1.332'

export type Backoff = 'exponential' | 'fixed'
export type SummaryMode = 'always' | 'on-failure' | 'never'
/** `transient`: the causes a retry can fix; `any`: every failure; otherwise exactly these causes. */
export type RetryOn = { kind: 'transient' } | { kind: 'any' } | { kind: 'causes'; causes: CauseId[] }

/** Whether `retry-on` retries a failure of this cause with the same credential. */
export function isRetried(retryOn: RetryOn, cause: CauseId): boolean {
  const { retry } = causeOf(cause)
  if (retry === 'never') return false
  if (retryOn.kind === 'transient') return retry === 'backoff' || retry === 'steady'
  if (retryOn.kind === 'any') return true
  return retryOn.causes.includes(cause)
}

export const retryOnText = (retryOn: RetryOn): string => (retryOn.kind === 'causes' ? retryOn.causes.join(',') : retryOn.kind)

/** What one attempt runs: Claude Code with a prompt, or a user's own shell command. */
export type Task =
  { kind: 'prompt'; prompt: string; claudeArgs: string[]; claudePath: string } | { kind: 'command'; command: string }

/** `mode: diagnose`: nothing is run; a finished run's log (if any) and the environment are diagnosed. */
export interface Diagnose {
  kind: 'diagnose'
  /** claude-code-action's execution file or a saved log; a missing or empty one is no error. */
  logFile?: string
}

/** `auto`: install when `claude-path` is not found; `true`: always; `false`: never. */
export type InstallMode = 'auto' | 'true' | 'false'

export interface InstallSettings {
  mode: InstallMode
  /** An exact version, or `latest`. */
  version: string
  claudePath: string
}

export interface CommentSettings {
  onFailure: boolean
  githubToken?: string
  /** This job's matrix leg (`os=ubuntu-latest, node=20`): each leg keeps its own comment. */
  leg?: string
}

export interface Settings {
  task: Task | Diagnose
  anthropicApiKey?: string
  claudeCodeOauthToken?: string
  fallbackApiKey?: string
  /** Check the credential before the first attempt. */
  preflight: boolean
  /** After a credit error, test it with one minimal billed request. */
  verifyCredit: boolean
  probeModel: string
  maxAttempts: number
  retryWaitSeconds: number
  backoff: Backoff
  maxWaitSeconds: number
  retryOn: RetryOn
  /** Whether a retry continues the failed attempt's Claude Code session instead of starting over. */
  resumeOnRetry: boolean
  /** Per-attempt limit in milliseconds; 0 means none. */
  timeoutMs: number
  summary: SummaryMode
  workingDirectory: string
  install: InstallSettings
  comment: CommentSettings
}

/** An input's value is echoed in its error cut to this many characters: enough to recognise it. */
const ECHOED_VALUE_CHARS = 200

export class InputError extends Error {
  constructor(
    readonly input: InputName,
    readonly value: string,
    readonly allowed: string,
  ) {
    super(`Input '${input}' ${value === '' ? 'is empty' : `is ${JSON.stringify(clip(value, ECHOED_VALUE_CHARS))}`}: ${allowed}`)
    this.name = 'InputError'
  }
}

export type ReadInput = (name: InputName) => string
/** The file system facts parsing needs; injected so parsing stays testable without a disk. */
export interface InputFiles {
  readText(path: string): string | undefined
  isDirectory(path: string): boolean
}

function number(read: ReadInput, name: InputName, fallback: string, min: number, max: number, integer: boolean): number {
  const raw = read(name).trim() || fallback
  const value = Number(raw)
  const kind = integer ? 'a whole number' : 'a number'
  if (
    !/^\d+(\.\d+)?$/.test(raw) ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    throw new InputError(name, raw, `use ${kind} from ${min} to ${max}.`)
  }
  return value
}

function choice<T extends string>(read: ReadInput, name: InputName, fallback: T, allowed: readonly T[]): T {
  const raw = (read(name).trim() || fallback).toLowerCase()
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new InputError(name, raw, `use one of ${allowed.map((a) => `'${a}'`).join(', ')}.`)
  }
  return raw as T
}

/** The causes `retry-on` may name: a cancellation, a bad input or a fault of the action is never retried. */
const RETRIABLE_CAUSES: readonly string[] = CATALOGUE.filter((cause) => cause.retry !== 'never').map((cause) => cause.id)

function flag(read: ReadInput, name: InputName, fallback: boolean): boolean {
  const raw = read(name).trim()
  if (raw === '') return fallback
  const value = raw.toLowerCase()
  if (value !== 'true' && value !== 'false') throw new InputError(name, raw, "use 'true' or 'false'.")
  return value === 'true'
}

function parseProbeModel(read: ReadInput): string {
  const raw = read('probe-model').trim() || 'claude-haiku-4-5'
  if (!/^[\w.:@/-]+$/.test(raw)) {
    throw new InputError('probe-model', raw, 'use a model id such as claude-haiku-4-5 (letters, digits, and . - _ : @ /).')
  }
  return raw
}

const optional = (value: string): string | undefined => (value === '' ? undefined : value)

/** The leg of a matrix job, from `matrix` (by default the runner's `toJson(matrix)`); none outside a matrix. */
function parseMatrix(read: ReadInput): { leg?: string } {
  const raw = read('matrix').trim()
  if (raw === '' || raw === 'null') return {}
  let values: unknown
  try {
    values = JSON.parse(raw)
  } catch {
    throw new InputError('matrix', raw, 'use JSON, as `${{ toJson(matrix) }}` gives it, or leave the input out.')
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new InputError('matrix', raw, 'use a JSON object of the matrix values, as `${{ toJson(matrix) }}` gives it.')
  }
  const leg = Object.entries(values)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ')
  return leg ? { leg } : {}
}

function parseRetryOn(read: ReadInput): RetryOn {
  const raw = read('retry-on').trim() || 'transient'
  if (raw === 'transient' || raw === 'any') return { kind: raw }
  const causes = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const unknown = causes.filter((cause) => !RETRIABLE_CAUSES.includes(cause))
  if (causes.length === 0 || unknown.length > 0) {
    throw new InputError(
      'retry-on',
      raw,
      `unknown cause ${unknown.map((u) => `'${u}'`).join(', ') || 'list'}; use 'transient', 'any' or a comma list of: ${RETRIABLE_CAUSES.join(', ')}.`,
    )
  }
  return { kind: 'causes', causes: causes as CauseId[] }
}

/** Flags the action sets itself; a second value would break the diagnosis. */
const RESERVED_CLAUDE_ARGS = ['-p', '--print', '--output-format']

function parseClaudeArgs(read: ReadInput): string[] {
  const raw = read('claude-args')
  // Expansion is not wanted (the runner already expanded ${{ }} expressions); `$` stays literal.
  const words = parseShellWords(raw, (name) => `$${name}`)
  const operators = words.filter((word) => typeof word !== 'string')
  if (operators.length > 0) {
    throw new InputError(
      'claude-args',
      raw,
      'only arguments are allowed, no shell operators, redirections or globs; quote them, or use the `command` input for a shell pipeline.',
    )
  }
  const reserved = (words as string[]).find((word) => RESERVED_CLAUDE_ARGS.includes(word.split('=')[0]))
  if (reserved !== undefined) {
    throw new InputError(
      'claude-args',
      raw,
      `remove '${reserved}': the action runs \`claude -p\` with stream-json output itself to diagnose it.`,
    )
  }
  return words as string[]
}

function parseTask(read: ReadInput, files: InputFiles): Task | Diagnose {
  const mode = choice(read, 'mode', 'run', ['run', 'diagnose'] as const)
  const logFile = read('log-file').trim()
  if (mode === 'diagnose') {
    const given = (['prompt', 'prompt-file', 'command'] as const).find((name) => read(name).trim())
    if (given) {
      throw new InputError('mode', 'diagnose', `remove '${given}': in diagnose mode nothing is run, a finished run is diagnosed.`)
    }
    return { kind: 'diagnose', ...(logFile ? { logFile } : {}) }
  }
  if (logFile) {
    throw new InputError('log-file', logFile, "it is read only with 'mode: diagnose'; remove it, or set 'mode: diagnose'.")
  }
  const prompt = read('prompt')
  const promptFile = read('prompt-file').trim()
  const command = read('command').trim()
  const given = (['prompt', 'prompt-file', 'command'] as const).filter((name) => read(name).trim())
  if (given.length === 0) {
    throw new InputError('prompt', prompt, "give one of 'prompt', 'prompt-file' or 'command'.")
  }
  if (given.length > 1) {
    throw new InputError(
      given[1],
      read(given[1]),
      `give only one of 'prompt', 'prompt-file' or 'command', not ${given.join(' and ')}.`,
    )
  }
  if (command) return { kind: 'command', command }
  const claudePath = parseClaudePath(read)
  const claudeArgs = parseClaudeArgs(read)
  if (!promptFile) return { kind: 'prompt', prompt, claudeArgs, claudePath }
  const text = files.readText(promptFile)
  if (text === undefined)
    throw new InputError(
      'prompt-file',
      promptFile,
      'the file does not exist or cannot be read; give a path relative to the workspace.',
    )
  if (!text.trim()) throw new InputError('prompt-file', promptFile, 'the file is empty; write the prompt into it.')
  return { kind: 'prompt', prompt: text, claudeArgs, claudePath }
}

/** The longest path the system takes (PATH_MAX on Linux). */
const MAX_PATH_CHARS = 4096

function parseClaudePath(read: ReadInput): string {
  const raw = read('claude-path').trim() || 'claude'
  if (raw.length > MAX_PATH_CHARS || raw.includes('\0')) {
    throw new InputError(
      'claude-path',
      raw,
      `use the name or path of the Claude Code executable: at most ${MAX_PATH_CHARS} characters, no NUL character.`,
    )
  }
  return raw
}

function parseClaudeVersion(read: ReadInput): string {
  const raw = read('claude-version').trim() || PINNED_CLAUDE_VERSION
  // Only what npm resolves from the registry: no ranges, URLs, paths or git specs.
  if (raw !== 'latest' && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(raw)) {
    throw new InputError('claude-version', raw, `use an exact version such as '${PINNED_CLAUDE_VERSION}', or 'latest'.`)
  }
  return raw
}

export function parseSettings(read: ReadInput, files: InputFiles): Settings {
  const workingDirectory = read('working-directory').trim() || '.'
  if (!files.isDirectory(workingDirectory)) {
    throw new InputError(
      'working-directory',
      workingDirectory,
      'the directory does not exist; check out the repository first or fix the path.',
    )
  }
  return {
    task: parseTask(read, files),
    anthropicApiKey: optional(read('anthropic-api-key')),
    claudeCodeOauthToken: optional(read('claude-code-oauth-token')),
    fallbackApiKey: optional(read('fallback-api-key')),
    preflight: flag(read, 'preflight', true),
    verifyCredit: flag(read, 'verify-credit', true),
    probeModel: parseProbeModel(read),
    maxAttempts: number(read, 'max-attempts', '3', 1, 10, true),
    retryWaitSeconds: number(read, 'retry-wait-seconds', '10', 0, 3600, false),
    backoff: choice(read, 'backoff', 'exponential', ['exponential', 'fixed'] as const),
    maxWaitSeconds: number(read, 'max-wait-seconds', '300', 0, 21600, false),
    retryOn: parseRetryOn(read),
    resumeOnRetry: flag(read, 'resume-on-retry', true),
    timeoutMs: number(read, 'timeout-minutes', '0', 0, 360, false) * 60_000,
    summary: choice(read, 'summary', 'always', ['always', 'on-failure', 'never'] as const),
    workingDirectory,
    install: {
      mode: choice(read, 'install-claude', 'auto', ['auto', 'true', 'false'] as const),
      version: parseClaudeVersion(read),
      claudePath: parseClaudePath(read),
    },
    comment: {
      onFailure: flag(read, 'comment-on-failure', false),
      githubToken: read('github-token').trim() || undefined,
      ...parseMatrix(read),
    },
  }
}

/** Each parsed input as one line for the debug log; credentials only as set or not, never their value. */
export function describeSettings(settings: Settings): string[] {
  const secret = (value: string | undefined): string => (value === undefined ? 'not set' : 'set')
  const { task } = settings
  const taskLines =
    task.kind === 'diagnose'
      ? ['mode: diagnose', `log-file: ${task.logFile ?? 'not set'}`]
      : task.kind === 'command'
        ? [`command: ${task.command.length} characters`]
        : [
            `prompt: ${task.prompt.length} characters`,
            `claude-path: ${task.claudePath}`,
            `claude-args: ${JSON.stringify(task.claudeArgs)}`,
          ]
  return [
    ...taskLines,
    `anthropic-api-key: ${secret(settings.anthropicApiKey)}`,
    `claude-code-oauth-token: ${secret(settings.claudeCodeOauthToken)}`,
    `fallback-api-key: ${secret(settings.fallbackApiKey)}`,
    `preflight: ${settings.preflight}`,
    `verify-credit: ${settings.verifyCredit}`,
    `probe-model: ${settings.probeModel}`,
    `max-attempts: ${settings.maxAttempts}`,
    `retry-wait-seconds: ${settings.retryWaitSeconds}`,
    `backoff: ${settings.backoff}`,
    `max-wait-seconds: ${settings.maxWaitSeconds}`,
    `retry-on: ${retryOnText(settings.retryOn)}`,
    `resume-on-retry: ${settings.resumeOnRetry}`,
    `timeout-minutes: ${settings.timeoutMs / 60_000}`,
    `summary: ${settings.summary}`,
    `working-directory: ${settings.workingDirectory}`,
    `install-claude: ${settings.install.mode}`,
    `claude-version: ${settings.install.version}`,
    `comment-on-failure: ${settings.comment.onFailure}`,
    `github-token: ${secret(settings.comment.githubToken)}`,
    `matrix: ${settings.comment.leg ?? 'not a matrix job'}`,
  ]
}

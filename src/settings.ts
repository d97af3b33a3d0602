// Every input is parsed here, once, into one typed object. A bad value throws an InputError that names
// the input, the value and what is allowed; nothing has run by then.
import { parse as parseShellWords } from 'shell-quote'
import { CAUSE_IDS, type CauseId } from './diagnostics/catalogue.js'

export type Backoff = 'exponential' | 'fixed'
export type SummaryMode = 'always' | 'on-failure' | 'never'
/** `transient`: the catalogue's retryable causes; `any`: every failure; otherwise exactly these causes. */
export type RetryOn = { kind: 'transient' } | { kind: 'any' } | { kind: 'causes'; causes: CauseId[] }

/** What one attempt runs: Claude Code with a prompt, or a user's own shell command. */
export type Task =
  | { kind: 'prompt'; prompt: string; promptFile?: string; claudeArgs: string[]; claudePath: string }
  | { kind: 'command'; command: string }

export interface Settings {
  task: Task
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
  /** Per-attempt limit in milliseconds; 0 means none. */
  timeoutMs: number
  summary: SummaryMode
  workingDirectory: string
}

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly allowed: string,
  ) {
    super(`Input '${input}' ${value === '' ? 'is empty' : `is ${JSON.stringify(value)}`}: ${allowed}`)
    this.name = 'InputError'
  }
}

export type ReadInput = (name: string) => string
/** The file system facts parsing needs; injected so parsing stays testable without a disk. */
export interface InputFiles {
  readText(path: string): string | undefined
  isDirectory(path: string): boolean
}

function number(read: ReadInput, name: string, fallback: string, min: number, max: number, integer: boolean): number {
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

function choice<T extends string>(read: ReadInput, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = (read(name).trim() || fallback).toLowerCase()
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new InputError(name, raw, `use one of ${allowed.map((a) => `'${a}'`).join(', ')}.`)
  }
  return raw as T
}

function flag(read: ReadInput, name: string, fallback: boolean): boolean {
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

function parseRetryOn(read: ReadInput): RetryOn {
  const raw = read('retry-on').trim() || 'transient'
  if (raw === 'transient' || raw === 'any') return { kind: raw }
  const causes = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const unknown = causes.filter((cause) => !(CAUSE_IDS as readonly string[]).includes(cause))
  if (causes.length === 0 || unknown.length > 0) {
    throw new InputError(
      'retry-on',
      raw,
      `unknown cause ${unknown.map((u) => `'${u}'`).join(', ') || 'list'}; use 'transient', 'any' or a comma list of: ${CAUSE_IDS.join(', ')}.`,
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

function parseTask(read: ReadInput, files: InputFiles): Task {
  const prompt = read('prompt')
  const promptFile = read('prompt-file').trim()
  const command = read('command').trim()
  const given = [prompt.trim() && 'prompt', promptFile && 'prompt-file', command && 'command'].filter(Boolean)
  if (given.length === 0) {
    throw new InputError('prompt', prompt, "give one of 'prompt', 'prompt-file' or 'command'.")
  }
  if (given.length > 1) {
    throw new InputError(
      String(given[1]),
      read(String(given[1])),
      `give only one of 'prompt', 'prompt-file' or 'command', not ${given.join(' and ')}.`,
    )
  }
  if (command) return { kind: 'command', command }
  const claudePath = read('claude-path').trim() || 'claude'
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
  return { kind: 'prompt', prompt: text, promptFile, claudeArgs, claudePath }
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
    timeoutMs: number(read, 'timeout-minutes', '0', 0, 360, false) * 60_000,
    summary: choice(read, 'summary', 'always', ['always', 'on-failure', 'never'] as const),
    workingDirectory,
  }
}

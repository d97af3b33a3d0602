// Which credential Claude Code will use, where each one came from, how they conflict, and how to show
// one without showing it. Pure: the inputs and the environment come in as data.
import { createHash } from 'node:crypto'

/** The variables Claude Code reads, in its order of precedence (after a cloud provider). */
export const CREDENTIAL_VARIABLES = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'] as const
export type CredentialVariable = (typeof CREDENTIAL_VARIABLES)[number]

export type CredentialKind = 'auth-token' | 'api-key' | 'oauth-token'

const KIND_OF: Record<CredentialVariable, CredentialKind> = {
  ANTHROPIC_AUTH_TOKEN: 'auth-token',
  ANTHROPIC_API_KEY: 'api-key',
  CLAUDE_CODE_OAUTH_TOKEN: 'oauth-token',
}

export const KIND_NAMES: Record<CredentialKind, string> = {
  'auth-token': 'auth token',
  'api-key': 'API key',
  'oauth-token': 'OAuth token',
}

const CLOUD_PROVIDERS = {
  CLAUDE_CODE_USE_BEDROCK: 'Amazon Bedrock',
  CLAUDE_CODE_USE_VERTEX: 'Google Vertex AI',
  CLAUDE_CODE_USE_FOUNDRY: 'Microsoft Foundry',
} as const

export interface Credential {
  kind: CredentialKind
  /** The variable Claude Code reads it from. */
  variable: CredentialVariable
  /** Where the action found it: `input anthropic-api-key` or `env ANTHROPIC_API_KEY`. */
  source: string
  value: string
}

export interface Fingerprint {
  kind: CredentialKind
  source: string
  length: number
  /** The first 7 and last 4 characters, escaped; absent when the value is too short to show any of it. */
  first?: string
  last?: string
  /** The first 12 hex digits of the SHA-256 of the exact value, to compare runs. */
  sha256: string
}

/** The credential inputs of the action; the environment supplies the rest. */
export interface CredentialInputs {
  anthropicApiKey?: string
  claudeCodeOauthToken?: string
  fallbackApiKey?: string
}

export interface CredentialSetup {
  /** A cloud provider Claude Code uses instead of any Anthropic credential. */
  provider?: { variable: keyof typeof CLOUD_PROVIDERS; name: string }
  /** Every credential that is set, in Claude Code's order of precedence. */
  present: Credential[]
  /** The one Claude Code will use; undefined when none is set or a cloud provider is used. */
  primary?: Credential
  fallback?: Credential
  /** Credentials that disagree or shadow each other: warned about and kept as evidence. */
  conflicts: string[]
}

/** Below this length, even 11 characters would show too much of the value. */
const MIN_SHOWN_LENGTH = 24

const visible = (text: string): string => JSON.stringify(text).slice(1, -1)

export function fingerprint(credential: Credential): Fingerprint {
  const { value } = credential
  const shown = value.length >= MIN_SHOWN_LENGTH ? { first: visible(value.slice(0, 7)), last: visible(value.slice(-4)) } : {}
  return {
    kind: credential.kind,
    source: credential.source,
    length: value.length,
    ...shown,
    sha256: createHash('sha256').update(value).digest('hex').slice(0, 12),
  }
}

/** One line that identifies a credential without showing it. */
export function describeFingerprint(print: Fingerprint): string {
  const ends = print.first !== undefined ? ` · ${print.first}…${print.last ?? ''}` : ''
  return `${KIND_NAMES[print.kind]} from ${print.source} · ${print.length} chars${ends} · sha256 ${print.sha256}`
}

const isTruthy = (value: string | undefined): boolean => value !== undefined && /^(?:1|true|yes)$/i.test(value.trim())

function fromInputOrEnv(
  variable: CredentialVariable,
  input: { name: string; value?: string },
  env: NodeJS.ProcessEnv,
  conflicts: string[],
): Credential | undefined {
  const fromEnv = env[variable]
  const kind = KIND_OF[variable]
  if (input.value) {
    if (fromEnv && fromEnv.trim() !== input.value.trim()) {
      conflicts.push(
        `Input \`${input.name}\` and the environment's ${variable} hold different ${KIND_NAMES[kind]}s; the input is used. Remove one of them so it is clear which key runs.`,
      )
    }
    return { kind, variable, source: `input ${input.name}`, value: input.value }
  }
  return fromEnv ? { kind, variable, source: `env ${variable}`, value: fromEnv } : undefined
}

function shadowConflict(used: Credential, shadowed: Credential): string {
  if (used.kind === 'api-key' && shadowed.kind === 'oauth-token') {
    return `Both an API key (${used.source}) and an OAuth token (${shadowed.source}) are set. In \`-p\` mode the API key wins, so a funded subscription still gets credit errors from the key's organisation; remove ANTHROPIC_API_KEY to use the subscription.`
  }
  return `${used.variable} (${used.source}) wins over ${shadowed.variable} (${shadowed.source}), which Claude Code ignores.`
}

/** Resolves the credentials as Claude Code will: cloud provider, then ANTHROPIC_AUTH_TOKEN, API key, OAuth token. */
export function resolveCredentials(inputs: CredentialInputs, env: NodeJS.ProcessEnv): CredentialSetup {
  const conflicts: string[] = []
  const candidates = [
    env.ANTHROPIC_AUTH_TOKEN
      ? {
          kind: KIND_OF.ANTHROPIC_AUTH_TOKEN,
          variable: 'ANTHROPIC_AUTH_TOKEN' as const,
          source: 'env ANTHROPIC_AUTH_TOKEN',
          value: env.ANTHROPIC_AUTH_TOKEN,
        }
      : undefined,
    fromInputOrEnv('ANTHROPIC_API_KEY', { name: 'anthropic-api-key', value: inputs.anthropicApiKey }, env, conflicts),
    fromInputOrEnv(
      'CLAUDE_CODE_OAUTH_TOKEN',
      { name: 'claude-code-oauth-token', value: inputs.claudeCodeOauthToken },
      env,
      conflicts,
    ),
  ]
  const present = candidates.filter((credential) => credential !== undefined)
  const fallback: Credential | undefined = inputs.fallbackApiKey
    ? { kind: 'api-key', variable: 'ANTHROPIC_API_KEY', source: 'input fallback-api-key', value: inputs.fallbackApiKey }
    : undefined
  const providerVariable = (Object.keys(CLOUD_PROVIDERS) as (keyof typeof CLOUD_PROVIDERS)[]).find((name) => isTruthy(env[name]))
  if (providerVariable) {
    return { provider: { variable: providerVariable, name: CLOUD_PROVIDERS[providerVariable] }, present, fallback, conflicts }
  }
  const [primary, ...shadowed] = present
  if (primary) conflicts.push(...shadowed.map((other) => shadowConflict(primary, other)))
  return { present, primary, fallback, conflicts }
}

/**
 * What the runner hands the action alone, and no process the action starts needs: the inputs (the keys
 * and the GitHub token among them, whether or not this run uses them), the runtime's token for caches and
 * artifacts, and the request for an OIDC token.
 */
const RUNNER_ONLY = /^(?:INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_)/

/**
 * The workflow's own environment (its `env:`, such as GH_TOKEN for `gh`, a proxy, the runner's paths),
 * without what the runner hands the action alone: the start of every environment the action builds.
 */
export function workflowEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(base).filter(([name]) => !RUNNER_ONLY.test(name)))
}

/**
 * The environment for a process that must use exactly this credential, or none (the API probes get
 * theirs over a channel; npm needs none): every other credential variable is removed, so Claude Code runs
 * with the credential that was checked, and the fallback key only in the attempts that use it.
 */
export function environmentFor(base: NodeJS.ProcessEnv, credential: Credential | undefined): NodeJS.ProcessEnv {
  const env = workflowEnvironment(base)
  for (const variable of CREDENTIAL_VARIABLES) delete env[variable]
  if (credential) env[credential.variable] = credential.value.trim()
  return env
}

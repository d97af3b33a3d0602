// Which credential Claude Code will use, judged from the environment alone: no network. Pure.
// (The action's own preflight is the fuller version of this; `diagnose` shows the same facts.)
import { fingerprint } from '../secrets/fingerprint.js'
import type { HealthCheck } from './health.js'

/** The credential an API probe should use: the one Claude Code would send. */
export type ProbeCredential = { kind: 'api-key'; apiKey: string } | { kind: 'auth-token'; authToken: string }

const CLOUD_PROVIDERS = ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'] as const

/** Claude Code's precedence, first wins. */
const CREDENTIALS = [
  { name: 'ANTHROPIC_AUTH_TOKEN', kind: 'auth-token' },
  { name: 'ANTHROPIC_API_KEY', kind: 'api-key' },
  { name: 'CLAUDE_CODE_OAUTH_TOKEN', kind: 'oauth-token' },
] as const

export interface CredentialReport {
  checks: HealthCheck[]
  /** Undefined when nothing can be probed (none set, a cloud provider, or a subscription token). */
  probe?: ProbeCredential
}

function shapeProblem(value: string): string | undefined {
  if (value.trim() !== value) return 'has spaces or line breaks around it'
  if (/\s/.test(value)) return 'has spaces or line breaks inside it'
  if (/["']/.test(value)) return 'has quotes in it'
  return undefined
}

export function credentialChecks(env: NodeJS.ProcessEnv): CredentialReport {
  const cloud = CLOUD_PROVIDERS.find((name) => env[name] && env[name] !== '0' && env[name] !== 'false')
  if (cloud)
    return {
      checks: [
        {
          name: 'credential',
          status: 'info',
          detail: `${cloud} is set: a cloud provider's credentials are used; the Anthropic API is not probed.`,
        },
      ],
    }
  const present = CREDENTIALS.filter((credential) => env[credential.name])
  if (present.length === 0) {
    return {
      checks: [
        {
          name: 'credential',
          status: 'fail',
          cause: 'api-key-missing',
          detail: `none of ${CREDENTIALS.map((credential) => credential.name).join(', ')} is set.`,
        },
      ],
    }
  }
  const checks: HealthCheck[] = present.map((credential, index) => {
    const value = env[credential.name] ?? ''
    const problem = shapeProblem(value)
    const role = index === 0 ? 'used by Claude Code' : `ignored: ${present[0].name} wins`
    return {
      name: credential.name,
      status: problem ? 'warn' : index === 0 ? 'ok' : 'warn',
      detail: `${fingerprint(value)} · ${role}${problem ? ` · ${problem}` : ''}`,
    }
  })
  const used = present[0]
  const value = (env[used.name] ?? '').trim()
  if (used.kind === 'oauth-token') return { checks }
  return {
    checks,
    probe: used.kind === 'api-key' ? { kind: 'api-key', apiKey: value } : { kind: 'auth-token', authToken: value },
  }
}

// The health report of `claude-code-guard diagnose`: a list of checks, each ok, a note, a warning or a
// failure with the catalogue cause it points to. Pure: the credentials module resolves, checks and probes;
// this turns what it found into checks, judges them and renders them.
import { describeFingerprint, fingerprint, type CredentialSetup } from '../credentials/credential.js'
import type { ProbeResult } from '../credentials/api-probe.js'
import { checkCredential, missingCredentialFindings, type Finding } from '../credentials/local-checks.js'
import { describeProbe } from '../credentials/verdict.js'
import { causeOf, type CauseId } from '../diagnostics/catalogue.js'
import { matchCause } from '../diagnostics/classify.js'
import type { SummaryContext } from '../summary/render-summary.js'
import { fixLines } from '../summary/render-text.js'

export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail'

export interface HealthCheck {
  name: string
  status: CheckStatus
  detail: string
  /** For a failure: the cause it shows. */
  cause?: CauseId
}

export interface HealthVerdict {
  healthy: boolean
  /** The first failure's cause. */
  cause?: CauseId
}

export function healthVerdict(checks: readonly HealthCheck[]): HealthVerdict {
  const failure = checks.find((check) => check.status === 'fail')
  return failure ? { healthy: false, cause: failure.cause ?? 'claude-error' } : { healthy: true }
}

const STATUS_OF: Record<Finding['severity'], CheckStatus> = { error: 'fail', warning: 'warn', note: 'info' }

const findingCheck =
  (name: string) =>
  (finding: Finding): HealthCheck => ({ name, status: STATUS_OF[finding.severity], detail: finding.text, cause: finding.cause })

/** Which credential Claude Code will use (as a fingerprint), what is wrong with any of them, and conflicts. */
export function credentialHealth(setup: CredentialSetup): HealthCheck[] {
  if (setup.provider) {
    return [
      {
        name: 'credential',
        status: 'info',
        detail: `${setup.provider.name} (${setup.provider.variable}): the Anthropic API is not probed.`,
      },
    ]
  }
  if (!setup.primary) return missingCredentialFindings(undefined).map(findingCheck('credential'))
  return [
    ...setup.present.flatMap((credential) => {
      const role = credential === setup.primary ? 'used by Claude Code' : 'ignored by Claude Code'
      const shown: HealthCheck = {
        name: credential.variable,
        status: 'info',
        detail: `${describeFingerprint(fingerprint(credential))} · ${role}`,
      }
      return [shown, ...checkCredential(credential).map(findingCheck(credential.variable))]
    }),
    ...setup.conflicts.map((conflict): HealthCheck => ({ name: 'conflict', status: 'warn', detail: conflict })),
  ]
}

const answered = (probe: ProbeResult): boolean => probe.status !== undefined && probe.status >= 200 && probe.status < 300

/** Judges a probe with the same catalogue that judges Claude Code's output. */
export function probeCheck(name: string, probe: ProbeResult, success: string): HealthCheck {
  if (answered(probe)) return { name, status: 'ok', detail: `${success} · ${describeProbe(probe)}` }
  const match = matchCause([{ source: 'probe', status: probe.status, kind: probe.errorType, text: probe.message }])
  const cause = match?.cause.id ?? (probe.status === undefined ? 'network-error' : 'claude-error')
  return { name, status: 'fail', cause, detail: describeProbe(probe) }
}

const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' }

export function renderHealth(checks: readonly HealthCheck[], context: SummaryContext = {}): string {
  const width = Math.max(...checks.map((check) => check.name.length))
  const lines = checks.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`)
  const verdict = healthVerdict(checks)
  if (verdict.healthy) return `${lines.join('\n')}\n\nHealthy.\n`
  const cause = causeOf(verdict.cause ?? 'claude-error')
  const fix = fixLines(cause.fix, context).map((line) => `  ${line}`)
  return `${lines.join('\n')}\n\n${cause.title} (${cause.id}): ${cause.meaning}\nHow to fix:\n${fix.join('\n')}\n\ncause: ${cause.id}\n`
}

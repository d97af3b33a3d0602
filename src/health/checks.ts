// The health checks of a diagnosis without a run (the command line's `diagnose`): a list of checks, each
// ok, a note, a warning or a failure with the catalogue cause it points to. Pure: the credentials module
// resolves, checks and probes; this turns what it found into checks and judges them.
import { describeLogin, type ClaudeLogin } from '../credentials/claude-login.js'
import { describeFingerprint, fingerprint, type CredentialSetup } from '../credentials/credential.js'
import type { ProbeResult } from '../credentials/api-probe.js'
import { checkCredential, missingCredentialFindings, type Finding } from '../credentials/key-checks.js'
import { describeProbe, probeClue } from '../credentials/verdict.js'
import type { CauseId } from '../diagnosis/catalogue.js'
import { matchCause } from '../diagnosis/clues.js'

export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail'

export interface Check {
  name: string
  status: CheckStatus
  detail: string
  /** For a failure: the cause it shows. */
  cause?: CauseId
}

export interface ChecksVerdict {
  healthy: boolean
  /** The first failure's cause. */
  cause?: CauseId
}

export function checksVerdict(checks: readonly Check[]): ChecksVerdict {
  const failure = checks.find((check) => check.status === 'fail')
  return failure ? { healthy: false, cause: failure.cause ?? 'claude-error' } : { healthy: true }
}

const STATUS_OF: Record<Finding['severity'], CheckStatus> = { error: 'fail', warning: 'warn', note: 'info' }

const findingCheck =
  (name: string) =>
  (finding: Finding): Check => ({ name, status: STATUS_OF[finding.severity], detail: finding.text, cause: finding.cause })

/**
 * Which credential Claude Code will use (as a fingerprint), what is wrong with any of them, and conflicts;
 * with none set, Claude Code's own login when it has one.
 */
export function credentialChecks(
  setup: CredentialSetup,
  login?: ClaudeLogin,
  where: 'actions' | 'terminal' = 'actions',
): Check[] {
  if (setup.provider) {
    return [
      {
        name: 'credential',
        status: 'info',
        detail: `${setup.provider.name} (${setup.provider.variable}): the Anthropic API is not probed.`,
      },
    ]
  }
  if (!setup.primary && login?.loggedIn) {
    return [
      { name: 'credential', status: 'ok', detail: describeLogin(login) },
      { name: 'API access', status: 'info', detail: 'not checked: models.list and the credit check need a key, and none is set' },
    ]
  }
  if (!setup.primary) return missingCredentialFindings(undefined, where).map(findingCheck('credential'))
  return [
    ...setup.present.flatMap((credential) => {
      const role = credential === setup.primary ? 'used by Claude Code' : 'ignored by Claude Code'
      const shown: Check = {
        name: credential.variable,
        status: 'info',
        detail: `${describeFingerprint(fingerprint(credential))} · ${role}`,
      }
      return [shown, ...checkCredential(credential).map(findingCheck(credential.variable))]
    }),
    ...setup.conflicts.map((conflict): Check => ({ name: 'conflict', status: 'warn', detail: conflict })),
  ]
}

const answered = (probe: ProbeResult): boolean => probe.status !== undefined && probe.status >= 200 && probe.status < 300

/** Judges a probe with the same catalogue that judges Claude Code's output. */
export function probeCheck(name: string, probe: ProbeResult, success: string): Check {
  if (answered(probe)) return { name, status: 'ok', detail: `${success} · ${describeProbe(probe)}` }
  const match = matchCause([probeClue(probe)])
  const cause = match?.cause.id ?? (probe.status === undefined ? 'network-error' : 'claude-error')
  return { name, status: 'fail', cause, detail: describeProbe(probe) }
}

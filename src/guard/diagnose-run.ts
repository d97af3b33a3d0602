// `mode: diagnose`: nothing is run. A finished run is diagnosed from its log, when there is one (the
// `log-file` input, or claude-code-action's execution file found in RUNNER_TEMP), and from the
// environment always: the credentials (present, well formed, accepted by the API), why a secret may be
// missing (a fork pull request, Dependabot), and the one-token credit check (on the log's credit error,
// or, without a log, to see whether the key can spend at all). After claude-code-action, also whether
// the job could get the OIDC token it needs. The report has the same shape as a run's.
import { CredentialRun, type CredentialsReport } from '../credentials/credential-run.js'
import type { RunEvent } from '../credentials/key-checks.js'
import { classify } from '../diagnosis/classify.js'
import type { Diagnosis } from '../diagnosis/clues.js'
import { readSavedLog } from '../diagnosis/saved-log.js'
import { attemptRecord, buildReport } from '../report/build-report.js'
import type { AttemptRecord, RunReport } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'
import { readLogFile } from '../settings/input-files.js'
import { InputError, type Diagnose, type Settings } from '../settings/settings.js'
import { findExecutionFile, jobUsesClaudeCodeAction } from './claude-code-action.js'
import type { GuardLog } from './guard.js'

export interface DiagnoseContext {
  log: GuardLog
  redactor: Redactor
  env: NodeJS.ProcessEnv
  reportFile?: string
  signal?: AbortSignal
  event?: () => Promise<RunEvent>
}

/**
 * What the environment shows when there is no log to read: claude-code-action writes none when its
 * prepare step fails, and the usual reason is a job without `id-token: write` (no OIDC token to
 * exchange for its GitHub App token).
 */
export function environmentFinding(env: NodeJS.ProcessEnv): Diagnosis | undefined {
  if (env.GITHUB_ACTIONS !== 'true' || env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined
  return {
    cause: 'github-oidc-permission',
    evidence: [
      {
        source: 'preflight',
        text: 'ACTIONS_ID_TOKEN_REQUEST_URL is not set: this job has no `id-token: write` permission, so claude-code-action cannot get its GitHub App token (and writes no execution file).',
      },
    ],
  }
}

/** The log to diagnose: the `log-file` input when given, else claude-code-action's execution file if this job has one. */
function logToRead(settings: Settings & { task: Diagnose }, env: NodeJS.ProcessEnv): { path?: string; given: boolean } {
  if (settings.task.logFile !== undefined) return { path: settings.task.logFile, given: true }
  return { path: findExecutionFile(env), given: false }
}

/** A check that could not reach the API found nothing out: that is the finding, not a clean bill of health. */
function unreachable(report: CredentialsReport): Diagnosis | undefined {
  const probe = report.probes.find((check) => check.purpose === 'preflight' && check.status === undefined)
  if (!probe) return undefined
  return {
    cause: 'network-error',
    evidence: [
      { source: 'probe', text: `the API could not be reached to check the credential: ${probe.message ?? 'no answer'}` },
    ],
  }
}

export async function diagnoseRun(settings: Settings & { task: Diagnose }, context: DiagnoseContext): Promise<RunReport> {
  const startedAt = new Date()
  const { log, env } = context
  const { path: logFile, given } = logToRead(settings, env)
  const saved = logFile === undefined ? undefined : readLogFile(logFile)
  if (saved?.kind === 'unreadable') {
    if (given) {
      throw new InputError(
        'log-file',
        logFile ?? '',
        `the file cannot be read (${saved.reason}); give the path of a regular file this job can read.`,
      )
    }
    log.warning(`claude-code-action's execution file ${logFile} cannot be read (${saved.reason}).`)
  }
  if (logFile !== undefined && !given && saved?.kind === 'text') log.info(`Read claude-code-action's execution file ${logFile}.`)
  // The OIDC check is about claude-code-action: it applies after it, not to a check of a key alone.
  const afterAction = given || logFile !== undefined || jobUsesClaudeCodeAction(env)
  const credentials = CredentialRun.of(settings, context)
  const fromLog = saved?.kind === 'text' ? readSavedLog(context.redactor.redact(saved.text)) : undefined
  const read = fromLog ? { logFile } : {}
  const found = fromLog ? classify(fromLog.observation, fromLog.outcome) : undefined
  if (fromLog && found === undefined) {
    log.info(`${logFile} shows a run that succeeded: nothing to diagnose.`)
    return buildReport({
      mode: 'diagnose',
      settings,
      attempts: [
        attemptRecord({
          number: 1,
          startedAt,
          durationMs: fromLog.observation.result?.durationMs ?? 0,
          ...fromLog,
          diagnosis: undefined,
        }),
      ],
      startedAt,
      ...read,
      reportFile: context.reportFile,
      stopReason: `Read ${logFile}: the run succeeded; nothing to diagnose.`,
    })
  }
  const stop = await credentials.preflight()

  const attempts: AttemptRecord[] = []
  if (fromLog && found) {
    log.info(`Diagnosing ${logFile}.`)
    const { observation, outcome } = fromLog
    // A credit error in the log is put to the same one-token check as a live run's.
    const review = await credentials.review(found, 1)
    attempts.push(
      attemptRecord({
        number: 1,
        startedAt,
        durationMs: observation.result?.durationMs ?? 0,
        outcome,
        observation,
        diagnosis: review.diagnosis,
      }),
    )
  } else {
    log.info(
      logFile === undefined
        ? 'No log to read: checking the credential and the environment.'
        : `${logFile} is ${saved?.kind === 'empty' ? 'empty' : 'missing'}: checking the credential and the environment.`,
    )
  }
  // Without a log, the environment is all there is: can the key spend, and, after claude-code-action,
  // could the job get the OIDC token it needs?
  const finding =
    stop ??
    (attempts.length === 0
      ? ((await credentials.spendCheck()) ??
        (afterAction ? environmentFinding(env) : undefined) ??
        unreachable(credentials.report))
      : undefined)
  return buildReport({
    mode: 'diagnose',
    settings,
    attempts,
    startedAt,
    credentials: credentials.report,
    ...(finding ? { finding } : {}),
    ...read,
    reportFile: context.reportFile,
    stopReason:
      attempts.length > 0
        ? `Diagnosed from ${logFile} and the environment; nothing was run.`
        : 'Checked the credential and the environment; nothing was run.',
  })
}

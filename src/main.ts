// The action's orchestration: parse the inputs, run the guarded attempts, then publish the outputs, the
// report and the job summary. The only place that fails the step.
import * as core from '@actions/core'
import { CREDENTIAL_VARIABLES } from './credentials/credential.js'
import { commentOnPullRequest } from './github/pr-comment.js'
import { runEvent } from './github/run-event.js'
import { diagnoseRun } from './guard/diagnose-run.js'
import { runGuard } from './guard/guard.js'
import { runnerFinding } from './health/environment.js'
import { createRunDirectory, reportPath, writeReportFile } from './guard/run-directory.js'
import { installClaude, shouldInstall, type InstallRecord } from './install/claude-install.js'
import { abortOnCancelSignals } from './process/cancel-signals.js'
import { causeOfReport, headlineText, rateLimitWarning, renderContext } from './render/pieces.js'
import { causeOf } from './diagnosis/catalogue.js'
import { renderFallbackSummary, renderSummary } from './render/summary.js'
import { buildReport, withInternalError } from './report/build-report.js'
import type { RunReport } from './report/run-report.js'
import { ActionLog, RunnerFiles } from './runner/action-io.js'
import { Redactor } from './secrets/redact.js'
import { diskFiles } from './settings/input-files.js'
import { describeSettings, InputError, parseSettings, type ReadInput, type Settings } from './settings/settings.js'

const readInput: ReadInput = (name) => core.getInput(name)

/** Every credential the action can see, masked before anything is logged. */
function registerSecrets(redactor: Redactor): void {
  const env = process.env
  for (const secret of [
    readInput('anthropic-api-key'),
    readInput('claude-code-oauth-token'),
    readInput('fallback-api-key'),
    readInput('github-token'),
    ...CREDENTIAL_VARIABLES.map((name) => env[name]),
  ]) {
    if (!secret) continue
    for (const line of secret.split(/\r?\n/)) {
      if (!line.trim()) continue
      core.setSecret(line.trim())
      redactor.add(line)
    }
    redactor.add(secret)
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Renders the summary; a failure to render is the action's own fault, and the summary then says so. */
function summaryOf(report: RunReport): { report: RunReport; summary: string } {
  try {
    return { report, summary: renderSummary(report, renderContext(process.env, 'actions')) }
  } catch (error) {
    const failed = withInternalError(report, `cannot render the job summary: ${messageOf(error)}`)
    return { report: failed, summary: renderFallbackSummary(failed.internalError ?? '') }
  }
}

async function publish(
  built: RunReport,
  settings: Settings | undefined,
  files: RunnerFiles,
  redactor: Redactor,
  log: ActionLog,
): Promise<RunReport> {
  // Redacted as the report reads (colours dropped, lines kept together), before any Markdown escaping
  // could hide a key from the redactor.
  const { report, summary } = summaryOf(redactor.redactDeep(built))
  const problem = writeReportFile(report, redactor)
  if (problem) files.problem(problem)
  const published = problem ? { ...report, reportFile: undefined } : report
  files.setOutputs(published)
  const mode = settings?.summary ?? 'always'
  if (mode === 'always' || (mode === 'on-failure' && published.conclusion === 'failure')) {
    await files.writeSummary(redactor.redact(summary))
  }
  if (settings) await commentOnPullRequest(published, settings.comment, { log, redactor, env: process.env })
  return published
}

/** The attempts' environment: with Claude Code installed first on the PATH when the inputs ask for it. */
async function claudeEnvironment(
  settings: Settings,
  log: ActionLog,
): Promise<{ env: NodeJS.ProcessEnv; install?: InstallRecord }> {
  if (!shouldInstall(settings.install, process.env)) return { env: process.env }
  const { record, env } = await installClaude(settings.install, {
    env: process.env,
    info: (message) => log.info(message),
    warning: (message) => log.warning(message),
  })
  return { env, install: record }
}

/** Runs Claude Code or diagnoses a finished run, as the settings say; on a runner it cannot serve, neither. */
async function guardedRun(
  settings: Settings,
  context: { log: ActionLog; redactor: Redactor; reportFile?: string; runDir?: string; signal: AbortSignal; startedAt: Date },
): Promise<RunReport> {
  const { log, redactor, reportFile, signal, startedAt } = context
  const unsupported = runnerFinding(process.platform)
  if (unsupported) {
    return buildReport({
      settings,
      attempts: [],
      startedAt,
      reportFile,
      finding: unsupported,
      stopReason: 'Nothing was run.',
    })
  }
  const { task } = settings
  if (task.kind === 'diagnose') {
    return diagnoseRun({ ...settings, task }, { log, redactor, env: process.env, reportFile, event: runEvent, signal })
  }
  return runGuard(
    { ...settings, task },
    {
      log,
      redactor,
      env: process.env,
      prepare: () => claudeEnvironment(settings, log),
      runDir: context.runDir,
      reportFile,
      event: runEvent,
      signal,
      startedAt,
    },
  )
}

/** The step's error annotation: the summary's headline, in one line. */
function failureMessage(report: RunReport): string {
  return `${headlineText(report, renderContext(process.env, 'actions')).replace(/\s*\n\s*/g, ' ')} See the job summary for the fix.`
}

async function runAction(redactor: Redactor): Promise<void> {
  const startedAt = new Date()
  const log = new ActionLog(redactor)
  const files = new RunnerFiles(log, redactor)
  const cancel = new AbortController()
  const removeSignalHandlers = abortOnCancelSignals(cancel, (signal) =>
    log.info(`Received ${signal}: stopping the attempt, then writing the report and the summary.`),
  )
  registerSecrets(redactor)
  const runDirectory = createRunDirectory(process.env, true)
  for (const problem of runDirectory.problems) files.problem(problem)
  const reportFile = reportPath(runDirectory.dir)
  let settings: Settings | undefined
  let report: RunReport
  try {
    settings = parseSettings(readInput, diskFiles)
    for (const line of describeSettings(settings)) log.debug(`input ${line}`)
    report = await guardedRun(settings, { log, redactor, reportFile, runDir: runDirectory.dir, signal: cancel.signal, startedAt })
  } catch (error) {
    if (!(error instanceof InputError) && error instanceof Error && error.stack) core.debug(redactor.redact(error.stack))
    report = buildReport({
      settings,
      attempts: [],
      startedAt,
      reportFile,
      ...(error instanceof InputError
        ? { inputError: { input: error.input, message: error.message } }
        : { internalError: messageOf(error) }),
    })
  }
  const published = await publish(report, settings, files, redactor, log)
  for (const text of files.finish()) log.relay(text)
  const nearLimit = rateLimitWarning(published)
  if (nearLimit) core.warning(redactor.redact(nearLimit), { title: 'Subscription limit near' })
  if (published.conclusion === 'failure') {
    // One annotation, titled with the cause as the checks list shows it; the exit code fails the step.
    const cause = causeOfReport(published)
    core.error(redactor.redact(failureMessage(published)), cause === 'none' ? {} : { title: causeOf(cause).title })
    process.exitCode = core.ExitCode.Failure
  }
  removeSignalHandlers()
}

export async function run(): Promise<void> {
  const redactor = new Redactor()
  try {
    await runAction(redactor)
  } catch (error) {
    // Never a stack trace in the log: one clear message fails the step.
    if (error instanceof Error && error.stack) core.debug(redactor.redact(error.stack))
    core.setFailed(redactor.redact(`claude-code-guard failed: ${messageOf(error)}`))
  }
}

// The action's orchestration: parse the inputs, run the guarded attempts, then publish the outputs, the
// report and the job summary. The only place that fails the step.
import * as core from '@actions/core'
import { CREDENTIAL_VARIABLES } from './credentials/credential.js'
import { causeOf } from './diagnostics/catalogue.js'
import { ActionLog, RunnerFiles } from './github/action-io.js'
import { commentOnPullRequest } from './github/pr-comment.js'
import { runEvent } from './github/run-event.js'
import { abortOnCancelSignals } from './process/cancel-signals.js'
import { buildReport, runGuard } from './guard.js'
import { installClaude, shouldInstall, type InstallRecord } from './install/claude-install.js'
import type { RunReport } from './report/run-report.js'
import { Redactor } from './secrets/redact.js'
import { diskFiles } from './disk-files.js'
import { InputError, parseSettings, type ReadInput, type Settings } from './settings.js'
import { escapeHtml, renderSummary, summaryContext } from './summary/render-summary.js'

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

async function publish(
  report: RunReport,
  settings: Settings | undefined,
  files: RunnerFiles,
  runDir: string | undefined,
  redactor: Redactor,
  log: ActionLog,
): Promise<void> {
  report.reportFile = files.writeReport(report, runDir)
  files.setOutputs(report)
  const mode = settings?.summary ?? 'always'
  if (mode === 'always' || (mode === 'on-failure' && report.conclusion === 'failure')) {
    await files.writeSummary(redactor.redact(renderSummary(report, summaryContext(process.env))))
  }
  if (settings) await commentOnPullRequest(report, settings.comment, { log, redactor, env: process.env })
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

function failureMessage(report: RunReport): string {
  if (report.inputError) return report.inputError.message
  if (report.internalError) return `claude-code-guard failed: ${report.internalError}`
  if (report.cause === 'none') return 'Failed.'
  const cause = causeOf(report.cause)
  const when = report.attempts.length === 0 ? 'before the first attempt' : `after ${report.attempts.length} attempt(s)`
  return `${cause.title} (${cause.id}) ${when}. ${cause.meaning} See the job summary for the fix.`
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

async function runAction(): Promise<void> {
  const startedAt = new Date()
  const redactor = new Redactor()
  const log = new ActionLog(redactor)
  const files = new RunnerFiles(log, redactor)
  const cancel = new AbortController()
  const removeSignalHandlers = abortOnCancelSignals(cancel, (signal) =>
    log.info(`Received ${signal}: stopping the attempt, then writing the report and the summary.`),
  )
  let settings: Settings | undefined
  let report: RunReport
  let runDir: string | undefined
  try {
    registerSecrets(redactor)
    settings = parseSettings(readInput, diskFiles)
    runDir = files.createRunDirectory()
    const { env, install } = await claudeEnvironment(settings, log)
    report = await runGuard(settings, { log, redactor, env, runDir, event: runEvent, signal: cancel.signal })
    report.install = install
  } catch (error) {
    report = buildReport(settings, [], startedAt)
    if (error instanceof InputError) report.inputError = { input: error.input, message: error.message }
    else report.internalError = messageOf(error)
  }
  try {
    await publish(report, settings, files, runDir ?? files.createRunDirectory(), redactor, log)
  } catch (error) {
    // The summary may be half written: what is left to say is the failure itself.
    report.internalError = `cannot publish the results: ${messageOf(error)}`
    await files.writeSummary(`## ❌ claude-code-guard failed\n\n${escapeHtml(redactor.redact(report.internalError))}\n`)
  }
  for (const text of files.finish()) log.relay(text)
  if (report.conclusion === 'failure' || report.internalError) core.setFailed(redactor.redact(failureMessage(report)))
  removeSignalHandlers()
}

export async function run(): Promise<void> {
  try {
    await runAction()
  } catch (error) {
    // Never a stack trace in the log: one clear message fails the step.
    core.setFailed(`claude-code-guard failed: ${messageOf(error)}`)
  }
}

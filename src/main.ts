// Orchestrates a run: parse the inputs, run the attempts with retries, then publish the outputs, the
// report and the job summary. The only place that fails the step.
import * as core from '@actions/core'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { attemptCommand, runAttempt } from './attempt.js'
import { causeOf } from './diagnostics/catalogue.js'
import { ActionLog, createRunDirectory, setOutputs, writeReportFile, writeSummary } from './github/action-io.js'
import { totalCost, type AttemptRecord, type RunReport } from './report/run-report.js'
import { isRetried, retryAttempts } from './retry/retry-loop.js'
import { Redactor } from './secrets/redact.js'
import { InputError, parseSettings, type InputFiles, type Settings } from './settings.js'
import { renderSummary } from './summary/render-summary.js'

const diskFiles: InputFiles = {
  readText: (path) => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return undefined
    }
  },
  isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(),
}

/** Every credential the action can see, masked before anything is logged. */
function registerSecrets(redactor: Redactor): void {
  const env = process.env
  for (const secret of [
    core.getInput('anthropic-api-key'),
    env.ANTHROPIC_API_KEY,
    env.ANTHROPIC_AUTH_TOKEN,
    env.CLAUDE_CODE_OAUTH_TOKEN,
  ]) {
    if (!secret) continue
    for (const line of secret.split(/\r?\n/)) if (line.trim()) core.setSecret(line.trim())
    redactor.add(secret)
  }
}

function stopReason(settings: Settings, attempts: readonly AttemptRecord[]): string {
  const last = attempts.at(-1)
  if (!last) return 'No attempt ran.'
  if (last.cause === 'none') return `Succeeded on attempt ${last.number} of ${settings.maxAttempts}.`
  if (!isRetried(settings.retryOn, last.cause)) {
    return `Stopped after attempt ${last.number} of ${settings.maxAttempts}: a retry cannot fix this (retry-on: ${settings.retryOn.kind === 'causes' ? settings.retryOn.causes.join(',') : settings.retryOn.kind}).`
  }
  return `All ${last.number} attempts failed.`
}

function buildReport(settings: Settings | undefined, attempts: AttemptRecord[], startedAt: Date): RunReport {
  const last = attempts.at(-1)
  const succeeded = last?.cause === 'none'
  return {
    conclusion: succeeded ? 'success' : 'failure',
    cause: last?.cause ?? 'claude-error',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    attempts,
    maxAttempts: settings?.maxAttempts ?? 0,
    stopReason: settings ? stopReason(settings, attempts) : 'Nothing was run.',
    totalCostUsd: totalCost(attempts),
    exitCode: last?.exitCode ?? null,
    result: last?.resultText,
    sessionId: [...attempts].reverse().find((attempt) => attempt.sessionId)?.sessionId,
  }
}

async function runAttempts(
  settings: Settings,
  log: ActionLog,
  runDir: string | undefined,
  redactor: Redactor,
): Promise<AttemptRecord[]> {
  const command = attemptCommand(settings.task)
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (settings.anthropicApiKey !== undefined) env.ANTHROPIC_API_KEY = settings.anthropicApiKey
  const extension = command.format === 'stream-json' ? 'jsonl' : 'log'

  return retryAttempts(
    { maxAttempts: settings.maxAttempts, retryOn: settings.retryOn, wait: settings },
    async (number) => {
      log.startAttempt(`Attempt ${number} of ${settings.maxAttempts}`)
      try {
        return await runAttempt({
          number,
          command,
          cwd: resolve(settings.workingDirectory),
          env,
          timeoutMs: settings.timeoutMs,
          streamFile: runDir ? join(runDir, `attempt-${number}.${extension}`) : undefined,
          redactor,
          log,
        })
      } finally {
        log.endAttempt()
      }
    },
    {
      onRetry: (record) =>
        log.warning(
          `Attempt ${record.number} of ${settings.maxAttempts} failed: ${causeOf(record.cause as Exclude<typeof record.cause, 'none'>).title} (${record.cause}). Retrying in ${(record.waitAfterMs / 1000).toFixed(1)} s.`,
        ),
    },
  )
}

async function publish(
  report: RunReport,
  settings: Settings | undefined,
  runDir: string | undefined,
  redactor: Redactor,
  log: ActionLog,
): Promise<void> {
  report.reportFile = writeReportFile(report, runDir, redactor, log)
  setOutputs(report, redactor, log)
  const mode = settings?.summary ?? 'always'
  if (mode === 'always' || (mode === 'on-failure' && report.conclusion === 'failure')) {
    const context = { serverUrl: process.env.GITHUB_SERVER_URL, repository: process.env.GITHUB_REPOSITORY }
    await writeSummary(redactor.redact(renderSummary(report, context)), log)
  }
}

function failureMessage(report: RunReport): string {
  if (report.inputError) return report.inputError.message
  if (report.internalError) return `claude-code-guard failed: ${report.internalError}`
  const cause = causeOf(report.cause as Exclude<RunReport['cause'], 'none'>)
  return `${cause.title} (${cause.id}) after ${report.attempts.length} attempt(s). ${cause.meaning} See the job summary for the fix.`
}

export async function run(): Promise<void> {
  const startedAt = new Date()
  const redactor = new Redactor()
  const log = new ActionLog(redactor)
  let settings: Settings | undefined
  let report: RunReport
  let runDir: string | undefined
  try {
    registerSecrets(redactor)
    settings = parseSettings((name) => core.getInput(name), diskFiles)
    runDir = createRunDirectory(log)
    report = buildReport(settings, await runAttempts(settings, log, runDir, redactor), startedAt)
  } catch (error) {
    report = buildReport(settings, [], startedAt)
    if (error instanceof InputError) report.inputError = { input: error.input, message: error.message }
    else report.internalError = error instanceof Error ? error.message : String(error)
  }
  await publish(report, settings, runDir ?? createRunDirectory(log), redactor, log)
  if (report.conclusion === 'failure') core.setFailed(redactor.redact(failureMessage(report)))
}

// Renders the job summary from the run report: headline, attempts, evidence, how to fix, run details and
// the last lines of output. Pure. Everything that came from the child is HTML-escaped, so no markup from
// Claude Code's output reaches the page, and the whole stays under GitHub's 1 MiB limit per step.
import { causeOf, type FixStep, type LinkTarget } from '../diagnostics/catalogue.js'
import type { InstallRecord } from '../install/claude-install.js'
import type { AttemptRecord, RunReport } from '../report/run-report.js'

export interface SummaryContext {
  /** GITHUB_SERVER_URL, e.g. https://github.com */
  serverUrl?: string
  /** GITHUB_REPOSITORY, owner/name */
  repository?: string
}

/** GitHub rejects a step summary over 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 900 * 1024
const TAIL_LIMIT_CHARS = 64 * 1024

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`|]/g, (char) => `&#${char.charCodeAt(0)};`)
}

export function href(target: LinkTarget, context: SummaryContext): string | undefined {
  if (target.kind === 'url') return target.url
  if (!context.repository) return undefined
  return `${context.serverUrl ?? 'https://github.com'}/${context.repository}/settings/secrets/actions`
}

function renderFixStep(step: FixStep, context: SummaryContext): string {
  const url = step.link ? href(step.link.target, context) : undefined
  const link = step.link && url ? ` <a href="${escapeHtml(url)}">${escapeHtml(step.link.label)}</a>` : ''
  return `<li>${escapeHtml(step.text).replace(/&#96;(.*?)&#96;/g, '<code>$1</code>')}${link}</li>`
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

function attemptsTable(report: RunReport): string {
  const rows = report.attempts.map((attempt) => {
    const cells = [
      String(attempt.number),
      attempt.startedAt.slice(11, 19),
      seconds(attempt.durationMs),
      attempt.signal ? `${String(attempt.exitCode)} (${attempt.signal})` : String(attempt.exitCode),
      attempt.cause === 'none' ? '✅ success' : `<code>${attempt.cause}</code>`,
      attempt.waitAfterMs > 0 ? seconds(attempt.waitAfterMs) : '–',
    ]
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`
  })
  const head = ['#', 'started (UTC)', 'duration', 'exit code', 'cause', 'wait after'].map((h) => `<th>${h}</th>`).join('')
  return `<table><tr>${head}</tr>${rows.join('')}</table>`
}

function evidenceBlock(attempt: AttemptRecord): string {
  if (attempt.evidence.length === 0) return ''
  const lines = attempt.evidence.map((item) => `[${item.source}] ${item.text}`).join('\n')
  return `### Evidence (attempt ${attempt.number})\n\n<pre>${escapeHtml(lines)}</pre>\n`
}

export function describeInstall(install: InstallRecord): string {
  if (install.error !== undefined) return `Installing Claude Code ${install.requested} failed: ${install.error}`
  const how = install.reused ? 'reused from' : `installed in ${seconds(install.durationMs)} into`
  return `Claude Code ${install.version ?? install.requested} ${how} ${install.directory ?? '?'}`
}

function details(report: RunReport, last: AttemptRecord | undefined): string {
  const retries = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.count, 0)
  const statuses = [...new Set(report.attempts.flatMap((attempt) => attempt.inRunRetries.statuses))]
  const items = [
    report.totalCostUsd > 0 || report.attempts.some((a) => a.costUsd !== undefined)
      ? `Cost: $${report.totalCostUsd.toFixed(4)} over all attempts`
      : undefined,
    last?.turns !== undefined ? `Turns: ${last.turns}` : undefined,
    report.sessionId ? `Session: <code>${escapeHtml(report.sessionId)}</code>` : undefined,
    last?.model ? `Model: <code>${escapeHtml(last.model)}</code>` : undefined,
    last?.credentialSource ? `Credential used by Claude Code: <code>${escapeHtml(last.credentialSource)}</code>` : undefined,
    retries > 0 ? `Claude Code’s own retries: ${retries} (HTTP ${statuses.join(', ') || 'none'})` : undefined,
    report.install ? escapeHtml(describeInstall(report.install)) : undefined,
    report.reportFile ? `Report: <code>${escapeHtml(report.reportFile)}</code>` : undefined,
  ].filter((item) => item !== undefined)
  return items.length === 0 ? '' : `### Run\n\n<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n`
}

function tailBlock(attempt: AttemptRecord | undefined, maxChars: number): string {
  if (!attempt || attempt.tail.length === 0 || maxChars <= 0) return ''
  let text = attempt.tail.join('\n')
  if (text.length > maxChars) text = `… ${text.slice(text.length - maxChars)}`
  return `<details><summary>Last lines of output (attempt ${attempt.number})</summary>\n\n<pre>${escapeHtml(text)}</pre>\n</details>\n`
}

function headline(report: RunReport): string {
  if (report.inputError) {
    return `## ❌ Invalid input <code>${escapeHtml(report.inputError.input)}</code>\n\n${escapeHtml(report.inputError.message)}\n\nNothing was run. Fix the step’s <code>with:</code> block and re-run.\n`
  }
  if (report.internalError) {
    return `## ❌ claude-code-guard failed\n\n${escapeHtml(report.internalError)}\n`
  }
  if (report.conclusion === 'success') {
    const retried = report.attempts.length > 1 ? ` after ${report.attempts.length} attempts` : ''
    return `## ✅ Claude Code succeeded${retried}\n`
  }
  const cause = report.cause === 'none' ? undefined : causeOf(report.cause)
  return `## ❌ ${escapeHtml(cause?.title ?? 'Failed')}\n\n${escapeHtml(cause?.meaning ?? '')}\n\n${escapeHtml(report.stopReason)}\n`
}

function howToFix(report: RunReport, context: SummaryContext): string {
  if (report.conclusion === 'success' || report.cause === 'none') return ''
  const steps = causeOf(report.cause).fix.map((step) => renderFixStep(step, context))
  return `### How to fix\n\n<ol>${steps.join('')}</ol>\n`
}

export function renderSummary(report: RunReport, context: SummaryContext): string {
  const lastFailure = [...report.attempts].reverse().find((attempt) => attempt.cause !== 'none')
  const last = report.attempts.at(-1)
  const fixed = [
    headline(report),
    howToFix(report, context),
    report.attempts.length > 0 ? `### Attempts\n\n${attemptsTable(report)}\n` : '',
    lastFailure ? evidenceBlock(lastFailure) : '',
    details(report, last),
  ].join('\n')
  const room = Math.min(TAIL_LIMIT_CHARS, Math.floor((SUMMARY_LIMIT_BYTES - Buffer.byteLength(fixed)) / 8))
  const summary = `${fixed}\n${tailBlock(report.conclusion === 'success' ? last : (lastFailure ?? last), room)}`
  // Escaping can grow a character to 6 bytes and evidence lines are bounded, but cut as a last resort.
  return Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES
    ? summary
    : `${summary.slice(0, SUMMARY_LIMIT_BYTES / 4)}\n\n(summary cut to fit GitHub’s limit)\n`
}

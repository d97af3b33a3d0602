// Renders the job summary from the run report: headline, attempts, evidence, how to fix, run details and
// the last lines of output. Pure. Everything that came from the child is HTML-escaped, so no markup from
// Claude Code's output reaches the page, and the whole stays under GitHub's 1 MiB limit per step.
import { KIND_NAMES, type Fingerprint } from '../credentials/credential.js'
import type { CredentialsReport } from '../credentials/credential-run.js'
import { causeOf, type FixStep } from '../diagnosis/catalogue.js'
import type { Evidence } from '../diagnosis/clues.js'
import type { AttemptRecord, RunReport } from '../report/run-report.js'
import { describeInstall, escapeHtml, fixFor, href, seconds, type RenderContext } from './pieces.js'

/** GitHub rejects a step summary over 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 900 * 1024
const TAIL_LIMIT_CHARS = 64 * 1024

/** Escaped text in which `backticked` words become code. */
const withCode = (text: string): string => escapeHtml(text).replace(/&#96;(.*?)&#96;/g, '<code>$1</code>')

function renderFixStep(step: FixStep, context: RenderContext): string {
  const url = step.link ? href(step.link.target, context) : undefined
  const link = step.link && url ? ` <a href="${escapeHtml(url)}">${escapeHtml(step.link.label)}</a>` : ''
  return `<li>${withCode(step.text)}${link}</li>`
}

/** How the attempt started: afresh, or continuing the session an earlier attempt left. */
function startOf(attempt: AttemptRecord): string {
  if (!attempt.resume) return 'new'
  const session = `<code>${escapeHtml(attempt.resume.sessionId.slice(0, 8))}</code>`
  return attempt.resume.resumed ? `resumed ${session}` : `new (session ${session} not found)`
}

function attemptsTable(report: RunReport): string {
  const rows = report.attempts.map((attempt) => {
    const cells = [
      String(attempt.number),
      startOf(attempt),
      attempt.startedAt.slice(11, 19),
      seconds(attempt.durationMs),
      attempt.signal ? `${String(attempt.exitCode)} (${attempt.signal})` : String(attempt.exitCode),
      attempt.cause === 'none' ? '✅ success' : `<code>${attempt.cause}</code>`,
      attempt.waitAfterMs > 0 ? seconds(attempt.waitAfterMs) : '–',
    ]
    return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`
  })
  const head = ['#', 'start', 'started (UTC)', 'duration', 'exit code', 'cause', 'wait after']
    .map((h) => `<th>${h}</th>`)
    .join('')
  return `<table><tr>${head}</tr>${rows.join('')}</table>`
}

function evidenceBlock(evidence: readonly Evidence[], from: string): string {
  if (evidence.length === 0) return ''
  const lines = evidence.map((item) => `[${item.source}] ${item.text}`).join('\n')
  return `### Evidence (${from})\n\n<pre>${escapeHtml(lines)}</pre>\n`
}

function details(report: RunReport, last: AttemptRecord | undefined): string {
  const retries = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.count, 0)
  const retryDelayMs = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.totalDelayMs, 0)
  const statuses = [...new Set(report.attempts.flatMap((attempt) => attempt.inRunRetries.statuses))]
  const items = [
    report.totalCostUsd > 0 || report.attempts.some((a) => a.costUsd !== undefined)
      ? `Cost: $${report.totalCostUsd.toFixed(4)} over all attempts`
      : undefined,
    last?.turns !== undefined ? `Turns: ${last.turns}` : undefined,
    report.sessionId ? `Session: <code>${escapeHtml(report.sessionId)}</code>` : undefined,
    last?.model ? `Model: <code>${escapeHtml(last.model)}</code>` : undefined,
    last?.credentialSource ? `Credential used by Claude Code: <code>${escapeHtml(last.credentialSource)}</code>` : undefined,
    retries > 0
      ? `Claude Code’s own retries: ${retries} (HTTP ${statuses.join(', ') || 'none'}), ${seconds(retryDelayMs)} of waiting`
      : undefined,
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
    const fallback = report.credentials?.switchedToFallback ? ', with <code>fallback-api-key</code>' : ''
    return `## ✅ Claude Code succeeded${retried}${fallback}\n`
  }
  const cause = report.cause === 'none' ? undefined : causeOf(report.cause)
  return `## ❌ ${escapeHtml(cause?.title ?? 'Failed')}\n\n${escapeHtml(cause?.meaning ?? '')}\n\n${escapeHtml(report.stopReason)}\n`
}

function howToFix(report: RunReport, context: RenderContext, heading = '###'): string {
  if (report.conclusion === 'success' || report.cause === 'none') return ''
  const steps = fixFor({ ...report, cause: report.cause }, context).map((step) => renderFixStep(step, context))
  return `${heading} How to fix\n\n<ol>${steps.join('')}</ol>\n`
}

const list = (items: string[]): string => `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>\n`

function describeCredential(print: Fingerprint): string {
  const ends = print.first !== undefined ? ` · <code>${escapeHtml(`${print.first}…${print.last ?? ''}`)}</code>` : ''
  return `${KIND_NAMES[print.kind]} from <code>${escapeHtml(print.source)}</code> · ${print.length} characters${ends} · sha256 <code>${print.sha256}</code>`
}

function credentialRole(credentials: CredentialsReport, role: 'used' | 'fallback' | 'ignored'): string {
  const switched = credentials.switchedToFallback
  if (role === 'used') return switched ? 'Primary, replaced by the fallback' : 'Used'
  if (role === 'ignored') return 'Ignored (another one wins)'
  if (!switched) return 'Fallback, not needed'
  const when = switched.afterAttempt === 0 ? 'for every attempt' : `from attempt ${switched.afterAttempt + 1} on`
  return `Fallback, used ${when} after <code>${switched.cause}</code>`
}

const FINDING_MARKS = { error: '❌', warning: '⚠️', note: 'ℹ️' } as const

function credentialChecks(credentials: CredentialsReport): string {
  if (credentials.checks.length === 0) return ''
  const items = credentials.checks.flatMap(({ credential, findings }) =>
    findings.length === 0
      ? [`✅ <code>${escapeHtml(credential)}</code>: no stray whitespace, quotes or characters; its prefix fits its kind`]
      : findings.map((finding) => `${FINDING_MARKS[finding.severity]} ${withCode(finding.text)}`),
  )
  return `#### Local checks\n\n${list(items)}`
}

function probesTable(credentials: CredentialsReport): string {
  if (credentials.probes.length === 0) return ''
  const head = ['check', 'request', 'credential', 'answer', 'request id', 'organisation / workspace', 'time']
  const rows = credentials.probes.map((probe) => {
    const answer =
      probe.status === undefined
        ? `no answer: ${probe.message ?? ''}`
        : [`HTTP ${probe.status}`, probe.errorType, probe.message].filter((part) => part !== undefined).join(' · ')
    const cells = [
      probe.purpose === 'preflight' ? 'preflight' : `credit, after attempt ${probe.afterAttempt ?? '?'}`,
      probe.request,
      probe.credential,
      answer,
      probe.requestId ?? '–',
      [probe.organizationId, probe.workspaceId].filter(Boolean).join(' / ') || '–',
      `${probe.durationMs} ms`,
    ]
    return `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`
  })
  return `#### API checks\n\n<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.join('')}</table>\n`
}

/** When the credentials decided the outcome, their section leads and carries the fix; otherwise it follows the run details. */
const leadsSummary = (credentials: CredentialsReport | undefined): boolean =>
  credentials !== undefined && credentials.stop !== undefined

function credentialsSection(report: RunReport, context: RenderContext): string {
  const { credentials } = report
  if (!credentials) return ''
  const used = credentials.credentials.map((print) => `${credentialRole(credentials, print.role)}: ${describeCredential(print)}`)
  if (credentials.provider) used.unshift(`Claude Code uses ${escapeHtml(credentials.provider)}`)
  if (used.length === 0) used.push('No credential was set.')
  return [
    `### Credentials\n\n${list(used)}`,
    credentialChecks(credentials),
    credentials.conflicts.length > 0 ? `#### Conflicts\n\n${list(credentials.conflicts.map((c) => `⚠️ ${withCode(c)}`))}` : '',
    probesTable(credentials),
    credentials.notes.length > 0 ? list(credentials.notes.map(withCode)) : '',
    leadsSummary(credentials) ? howToFix(report, context, '####') : '',
  ]
    .filter(Boolean)
    .join('\n')
}

export function renderSummary(report: RunReport, context: RenderContext): string {
  const lastFailure = [...report.attempts].reverse().find((attempt) => attempt.cause !== 'none')
  const last = report.attempts.at(-1)
  const stop = report.credentials?.stop
  const credentialsLead = leadsSummary(report.credentials)
  const fixed = [
    headline(report),
    credentialsLead ? credentialsSection(report, context) : howToFix(report, context),
    report.attempts.length > 0 ? `### Attempts\n\n${attemptsTable(report)}\n` : '',
    lastFailure ? evidenceBlock(lastFailure.evidence, `attempt ${lastFailure.number}`) : '',
    !lastFailure && stop ? evidenceBlock(stop.evidence, 'credential check') : '',
    details(report, last),
    credentialsLead ? '' : credentialsSection(report, context),
  ].join('\n')
  const room = Math.min(TAIL_LIMIT_CHARS, Math.floor((SUMMARY_LIMIT_BYTES - Buffer.byteLength(fixed)) / 8))
  const summary = `${fixed}\n${tailBlock(report.conclusion === 'success' ? last : (lastFailure ?? last), room)}`
  // Escaping can grow a character to 6 bytes and evidence lines are bounded, but cut as a last resort.
  return Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES
    ? summary
    : `${summary.slice(0, SUMMARY_LIMIT_BYTES / 4)}\n\n(summary cut to fit GitHub’s limit)\n`
}

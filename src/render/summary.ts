// Renders the job summary from the run report, for the person who opens a red run. A failure: the
// headline, what happened, how to fix it, what was tried, the evidence; the rest folded. A success: a
// short block with Claude's answer and what it cost; the rest folded. Pure. GFM that reads well raw;
// everything from Claude Code's output is escaped (./markdown.ts), and the page stays under GitHub's
// 1 MiB limit per step.
import type { CredentialsReport } from '../credentials/credential-run.js'
import type { AttemptRecord, RunReport } from '../report/run-report.js'
import { mdFence, mdBlocks, mdCode, mdDetails, mdLink, mdOwn, mdQuote, mdTable, mdText } from './markdown.js'
import { mdFixList, mdHeadline, mdInline, summaryText } from './md-pieces.js'
import {
  attemptRows,
  CAUSES_DOC_URL,
  causeOfReport,
  credentialWarnings,
  describeCredential,
  describeInstall,
  describeModel,
  duration,
  evidenceToShow,
  fixFor,
  headline,
  KEEP_REPORT_URL,
  modelName,
  rateLimitWarning,
  runFacts,
  seconds,
  SOURCE_NAMES,
  type RenderContext,
} from './pieces.js'

/** GitHub rejects a step summary over 1 MiB; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 900 * 1024
const TAIL_LIMIT_CHARS = 64 * 1024
/** Claude's answer: this many lines show, the whole folds below them. */
const ANSWER_LINES = 5
const ANSWER_CHARS = 600

function howToFix(report: RunReport, context: RenderContext): string | undefined {
  const cause = causeOfReport(report)
  if (report.conclusion === 'success' || cause === 'none') return undefined
  return `### How to fix\n\n${mdFixList(fixFor({ ...report, cause }, context), context)}`
}

function attemptsTable(report: RunReport): string {
  const rows = attemptRows(report)
  const started = rows.some((row) => row.started)
  const then = rows.some((row) => row.then.length > 0)
  const head = ['Attempt', ...(started ? ['Started'] : []), 'Result', 'Exit code', 'Duration', ...(then ? ['Then'] : [])]
  return mdTable(
    head,
    rows.map((row) => [
      String(row.number),
      ...(started ? [mdInline(row.started ?? [], { cell: true })] : []),
      `${row.ok ? '✅' : '❌'} ${mdText(row.result)}`,
      mdText(row.exit),
      row.duration,
      ...(then ? [mdInline(row.then, { cell: true })] : []),
    ]),
  )
}

/** The credential checks' own findings: the action's text, whose `backticks` are code. */
const ownFindings = (report: RunReport): Set<string> =>
  new Set(report.credentials?.checks.flatMap((check) => check.findings.map((finding) => finding.text)))

function evidenceBlock(report: RunReport, context: RenderContext): string | undefined {
  const evidence = evidenceToShow(report, context)
  if (!evidence) return undefined
  const own = ownFindings(report)
  const items = evidence.items.map(
    (item) =>
      `- **${SOURCE_NAMES[item.source]}:** ${own.has(item.text) ? mdOwn(item.text, { atStart: false }) : mdText(item.text, { atStart: false })}`,
  )
  if (evidence.omitted > 0) items.push(`- … and ${evidence.omitted} more in the report file.`)
  return `### Evidence (${evidence.from})\n\n${items.join('\n')}`
}

/** A success's answer: its first lines, then the whole of it folded. */
function answerBlock(report: RunReport): string | undefined {
  let text = report.result?.trim()
  if (!text) return undefined
  const cut = text.length > TAIL_LIMIT_CHARS
  if (cut) text = `${text.slice(0, TAIL_LIMIT_CHARS)} …`
  const lines = text.split(/\r?\n/)
  const first: string[] = []
  let chars = 0
  for (const line of lines) {
    if (first.length >= ANSWER_LINES || chars >= ANSWER_CHARS) break
    first.push(chars + line.length > ANSWER_CHARS ? `${line.slice(0, ANSWER_CHARS - chars)} …` : line)
    chars += line.length
  }
  const folded = first.length < lines.length || chars > ANSWER_CHARS
  const count = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`
  return mdBlocks([
    '**Claude’s answer**',
    mdQuote(first),
    folded &&
      mdDetails(
        cut
          ? `The answer's first ${TAIL_LIMIT_CHARS / 1024} KiB (the result output has all of it)`
          : `The whole answer (${count})`,
        mdQuote(lines),
      ),
  ])
}

/** Cost, turns, time and session of a success, on one line. */
function factsLine(report: RunReport): string {
  const facts = runFacts(report)
  return [
    facts.cost && `**Cost** ${facts.cost}`,
    facts.tokens && `**Tokens** ${facts.tokens}`,
    facts.turns !== undefined && `**Turns** ${facts.turns}`,
    `**Time** ${duration(facts.durationMs)}`,
    facts.session && `**Session** ${mdCode(facts.session)}`,
  ]
    .filter(Boolean)
    .join(' · ')
}

const list = (items: readonly (string | undefined | false)[]): string =>
  items
    .filter((item): item is string => typeof item === 'string' && item !== '')
    .map((item) => `- ${item}`)
    .join('\n')

function credentialRole(credentials: CredentialsReport, role: 'used' | 'fallback' | 'ignored'): string {
  const switched = credentials.switchedToFallback
  if (role === 'used') return switched ? 'Primary, replaced by the fallback' : 'Used'
  if (role === 'ignored') return 'Ignored (another one wins)'
  if (!switched) return 'Fallback, not needed'
  const when = switched.afterAttempt === 0 ? 'for every attempt' : `from attempt ${switched.afterAttempt + 1} on`
  return `Fallback, used ${when} after ${mdCode(switched.cause)}`
}

const FINDING_MARKS = { error: '❌', warning: '⚠️', note: 'ℹ️' } as const

/** Texts the page already shows above the details: the headline's finding and the evidence. */
function shownAbove(report: RunReport, context: RenderContext): Set<string> {
  const stop = report.credentials?.stop
  const shown = new Set(evidenceToShow(report, context)?.items.map((item) => item.text))
  if (report.attempts.length === 0 && stop) for (const item of stop.evidence) shown.add(item.text)
  return shown
}

function credentialsDetails(report: RunReport, context: RenderContext): string | undefined {
  const { credentials } = report
  if (!credentials) return undefined
  const warnings = credentialWarnings(credentials, report.conclusion === 'success')
  // A success shows its credentials only when something about them is worth a warning, or when they
  // are what was checked (the key's fingerprint and organisation answer "is this the key I meant?").
  const checked = report.mode === 'diagnose' && report.attempts.length === 0
  if (report.conclusion === 'success' && warnings.length === 0 && !checked) return undefined
  const above = shownAbove(report, context)
  const used = credentials.credentials.map(
    (print) => `**${credentialRole(credentials, print.role)}:** ${mdInline(describeCredential(print))}`,
  )
  if (credentials.provider) used.unshift(`Claude Code uses ${mdText(credentials.provider, { atStart: false })}.`)
  const checks = credentials.checks.flatMap(({ credential, findings }) => {
    if (findings.length === 0) {
      return [`✅ ${mdCode(credential)}: no stray whitespace, quotes or characters; its prefix fits its kind`]
    }
    return findings
      .filter((finding) => !above.has(finding.text))
      .map((finding) => `${FINDING_MARKS[finding.severity]} ${mdOwn(finding.text)}`)
  })
  const blocks = mdBlocks([
    used.length > 0 && list(used),
    checks.length > 0 && `**Local checks**\n\n${list(checks)}`,
    credentials.conflicts.length > 0 && `**Conflicts**\n\n${list(credentials.conflicts.map((c) => `⚠️ ${mdOwn(c)}`))}`,
    credentials.notes.length > 0 && list(credentials.notes.map((note) => `ℹ️ ${mdOwn(note)}`)),
  ])
  if (!blocks) return undefined
  const used0 = credentials.credentials.find((print) => print.role === 'used')
  const who = credentials.provider ?? (used0 ? summaryText(describeCredential(used0).slice(0, 2)) : 'none set')
  const mark = report.conclusion === 'success' && warnings.length > 0 ? '⚠️ ' : ''
  return mdDetails(`${mark}Credentials: ${who}${warnings.length > 0 ? ` (${warnings.join(', ')})` : ''}`, blocks)
}

function probesDetails(report: RunReport): string | undefined {
  const probes = report.credentials?.probes ?? []
  if (probes.length === 0) return undefined
  const checked = report.mode === 'diagnose' && report.attempts.length === 0
  if (report.conclusion === 'success' && credentialWarnings(report.credentials).length === 0 && !checked) return undefined
  const items = probes.map((probe) => {
    const answer =
      probe.status === undefined
        ? `no answer: ${probe.message ?? 'unknown failure'}`
        : [`HTTP ${probe.status}`, probe.errorType, probe.message].filter((part) => part !== undefined).join(' · ')
    const check =
      probe.purpose === 'preflight'
        ? 'Preflight'
        : probe.afterAttempt
          ? `Credit check after attempt ${probe.afterAttempt}`
          : 'Credit check'
    const ids = [
      probe.requestId && `request ${mdCode(probe.requestId)}`,
      probe.organizationId && `organisation ${mdCode(probe.organizationId)}`,
      probe.workspaceId && `workspace ${mdCode(probe.workspaceId)}`,
    ].filter(Boolean)
    return [
      `**${check}:** ${mdCode(probe.request)} with ${mdText(probe.credential, { atStart: false })}, ${probe.durationMs} ms: ${mdText(answer, { atStart: false })}`,
      ...ids,
    ].join(' · ')
  })
  const answers = probes.map(
    (probe) =>
      `${probe.purpose === 'preflight' ? 'preflight' : 'credit check'} ${probe.status === undefined ? 'no answer' : `HTTP ${probe.status}`}`,
  )
  return mdDetails(`API checks: ${answers.join(', ')}`, list(items))
}

function runDetails(report: RunReport): string {
  const last = report.attempts.at(-1)
  const facts = runFacts(report)
  const cause = causeOfReport(report)
  const retries = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.count, 0)
  const retryDelayMs = report.attempts.reduce((sum, attempt) => sum + attempt.inRunRetries.totalDelayMs, 0)
  const statuses = [...new Set(report.attempts.flatMap((attempt) => attempt.inRunRetries.statuses))]
  const started = report.startedAt ? `${report.startedAt.slice(0, 10)} ${report.startedAt.slice(11, 19)} UTC` : undefined
  const items = list([
    cause !== 'none' && `Cause ${mdCode(cause)} (the step’s \`cause\` output): ${mdLink('what it means', CAUSES_DOC_URL(cause))}`,
    report.mode === 'run' && started && `Started ${started}, ${duration(facts.durationMs)} in all`,
    report.mode === 'diagnose' && report.logFile && `Log: ${mdCode(report.logFile)}`,
    facts.cost && `Cost: ${facts.cost}${report.attempts.length > 1 ? ' over all attempts' : ''}`,
    facts.tokens && `Tokens: ${facts.tokens}${report.attempts.length > 1 ? ' over all attempts' : ''}`,
    facts.turns !== undefined && `Turns: ${facts.turns}`,
    facts.session && `Session: ${mdCode(facts.session)}`,
    facts.model && `Model: ${mdInline(describeModel(facts.model))}`,
    last?.credentialSource && `Credential Claude Code reported: ${mdCode(last.credentialSource)}`,
    retries > 0 &&
      `Claude Code’s own retries: ${retries} (HTTP ${statuses.map(String).join(', ') || 'none'}), ${seconds(retryDelayMs)} of waiting`,
    report.install && mdText(describeInstall(report.install, false)),
    report.reportFile &&
      `The whole report (every ${report.attempts.length > 0 ? 'attempt' : 'check'} with its evidence) is the step’s ${mdCode('report-file')} output, a file on the runner: keep it with ${mdCode('actions/upload-artifact')} (${mdLink('how', KEEP_REPORT_URL)}).`,
  ])
  const head = [
    cause !== 'none' ? `cause ${cause}` : undefined,
    report.install?.version ? `Claude Code ${report.install.version}` : undefined,
    facts.model && modelName(facts.model),
    report.totalCostUsd > 0 && facts.cost,
  ].filter(Boolean)
  return mdDetails(`Run details${head.length > 0 ? `: ${head.join(' · ')}` : ''}`, items || 'Nothing more is known.')
}

function tailBlock(report: RunReport, attempt: AttemptRecord | undefined, maxChars: number): string | undefined {
  if (!attempt || attempt.tail.length === 0 || maxChars <= 0) return undefined
  let text = attempt.tail.join('\n').replace(/\n{3,}/g, '\n\n')
  if (text.length > maxChars) text = `… ${text.slice(text.length - maxChars)}`
  const what = report.mode === 'diagnose' ? 'Last lines of the log' : `Last lines of output (attempt ${attempt.number})`
  return mdDetails(what, mdFence(text))
}

function failureBlocks(report: RunReport, context: RenderContext): (string | undefined)[] {
  return [
    howToFix(report, context),
    report.mode === 'run' && report.attempts.length > 0 ? `### What was tried\n\n${attemptsTable(report)}` : undefined,
    evidenceBlock(report, context),
    credentialsDetails(report, context),
    probesDetails(report),
    runDetails(report),
  ]
}

function successBlocks(report: RunReport, context: RenderContext): (string | undefined)[] {
  const failed = report.attempts.length - 1
  return [
    // A check with nothing run has no cost, turns or session to show.
    report.attempts.length > 0 ? factsLine(report) : undefined,
    answerBlock(report),
    report.attempts.length > 1
      ? mdDetails(
          `Attempts: ${report.attempts.length}, ${failed === 1 ? 'the first' : `the first ${failed}`} failed`,
          attemptsTable(report),
        )
      : undefined,
    credentialsDetails(report, context),
    probesDetails(report),
    runDetails(report),
  ]
}

/** The summary when rendering the report itself failed: the headline piece with the error, as little code as shows it. */
export function renderFallbackSummary(error: string): string {
  return `${mdHeadline({ ok: false, title: ['claude-code-guard failed'], happened: [], error }, '##')}\n`
}

/** A job summary is read on GitHub, wherever the action ran: it always speaks of the workflow. */
export function renderSummary(report: RunReport, where: RenderContext): string {
  const context: RenderContext = { ...where, where: 'actions' }
  const head = headline(report, context)
  const success = report.conclusion === 'success'
  const warning = rateLimitWarning(report)
  const fixed = mdBlocks([
    mdHeadline(head, '##'),
    warning && `⚠️ **Subscription limit near:** ${mdOwn(warning)}`,
    ...(success ? successBlocks(report, context) : failureBlocks(report, context)),
  ])
  const lastFailure = report.attempts.findLast((attempt) => attempt.cause !== 'none')
  // A success's answer is its output; the last lines show only when there is no answer.
  const tailOf = success ? (report.result?.trim() ? undefined : report.attempts.at(-1)) : (lastFailure ?? report.attempts.at(-1))
  // A character may take 4 bytes; the rest of the page is bounded.
  const room = Math.min(TAIL_LIMIT_CHARS, Math.floor((SUMMARY_LIMIT_BYTES - Buffer.byteLength(fixed) - 1024) / 4))
  const summary = `${mdBlocks([fixed, tailBlock(report, tailOf, room)])}\n`
  if (Buffer.byteLength(summary) <= SUMMARY_LIMIT_BYTES) return summary
  // Only a huge answer gets here: the headline and the fix always fit.
  return `${mdBlocks([mdHeadline(head, '##'), howToFix(report, context), '_The rest of the summary is too long for GitHub; the report file has it._'])}\n`
}

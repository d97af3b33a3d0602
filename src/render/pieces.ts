// The pieces every view of a report shares (the job summary, the pull request comment, the terminal):
// the headline (title, what happened, why the run stopped), the fix for the report's cause, the evidence
// to show, the attempts as rows, durations, the install line, links. Pure. The pieces speak in `Inline`
// parts, which each view writes its own way: Markdown escapes what came from Claude Code, the terminal
// prints it as it is.
import { KIND_NAMES, type Fingerprint } from '../credentials/credential.js'
import type { CredentialsReport } from '../credentials/credential-run.js'
import { causeOf, LINKS, type Cause, type CauseId, type FixFacts, type FixStep, type LinkTarget } from '../diagnosis/catalogue.js'
import type { Evidence } from '../diagnosis/clues.js'
import type { InstallRecord } from '../install/claude-install.js'
import type { StopReason } from '../process/attempt-process.js'
import { windowName } from '../claude/stream-events.js'
import type { AttemptRecord, RunReport } from '../report/run-report.js'
import { claudeStopped } from '../report/build-report.js'

export interface RenderContext {
  /** GITHUB_SERVER_URL, e.g. https://github.com */
  serverUrl?: string
  /** GITHUB_REPOSITORY, owner/name */
  repository?: string
  /** Where the text is read: fixes differ between a job and a terminal. */
  where: FixFacts['where']
}

/**
 * The links' context from the environment. The action is always read in Actions; the command line only
 * when GITHUB_ACTIONS says it runs in a job.
 */
export function renderContext(env: NodeJS.ProcessEnv, where?: RenderContext['where']): RenderContext {
  return {
    serverUrl: env.GITHUB_SERVER_URL,
    repository: env.GITHUB_REPOSITORY,
    where: where ?? (env.GITHUB_ACTIONS === 'true' ? 'actions' : 'terminal'),
  }
}

/**
 * A piece of text: a string is the action's own (its `backticks` mark code), `{ text }` is shown exactly as
 * it is (it may come from Claude Code's output), `{ code }` is code shown exactly as it is.
 */
export type Inline = string | { text: string } | { code: string }

/** The parts as plain text: for a terminal, or to compare. */
export const plain = (parts: readonly Inline[]): string =>
  parts.map((part) => (typeof part === 'string' ? part : 'text' in part ? part.text : `\`${part.code}\``)).join('')

export function href(target: LinkTarget, context: RenderContext): string | undefined {
  if (target.kind === 'url') return target.url
  if (!context.repository) return undefined
  return `${context.serverUrl ?? 'https://github.com'}/${context.repository}/settings/secrets/actions`
}

/** This project's home, for the links to its docs. */
const PROJECT_URL = LINKS.issues.target.url.replace(/\/issues$/, '')
export const CAUSES_DOC_URL = (cause: CauseId): string => `${PROJECT_URL}/blob/main/docs/causes.md#${cause}`
export const KEEP_REPORT_URL = `${PROJECT_URL}/blob/main/docs/how-it-works.md#keeping-the-report`

/** The cause a report stands for: its own, or the input or internal error that kept it from running. */
export function causeOfReport(report: RunReport): CauseId | 'none' {
  if (report.inputError) return 'input-invalid'
  if (report.internalError !== undefined) return 'internal-error'
  return report.cause
}

/** The fix for a failed report's cause, in the variant its evidence calls for. */
export function fixFor(report: RunReport & { cause: CauseId }, context: RenderContext): FixStep[] {
  const cause = causeOfReport(report)
  const { organizationId, ...facts } = report.credentials?.fixFacts ?? {}
  return causeOf(cause === 'none' ? report.cause : cause).fix({
    ...facts,
    // The API's id is code in the fix, never words: in a comment, words such as `@name` would notify someone.
    ...(organizationId ? { organizationId: `\`${organizationId}\`` } : {}),
    where: context.where,
    ...(report.resetsAt ? { resetsAt: report.resetsAt } : {}),
    ...(report.inputError ? { input: report.inputError.input } : {}),
  })
}

/** Fix steps, numbered, each followed by its link as `link` writes it. */
export function fixLines(
  steps: readonly FixStep[],
  context: RenderContext,
  link: (label: string, url: string | undefined) => string = (label, url) => ` (${label}${url ? `: ${url}` : ''})`,
): string[] {
  return steps.map((step, index) => {
    const suffix = step.link ? link(step.link.label, href(step.link.target, context)) : ''
    return `${index + 1}. ${step.text}${suffix}`
  })
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** A duration as a person says it: 4.2 s, 3 min 12 s, 1 h 5 min. */
export function duration(ms: number): string {
  if (ms < 60_000) return seconds(ms)
  const totalSeconds = Math.round(ms / 1000)
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`
  return `${Math.floor(totalSeconds / 3600)} h ${Math.floor((totalSeconds % 3600) / 60)} min`
}

export function describeInstall(install: InstallRecord, withDirectory = true): string {
  if (install.error !== undefined) return `Installing Claude Code ${install.requested} failed: ${install.error}`
  const version = install.version ?? install.requested
  if (!withDirectory) {
    return install.reused
      ? `Claude Code ${version}, reused from an earlier install on this runner`
      : `Claude Code ${version} installed in ${seconds(install.durationMs)}`
  }
  const how = install.reused ? 'reused from' : `installed in ${seconds(install.durationMs)} into`
  return `Claude Code ${version} ${how} ${install.directory ?? '?'}`
}

/** An input as the reader sets it: the step's input, or the command line's option. */
export const option = (name: string, context: RenderContext): string =>
  context.where === 'actions' ? `\`${name}\`` : `\`--${name}\``

/**
 * Text that only makes sense inside GitHub Actions (secrets expressions, forks, the job's limits): the
 * terminal leaves it out. The checks and the evidence are written for Actions; this keeps them off a laptop.
 */
export const speaksWorkflow = (text: string): boolean =>
  /\$\{\{|\bforks?\b|\bDependabot\b|\bworkflow\b|\bthe job(?:’|'|)s?\b|`with:`|\bthe inputs? `?[a-z]+-[a-z]/i.test(text)

/** The catalogue's meanings speak of the job; on a laptop these read better. */
const TERMINAL_MEANINGS: Partial<Record<CauseId, string>> = {
  'input-invalid': 'An option has a value claude-code-guard cannot use, so nothing was run.',
  'internal-error': 'claude-code-guard itself failed: this is a bug in it, not in your setup or your key.',
  'api-key-missing': 'No credential reached Claude Code: there is no API key or token in this shell’s environment.',
  'network-error':
    'The connection to the API failed or timed out (refused, reset, DNS, TLS, proxy); the network, a proxy or ANTHROPIC_BASE_URL is the usual suspect.',
  timeout: 'A time limit stopped the run: `--timeout-minutes`, a wrapper’s own limit, or a watchdog that saw no activity.',
  cancelled: 'The run was cancelled (Ctrl-C or a signal); the attempt was stopped with every process it started.',
}

export function meaningOf(cause: Cause, context: RenderContext): string {
  return (context.where === 'terminal' ? TERMINAL_MEANINGS[cause.id] : undefined) ?? cause.meaning
}

/** "The API refused…" as the second half of a sentence; names ("Claude Code…") stay as they are. */
const lowerFirst = (text: string): string => text.replace(/^(The|A|An|It|This)\b/, (word) => word.toLowerCase())

export interface Headline {
  ok: boolean
  /** The cause shown, for a failure that has one. */
  cause?: Cause
  title: Inline[]
  /** What happened and why the run stopped where it did, in a sentence or two; empty when the title says it all. */
  happened: Inline[]
  /** An error message to show as it is: the action's own failure. */
  error?: string
}

const distinct = <T>(items: readonly T[]): T[] => [...new Set(items)]

/** The headline as one line of plain text: the title, the cause id, what happened, and the error if any. */
export function headlineText(report: RunReport, context: RenderContext): string {
  const head = headline(report, context)
  const id = head.cause ? ` (${head.cause.id})` : ''
  const happened = plain(head.happened)
  const error = head.error === undefined ? '' : `The error: ${head.error.replace(/\.?$/, '.')}`
  return [`${plain(head.title)}${id}${happened ? ':' : '.'}`, happened, error].filter(Boolean).join(' ')
}

/** Where a diagnosed run came from, as the start of a sentence; in a job the path is in the folded details. */
function diagnosedFrom(report: RunReport, context: RenderContext): Inline[] {
  if (context.where === 'actions') return ['Diagnosed the run from its log']
  if (!report.logFile || report.logFile === 'standard input') return ['Diagnosed from standard input']
  return ['Diagnosed the saved log ', { code: report.logFile }]
}

/** A diagnosis with no log to read: only the credential and the environment were checked. */
const checkedOnly = (report: RunReport): boolean => report.mode === 'diagnose' && report.attempts.length === 0

/** What a check with nothing run found right, in a sentence: which credential, and what the API said of it. */
function checkedSentence(report: RunReport): { title: string; happened: Inline[] } {
  const credentials = report.credentials
  if (credentials?.provider) {
    return {
      title: 'Nothing to check with the Anthropic API',
      happened: [`Claude Code uses ${credentials.provider}: the Anthropic API checks do not apply. Nothing was run.`],
    }
  }
  const used = credentials?.credentials.find((print) => print.role === 'used')
  const answered = (purpose: 'preflight' | 'credit'): boolean =>
    credentials?.probes.some((probe) => probe.purpose === purpose && probe.status === 200) === true
  const found = [
    answered('preflight') ? 'the API accepts it' : undefined,
    answered('credit') ? 'a one-token request with it succeeded, so it can spend' : undefined,
  ].filter((part) => part !== undefined)
  const who: Inline[] = used ? ['Checked the ', ...describeCredential(used).slice(0, 2)] : ['Checked the environment']
  const title = answered('credit')
    ? 'The credential can spend'
    : answered('preflight')
      ? 'The API accepts the credential'
      : 'Nothing wrong found'
  return { title, happened: [...who, found.length > 0 ? `: ${found.join(', and ')}.` : '.', ' Nothing was run.'] }
}

function successHeadline(report: RunReport, context: RenderContext): Headline {
  const count = report.attempts.length
  if (checkedOnly(report)) {
    const { title, happened } = checkedSentence(report)
    return { ok: true, title: [title], happened }
  }
  if (report.mode === 'diagnose') {
    const title = context.where === 'actions' ? 'The diagnosed run succeeded' : 'Claude Code succeeded'
    return { ok: true, title: [title], happened: [...diagnosedFrom(report, context), ': Claude Code ended without an error.'] }
  }
  const switched = report.credentials?.switchedToFallback
  const title: Inline[] = [
    `Claude Code succeeded${count > 1 ? ` after ${count} attempts` : ''}${switched ? ', with `fallback-api-key`' : ''}`,
  ]
  if (count <= 1) return { ok: true, title, happened: [] }
  const failed = report.attempts.slice(0, -1)
  const titles = distinct(failed.map((attempt) => (attempt.cause === 'none' ? 'no cause' : causeOf(attempt.cause).title)))
  const which = failed.length === 1 ? 'Attempt 1 failed' : `Attempts 1 to ${failed.length} failed`
  const fallback = switched && switched.afterAttempt > 0 ? ' with `fallback-api-key`' : ''
  return { ok: true, title, happened: [`${which} (${titles.join(', then ')}); attempt ${count} succeeded${fallback}.`] }
}

/** Why a run that failed stopped where it did, for people. */
function stopSentence(report: RunReport, last: AttemptRecord, context: RenderContext): string {
  if (report.cause === 'cancelled') return report.stopReason
  const of = `${last.number} of ${report.maxAttempts}`
  if (last.number >= report.maxAttempts) {
    if (last.number > 1) return `All ${last.number} attempts failed.`
    return `It was the only attempt: ${option('max-attempts', context)} is 1.`
  }
  const cause = last.cause === 'none' ? undefined : causeOf(last.cause)
  if (cause?.retry === 'backoff' || cause?.retry === 'steady') {
    return `Attempt ${of} failed and was not retried: ${option('retry-on', context)} leaves this cause out.`
  }
  if (cause?.retry === 'other-credential') {
    return report.credentials?.switchedToFallback
      ? `Attempt ${of} failed with \`fallback-api-key\` too, so no credential was left to try.`
      : `Attempt ${of} failed and was not retried: the same credential would fail the same way.`
  }
  return `Attempt ${of} failed and was not retried: a retry cannot fix this.`
}

/** The error finding of the credential check that stopped the run, when its text is the first evidence. */
function stoppingFinding(credentials: CredentialsReport | undefined): string | undefined {
  const first = credentials?.stop?.evidence[0]?.text
  const findings = credentials?.checks.flatMap((check) => check.findings) ?? []
  return findings.find((finding) => finding.severity === 'error' && finding.text === first)?.text
}

/** The one headline logic: title, what happened, why it stopped. */
export function headline(report: RunReport, context: RenderContext): Headline {
  if (report.conclusion === 'success') return successHeadline(report, context)
  const id = causeOfReport(report)
  if (id === 'none') return { ok: false, title: ['Failed'], happened: [report.stopReason] }
  const cause = causeOf(id)
  const meaning = meaningOf(cause, context)
  if (report.inputError) {
    return {
      ok: false,
      cause,
      title: [`${cause.title} `, { code: report.inputError.input }],
      happened: [{ text: report.inputError.message }, ' Nothing was run.'],
    }
  }
  if (report.internalError !== undefined)
    return { ok: false, cause, title: [cause.title], happened: [meaning], error: report.internalError }
  if (checkedOnly(report)) {
    return {
      ok: false,
      cause,
      title: [cause.title],
      happened: [`Checked the credential and the environment; nothing was run. ${cause.checkedMeaning ?? meaning}`],
    }
  }
  if (report.mode === 'diagnose') {
    return { ok: false, cause, title: [cause.title], happened: [...diagnosedFrom(report, context), `: ${lowerFirst(meaning)}`] }
  }
  const last = report.attempts.at(-1)
  if (!last) {
    const finding = stoppingFinding(report.credentials)
    // The check's own sentence, unless it speaks of the workflow to a terminal.
    if (finding && !(context.where === 'terminal' && speaksWorkflow(finding))) {
      return { ok: false, cause, title: [cause.title], happened: [finding, ` ${claudeStopped(report.credentials)}`] }
    }
    const found = !report.credentials?.stop
      ? ''
      : report.credentials.stoppedAttempt
        ? ' The credential check found it while Claude Code was starting, and stopped Claude Code at once.'
        : ' The check before the first attempt found it, so Claude Code was not started.'
    return { ok: false, cause, title: [cause.title], happened: [`${meaning}${found || ' Nothing was run.'}`] }
  }
  return { ok: false, cause, title: [cause.title], happened: [`${meaning} ${stopSentence(report, last, context)}`] }
}

/** Evidence shown in full at most; the report file keeps the rest. */
export const EVIDENCE_ITEMS = 12
export const EVIDENCE_CHARS = 1500

export interface EvidenceToShow {
  /** Where it was seen: `attempt 2`, `before the first attempt`, `from the log`. */
  from: string
  items: Evidence[]
  /** Items left out (too many, or not for this reader). */
  omitted: number
}

/** The evidence of a failure: the last failed attempt's, or the credential check's; none for a success. */
export function evidenceToShow(report: RunReport, context: RenderContext): EvidenceToShow | undefined {
  if (report.conclusion === 'success' || report.inputError || report.internalError !== undefined) return undefined
  const failed = report.attempts.findLast((attempt) => attempt.cause !== 'none')
  let from: string
  let items: Evidence[]
  if (failed) {
    from = report.mode === 'diagnose' ? 'from the log' : `attempt ${failed.number}`
    items = failed.evidence
  } else {
    const stop = report.credentials?.stop ?? report.finding
    if (!stop) return undefined
    // The finding the headline already says is not said again.
    const said = stoppingFinding(report.credentials)
    from = report.mode === 'diagnose' ? 'the environment' : 'before the first attempt'
    items = stop.evidence.filter((item) => item.text !== said)
  }
  const readable = context.where === 'terminal' ? items.filter((item) => !speaksWorkflow(item.text)) : items
  const shown = readable.slice(0, EVIDENCE_ITEMS).map((item) => ({
    ...item,
    text: item.text.length > EVIDENCE_CHARS ? `${item.text.slice(0, EVIDENCE_CHARS)} …` : item.text,
  }))
  if (shown.length === 0) return undefined
  return { from, items: shown, omitted: items.length - shown.length }
}

/** Where each piece of evidence was seen, in words. */
export const SOURCE_NAMES: Record<Evidence['source'], string> = {
  result: 'result',
  assistant: 'Claude Code',
  api_retry: 'API retry',
  rate_limit: 'rate limit',
  stdout: 'stdout',
  stderr: 'stderr',
  output: 'output',
  process: 'process',
  preflight: 'check',
  probe: 'API check',
  log: 'log',
}

/** One attempt as a row of the attempts table (and a line in the terminal). */
export interface AttemptRow {
  number: number
  ok: boolean
  cause: CauseId | 'none'
  /** The cause's title, or `Succeeded`. */
  result: string
  exit: string
  /** The action stopped the process: `exit` says why, not a code. */
  stopped: boolean
  duration: string
  /** How it started, when any attempt of the run continued another's session. */
  started?: Inline[]
  /** What followed: a retry after a wait; empty for the last attempt. */
  then: Inline[]
}

/** What stopped an attempt the action stopped, next to its exit code: not a crash of Claude Code. */
const STOPPED: Record<StopReason, string> = {
  early: 'stopped by the action: waiting inside the run would not help',
  timeout: 'stopped by the action at timeout-minutes',
  cancelled: 'stopped by the action: the run was cancelled',
}

/** The exit cell: the code or the signal, and why the action stopped the process when it did. */
function exitText(attempt: AttemptRecord): string {
  const ended =
    attempt.signal === null
      ? String(attempt.exitCode ?? '–')
      : attempt.exitCode === null
        ? `killed (${attempt.signal})`
        : `${attempt.exitCode} (${attempt.signal})`
  // The exit code of a process the action stopped is the stop's, not Claude Code's: only the why is said.
  return attempt.stopped === undefined ? ended : STOPPED[attempt.stopped]
}

export function attemptRows(report: RunReport): AttemptRow[] {
  const resumes = report.attempts.some((attempt) => attempt.resume)
  return report.attempts.map((attempt, index) => {
    const next = report.attempts[index + 1]
    const wait = attempt.waitAfterMs > 0 ? `retried after ${duration(attempt.waitAfterMs)}` : 'retried at once'
    const session = attempt.resume ? { code: attempt.resume.sessionId.slice(0, 8) } : undefined
    return {
      number: attempt.number,
      ok: attempt.cause === 'none',
      cause: attempt.cause,
      result: attempt.cause === 'none' ? 'Succeeded' : causeOf(attempt.cause).title,
      exit: exitText(attempt),
      stopped: attempt.stopped !== undefined,
      duration: duration(attempt.durationMs),
      ...(resumes
        ? {
            started: !session
              ? ['afresh']
              : attempt.resume?.resumed
                ? ['continued session ', session]
                : ['afresh: session ', session, ' not found'],
          }
        : {}),
      then: next ? [wait, next.withFallback || attempt.withFallback ? ' with `fallback-api-key`' : ''] : [],
    }
  })
}

/** A model id without Claude Code's `[1m]`-style suffix. */
export const modelName = (model: string): string => model.replace(/\[\d+[km]\]$/i, '')

/** The context window Claude Code's `[1m]`-style suffix asks for, as `1M`; undefined without one. */
export function contextWindow(model: string): string | undefined {
  const match = /\[(\d+)([km])\]$/i.exec(model)
  return match ? `${match[1]}${match[2].toUpperCase()}` : undefined
}

/** A model id, with Claude Code's `[1m]`-style suffix said in words. */
export function describeModel(model: string): Inline[] {
  const size = contextWindow(model)
  if (!size) return [{ code: model }]
  return [{ code: modelName(model) }, ` with the ${size}-token context window (Claude Code writes it `, { code: model }, ')']
}

/** What a success cost and took, when known. */
export interface RunFacts {
  cost?: string
  /** Input and output tokens of all attempts: `12,400 in, 310 out`. */
  tokens?: string
  turns?: number
  durationMs: number
  session?: string
  model?: string
}

const count = (n: number): string => n.toLocaleString('en-US')

/** An ISO 8601 time as a person reads it: `2026-12-04 21:39 UTC`. */
export const readableTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

/**
 * The one line about a subscription window that is nearly used up (Claude Code's `allowed_warning`, or a
 * threshold passed), on success as well; undefined when there is nothing to warn of. A window that
 * refused the run is the usage-limit diagnosis itself.
 */
export function rateLimitWarning(report: RunReport): string | undefined {
  const state = report.rateLimit
  if (!state || state.status === 'rejected') return undefined
  if (state.status !== 'allowed_warning' && state.surpassedThreshold === undefined) return undefined
  const used = state.utilization === undefined ? 'nearly used up' : `${Math.round(state.utilization * 100)}% used`
  const resets = state.resetsAt ? ` and resets at ${readableTime(state.resetsAt)}` : ''
  const overage = state.overage ? '; extra usage is paying for requests' : ''
  return `The Claude subscription’s ${windowName(state.window)} window is ${used}${resets}${overage}.`
}

export function runFacts(report: RunReport): RunFacts {
  const last = report.attempts.at(-1)
  const wall = Date.parse(report.finishedAt) - Date.parse(report.startedAt)
  return {
    ...(report.attempts.some((attempt) => attempt.costUsd !== undefined) ? { cost: `$${report.totalCostUsd.toFixed(4)}` } : {}),
    ...(report.usage ? { tokens: `${count(report.usage.input)} in, ${count(report.usage.output)} out` } : {}),
    ...(last?.turns !== undefined ? { turns: last.turns } : {}),
    durationMs: report.mode === 'diagnose' || !Number.isFinite(wall) ? (last?.durationMs ?? 0) : wall,
    ...(report.sessionId ? { session: report.sessionId } : {}),
    ...(last?.model ? { model: last.model } : {}),
  }
}

/** A credential's fingerprint as parts: kind, source, length, ends, short hash; never the key. */
export function describeCredential(print: Fingerprint): Inline[] {
  const ends: Inline[] = print.first !== undefined ? [' · ', { code: `${print.first}…${print.last ?? ''}` }] : []
  return [
    `${KIND_NAMES[print.kind]} from `,
    { code: print.source },
    ` · ${print.length} characters`,
    ...ends,
    ' · sha256 ',
    { code: print.sha256 },
  ]
}

/** What about the credentials is worth a warning on a run that succeeded; `probes` counts the API checks that failed too. */
export function credentialWarnings(credentials: CredentialsReport | undefined, probes = true): string[] {
  if (!credentials) return []
  const findings = credentials.checks.flatMap((check) => check.findings).filter((finding) => finding.severity !== 'note')
  const unanswered = probes ? credentials.probes.filter((probe) => probe.status === undefined || probe.status >= 400) : []
  return [
    ...(findings.length > 0 ? [`${findings.length} ${findings.length === 1 ? 'warning' : 'warnings'}`] : []),
    ...(credentials.conflicts.length > 0
      ? [`${credentials.conflicts.length} ${credentials.conflicts.length === 1 ? 'conflict' : 'conflicts'}`]
      : []),
    ...(unanswered.length > 0 ? [`${unanswered.length} API ${unanswered.length === 1 ? 'check' : 'checks'} failed`] : []),
    ...(credentials.switchedToFallback ? ['switched to the fallback key'] : []),
  ]
}

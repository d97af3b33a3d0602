// Collects what one attempt shows, line by line, into bounded data for the classifier: stream-json
// events, the lines that look like errors, and the last lines of output. Memory stays bounded however
// much the child prints. Pure: no I/O.
import {
  describeStatus,
  parseStreamLine,
  windowName,
  type ApiRetryEvent,
  type InitEvent,
  type RateLimitEvent,
  type ResultEvent,
  type StreamEvent,
} from '../claude/stream-events.js'
import { textLines } from '../process/line-splitter.js'
import { CATALOGUE, endsRunEarly, type CauseId } from './catalogue.js'
import { matchCause, type Clue, type ClueSource } from './clues.js'
import { clip, readable } from '../text/lines.js'
import { epochToIso } from './reset-time.js'
import { failureSign, isInert, isProse, retrySign, originOf, saysHarmless, type Origin } from './text-signs.js'

export type OutputFormat = 'stream-json' | 'text'

/**
 * What a saved text already knows of a line: a sentence of prose; a line quoted by prose about a run
 * (what it says counts as prose unless it shows a failure itself); or plain output or code.
 */
export type LineHint = 'prose' | 'quoted' | 'plain'

export interface Observation {
  format: OutputFormat
  init?: InitEvent
  result?: ResultEvent
  sessionId?: string
  /** Model replies seen, not counting Claude Code's synthetic error messages: a session with replies can be resumed. */
  replies: number
  /** The last in-run retries, bounded; counts and delays cover all of them. */
  apiRetries: ApiRetryEvent[]
  apiRetryCount: number
  apiRetryDelayMs: number
  apiRetryStatuses: (number | null)[]
  /** From the result and Claude Code's synthetic error messages: the most decisive. */
  resultClues: Clue[]
  retryClues: Clue[]
  /** Lines outside the structured events that look like an error, bounded. */
  lineClues: Clue[]
  /** The first and the last line that showed a failure (an error marker, an exit status, a signal…). */
  failureLines: Clue[]
  tail: string[]
  /** Set when an in-run retry showed that Claude Code's own retries should not go on; `why` says why. */
  earlyStop?: { cause: CauseId; clue: Clue; why: string }
  /** A wait the output itself named (text mode), in milliseconds. */
  retryAfterMs?: number
  /** When a subscription limit resets, as Claude Code reported it (ISO 8601). */
  resetsAt?: string
  /** The last state of a subscription's rate limit Claude Code reported (none with an API key). */
  rateLimit?: RateLimitEvent
}

export interface ObserverOptions {
  /**
   * The preflight could not connect to the API: in-run retries with no HTTP status are then the same
   * outage, and the attempt is stopped after a few instead of retrying for minutes.
   */
  apiUnreachable?: boolean
  /**
   * 429s in a row that stop the attempt, when the run retries a rate limit itself after it. Claude Code
   * retries a 429 at the API's retry-after, the same moment for every job that shares the limit; when
   * that retry is refused again, other jobs took the capacity, and the attempt is stopped so that the
   * retry loop's jittered wait spreads the jobs apart instead of letting them all ask again at once.
   */
  rateLimitedToStop?: number
  /** Where lines outside the events came from, for the evidence; by default the stream (or `output` for text). */
  lineSource?: ClueSource
  /** Who answers this run's requests, when known (a run on a cloud provider); a line can still say otherwise. */
  origin?: Origin
}

const TAIL_LINES = 40
/**
 * A text output's lines are read when the observation is, from the last this many bytes: a command's
 * error is at its end, and the patterns then cost nothing while a chatty command runs.
 */
export const TEXT_WINDOW_BYTES = 1024 * 1024
const MAX_CLUES = 20
const MAX_RETRIES_KEPT = 20
/** In-run retries that never reached the API, after a preflight that could not connect either. */
export const UNREACHABLE_RETRIES_TO_STOP = 1

const CATALOGUE_PATTERNS: readonly RegExp[] = CATALOGUE.flatMap((cause) => [
  ...(cause.recognise.patterns ?? []),
  ...(cause.recognise.afterOthers ?? []),
])
// One pass over a line per set of flags decides whether the catalogue's patterns need to run at all: a union
// of the patterns that share their flags costs far less on a short line than trying them one by one.
const patternsByFlags = new Map<string, RegExp[]>()
for (const pattern of CATALOGUE_PATTERNS) {
  const flags = pattern.flags.replace(/[gy]/g, '')
  const group = patternsByFlags.get(flags)
  if (group) group.push(pattern)
  else patternsByFlags.set(flags, [pattern])
}
export const CAUSE_UNIONS: readonly RegExp[] = [...patternsByFlags].map(
  ([flags, patterns]) => new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), flags),
)
/** Whether any of the catalogue's patterns matches a line: the check before a line becomes a clue. */
export const namesCause = (line: string): boolean => CAUSE_UNIONS.some((union) => union.test(line))
export const RETRY_AFTER = /retry[- ]after[": ]{1,3}(\d{1,6})/i
export const TEXT_RETRY = /· Retrying in \d{1,5} seconds?/
// An HTTP error status written in a line: `API Error: 401`, `API Error (503 …`, `failed with status 403`, httpx's `Server error '529 '`,
// a body printed after its status (`401 {"type":"error"…`), `"status": 429`, `429 Too Many Requests`, `a 500 error`,
// a proxy's answer for the server behind it (`503 upstream connect error`), and in Chinese, Japanese and Korean
// (`调用时返回 404`, `一直429`, `报 429 错误`, `500エラー`).
export const TEXT_STATUS =
  /(?:API Error:? ?\(?|(?:Server|Client) error '|failed with status |status(?: code)?[:=]? ?|\b(?:status_?code|statusCode|http_?status|httpStatus)["']?\s{0,2}[:=]\s{0,2}["']?|"(?:api_error_)?status": ?|\bError(?: code)?:? |\bHTTP\/?[\d.]{0,3} |\((?=[45]\d\d\))|"code": ?|(?:返回了?|报错?|報錯?|收到|が返|一直)\s{0,2}(?:HTTP\s{0,2}|状态码\s{0,2}|)(?=[45]\d\d\b)|\b(?:returned|returns|responded|responds|answered|got|gets?|getting|received|response code)(?: with|)(?: an| a|)(?: HTTP| status| error|) (?=[45]\d\d(?:[\s,.:;)!]|$)(?! (?:files?|lines?|items?|tokens?|bytes?|times?|results?|rows?|messages?|characters?|words?)\b)))([45]\d\d)\b|(?:^|\s)([45]\d\d) ?\{|\b([45]\d\d)(?:[ -](?:errors?|responses?)\b|\s{0,2}(?:错误|錯誤|エラー|에러|오류))|\b([45]\d\d) (?:Overloaded|Too Many Requests|Unauthorized|Forbidden|Not Found|Payment Required|Bad Request|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|Request Entity Too Large|Payload Too Large|Content Too Large|upstream connect error|upstream request timeout)\b/i
/** The HTTP status a line shows, if any. */
export function statusIn(text: string): number | undefined {
  const match = TEXT_STATUS.exec(text)
  return match ? Number(match[1] ?? match[2] ?? match[3] ?? match[4]) : undefined
}

// The API's own error types, written in a line (`"type":"rate_limit_error"`, `overloaded_error · Overloaded`),
// and every kind of the catalogue's that is an identifier (`org_disabled_credential`), not a plain word.
const IDENTIFIER_KINDS = CATALOGUE.flatMap((cause) => cause.recognise.errorKinds ?? []).filter((kind) => kind.includes('_'))
export const TEXT_KIND = new RegExp(
  `\\b(invalid_request_error|authentication_error|permission_error|not_found_error|request_too_large|rate_limit_error|api_error|overloaded_error|billing_error|${IDENTIFIER_KINDS.join('|')})\\b|\\berror"?:\\s{0,2}"?(invalid_request|rate_limit|authentication_failed|billing_error)\\b`,
  'i',
)

// The classes the SDKs raise for the API's errors (`anthropic.RateLimitError`, `litellm.BadRequestError`).
const CLASS_KINDS = CATALOGUE.flatMap((cause) => cause.recognise.errorKinds ?? []).filter((kind) =>
  /^[A-Z]\w{2,40}Error$/.test(kind),
)
export const CLASS_KIND = new RegExp(`\\b(${CLASS_KINDS.join('|')})\\b`)

/**
 * The error kind a line names: the API's error type, or Claude Code's own name after `error:`, else the
 * class an SDK raised (the type is the more precise: the Python SDK raises a 529 as InternalServerError).
 */
export function kindIn(text: string): string | undefined {
  const match = TEXT_KIND.exec(text)
  // A person may capitalise the type they copy (`Rate_limit_error`); the catalogue knows it in lower case.
  return match ? (match[1] ?? match[2]).toLowerCase() : CLASS_KIND.exec(text)?.[1]
}

// A web server's access log line (`"GET /api/x HTTP/1.1" 500`, a router's `method=POST path="/api/x" … status=500`):
// its status is that server's answer to its own client, and says something of the API only for the API's own paths.
const ACCESS_LOG =
  /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S{1,400}) HTTP\/[\d.]{1,3}"|\bmethod=(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) path="?([^"\s]{1,400})/

/** A status Claude Code gave as a field, else as its message shows it (`API Error: 401 {…}`). */
function statusOf(field: number | undefined, text: string): { status?: number } {
  const status = field ?? statusIn(text)
  return status === undefined ? {} : { status }
}

function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item)
  if (list.length > max) list.shift()
}

export class AttemptObserver {
  private readonly seen: Observation
  /** The last line was an in-run retry: Claude Code's, as its terminal shows them, or any client's. */
  private inRetry = false
  /** The last line showed a failure, a cause's clue or a retry. */
  private troubled = false
  /** The last in-run retries were all for a 429: how many. */
  private rateLimitedInARow = 0
  /** Blocks of text lines not read yet, as they came, bounded by TEXT_WINDOW_BYTES for each stream. */
  private unread: { stream: 'stdout' | 'stderr'; lines: Buffer }[] = []
  private readonly unreadBytes = { stdout: 0, stderr: 0 }

  constructor(
    format: OutputFormat,
    private readonly options: ObserverOptions = {},
  ) {
    this.seen = {
      format,
      replies: 0,
      apiRetries: [],
      apiRetryCount: 0,
      apiRetryDelayMs: 0,
      apiRetryStatuses: [],
      resultClues: [],
      retryClues: [],
      lineClues: [],
      failureLines: [],
      tail: [],
    }
  }

  /** What the attempt has shown so far. */
  get observation(): Observation {
    this.readUnread()
    return this.seen
  }

  /** Set once an in-run retry showed a cause no retry inside this run can fix; cheap to ask after each line. */
  get earlyStop(): Observation['earlyStop'] {
    return this.seen.earlyStop
  }

  /**
   * Takes one line of the child's output (already redacted); returns the event it carried, if any. A
   * saved text says what it knows of the line in `hint`.
   */
  addLine(stream: 'stdout' | 'stderr', rawLine: string, hint?: LineHint): StreamEvent | undefined {
    const event = this.seen.format === 'stream-json' && stream === 'stdout' ? parseStreamLine(rawLine) : undefined
    if (event) {
      this.addEvent(event)
      return event
    }
    this.readUnread()
    this.readTextLine(stream, rawLine, hint)
    return undefined
  }

  /**
   * Takes whole lines of a text output (already redacted), each ending in `\n`. They are read when the
   * observation is, and only the last TEXT_WINDOW_BYTES of each stream (a short stderr is never pushed
   * out by a chatty stdout).
   */
  addText(stream: 'stdout' | 'stderr', lines: Buffer): void {
    this.unread.push({ stream, lines })
    this.unreadBytes[stream] += lines.length
    for (;;) {
      const oldest = this.unread.findIndex((block) => block.stream === stream)
      const size = this.unread[oldest].lines.length
      if (this.unreadBytes[stream] - size < TEXT_WINDOW_BYTES) break
      this.unread.splice(oldest, 1)
      this.unreadBytes[stream] -= size
    }
  }

  private readUnread(): void {
    const blocks = this.unread
    if (blocks.length === 0) return
    this.unread = []
    this.unreadBytes.stdout = 0
    this.unreadBytes.stderr = 0
    for (const block of blocks) for (const line of textLines(block.lines)) this.readTextLine(block.stream, line)
  }

  private readTextLine(stream: 'stdout' | 'stderr', rawLine: string, hint?: LineHint): void {
    const line = clip(readable(rawLine))
    pushBounded(this.seen.tail, line, TAIL_LINES)
    // Words are matched with runs of spaces closed up (a terminal pads where it wraps); the line's own
    // shape (its indent, a stack frame) is read from it as it stands.
    const trimmed = line.trim().replace(/\s{2,}/g, ' ')
    if (trimmed === '' || isInert(line)) {
      this.inRetry = false
      this.troubled = false
      return
    }
    const status = statusIn(trimmed)
    // Claude Code's terminal shows its in-run retries as `API Error (…) · Retrying in 4 seconds… (attempt 2/10)`,
    // with details indented below; like the stream's api_retry events, they weigh less than the final error.
    const quoted = hint === 'quoted' || hint === 'prose'
    const retry = !quoted && (TEXT_RETRY.test(line) || retrySign(line) || (this.inRetry && /^\s{4,}⎿/.test(line)))
    this.inRetry = retry
    this.troubled = retry
    const prose = hint === undefined ? isProse(line) : hint === 'prose'
    const sign = !retry && !prose && failureSign(line)
    const source = this.options.lineSource ?? (this.seen.format === 'text' ? 'output' : stream)
    if (sign) this.addFailureLine({ source, text: trimmed, place: 'marker' })
    if (sign) this.troubled = true
    const kind = kindIn(trimmed)
    const access = ACCESS_LOG.exec(trimmed)
    const aboutApi = access === null || /\/v1\/|\/model\//.test(access[1] ?? access[2])
    // A line that says it did no harm names no cause of the run's end.
    if (aboutApi && !saysHarmless(trimmed) && (status !== undefined || kind || namesCause(trimmed))) {
      const origin = this.whoAnswered(line)
      const clue: Clue = {
        source,
        ...(status === undefined ? {} : { status }),
        ...(kind ? { kind } : {}),
        text: trimmed,
        place: sign ? 'marker' : prose || quoted ? 'prose' : 'output',
        ...origin,
      }
      if (retry) this.addRetryClue(clue)
      else this.addClue(clue)
      if (!quoted && !prose) this.troubled = true
    }
    const retryAfter = RETRY_AFTER.exec(line)
    if (retryAfter) this.seen.retryAfterMs = Number(retryAfter[1]) * 1000
  }

  /** Who answered, as the text says, else as the run's options say. */
  private whoAnswered(text: string): { origin?: Origin } {
    const origin = originOf(text) ?? this.options.origin
    return origin ? { origin } : {}
  }

  /** Keeps the first line that showed a failure and the last. */
  addFailureLine(line: Clue): void {
    const lines = this.seen.failureLines
    if (lines.length < 2) lines.push(line)
    else lines[1] = line
  }

  /** Whether the last line was one of Claude Code's in-run retries (or a detail of one). */
  get lastLineWasRetry(): boolean {
    return this.inRetry
  }

  /** Whether the last line showed a failure, a cause's clue or a retry, outside prose. */
  get lastLineWasTrouble(): boolean {
    return this.troubled
  }

  /**
   * A clue found outside the lines (a saved log's error body, a phrase wrapped over lines), placed among
   * the line clues at `at` (by default last) so that their order stays the order the text had.
   */
  addClue(clue: Clue, at?: number): void {
    const clues = this.seen.lineClues
    clues.splice(at ?? clues.length, 0, clue)
    if (clues.length > MAX_CLUES) clues.shift()
  }

  /** A clue an in-run retry showed (an error body in a retry notice): it weighs as the retry does. */
  addRetryClue(clue: Clue): void {
    pushBounded(this.seen.retryClues, clue, MAX_CLUES)
  }

  private addEvent(event: StreamEvent): void {
    const o = this.seen
    switch (event.kind) {
      case 'init':
        o.init = event
        o.sessionId = event.sessionId ?? o.sessionId
        break
      case 'assistant':
        o.sessionId = event.sessionId ?? o.sessionId
        if (event.error === undefined) o.replies += 1
        else {
          pushBounded(
            o.resultClues,
            {
              source: 'assistant',
              // The most precise name there is: Claude Code's own `error` is coarse (401 and 403 alike).
              kind: event.apiErrorKind ?? kindIn(event.texts.join(' ')) ?? event.error,
              ...statusOf(event.apiErrorStatus, event.texts.join(' ')),
              text: clip(event.texts.join(' ')),
              ...this.whoAnswered(event.texts.join(' ')),
            },
            MAX_CLUES,
          )
          if (event.resetsAt !== undefined) o.resetsAt = epochToIso(event.resetsAt)
        }
        for (const text of event.texts) pushBounded(o.tail, clip(readable(text)), TAIL_LINES)
        break
      case 'api_retry':
        this.addRetry(event)
        break
      case 'result':
        o.result = event
        o.sessionId = event.sessionId ?? o.sessionId
        if (event.isError) {
          const kind = event.apiErrorKind ?? kindIn(event.result ?? '')
          o.resultClues.push({
            source: 'result',
            status: event.apiErrorStatus ?? statusIn(event.result ?? '') ?? null,
            ...(kind === undefined ? {} : { kind }),
            text: clip(event.result ?? event.subtype ?? ''),
            ...this.whoAnswered(event.result ?? ''),
          })
        }
        break
      case 'rate_limit':
        o.rateLimit = event
        // Only a refusal is a clue; a warning that the limit is near is not.
        if (event.status === 'rejected') {
          const resets = event.resetsAt === undefined ? undefined : epochToIso(event.resetsAt)
          if (resets) o.resetsAt = resets
          pushBounded(
            o.resultClues,
            {
              source: 'rate_limit',
              kind: 'usage_limit',
              text: `subscription ${windowName(event.limitType)} limit reached${event.utilization === undefined ? '' : ` (${Math.round(event.utilization * 100)}% used)`}${resets ? `; resets ${resets}` : ''}`,
            },
            MAX_CLUES,
          )
        }
        break
      case 'tool_result':
        break
    }
  }

  private addRetry(event: ApiRetryEvent): void {
    const o = this.seen
    o.apiRetryCount += 1
    o.apiRetryDelayMs += event.retryDelayMs ?? 0
    if (!o.apiRetryStatuses.includes(event.errorStatus)) o.apiRetryStatuses.push(event.errorStatus)
    pushBounded(o.apiRetries, event, MAX_RETRIES_KEPT)
    const clue: Clue = {
      source: 'api_retry',
      status: event.errorStatus,
      kind: event.error,
      text: `Claude Code retry ${event.attempt ?? '?'}/${event.maxRetries ?? '?'}${event.errorStatus === null ? `: ${describeStatus(null)}` : ''}`,
    }
    pushBounded(o.retryClues, clue, MAX_CLUES)
    this.rateLimitedInARow = event.errorStatus === 429 ? this.rateLimitedInARow + 1 : 0
    if (o.earlyStop !== undefined) return
    // Claude Code's kinds are coarse (401 and 403 are both authentication_failed): judge by status.
    const match = matchCause([{ source: 'api_retry', status: event.errorStatus }])
    if (match && endsRunEarly(match.cause)) {
      o.earlyStop = { cause: match.cause.id, clue, why: 'its own retries cannot fix this' }
    } else if (
      match?.cause.id === 'rate-limited' &&
      this.options.rateLimitedToStop !== undefined &&
      this.rateLimitedInARow >= this.options.rateLimitedToStop
    ) {
      const why =
        this.rateLimitedInARow === 1
          ? 'the limit is still taken by other jobs'
          : 'refused again at the retry-after, so other jobs share the limit'
      o.earlyStop = {
        cause: 'rate-limited',
        clue: { ...clue, text: `${clue.text}: ${why}` },
        why: 'a jittered wait spreads the jobs that share the limit',
      }
    }
    const unreachable = o.apiRetries.filter((retry) => retry.errorStatus === null).length
    if (event.errorStatus === null && this.options.apiUnreachable && unreachable >= UNREACHABLE_RETRIES_TO_STOP) {
      o.earlyStop = {
        cause: 'network-error',
        clue: { ...clue, text: `${clue.text}; the preflight could not connect either` },
        why: 'its own retries cannot fix this',
      }
    }
  }
}

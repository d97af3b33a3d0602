// Collects what one attempt shows, line by line, into bounded data for the classifier: stream-json
// events, the lines that look like errors, and the last lines of output. Memory stays bounded however
// much the child prints. Pure: no I/O.
import {
  parseStreamLine,
  type ApiRetryEvent,
  type InitEvent,
  type ResultEvent,
  type StreamEvent,
} from '../claude/stream-events.js'
import { CATALOGUE, type CauseId } from './catalogue.js'
import { matchCause } from './classify.js'

/** One observed fact that may identify a cause. */
export interface Signal {
  source: 'result' | 'assistant' | 'api_retry' | 'stdout' | 'stderr' | 'output' | 'process' | 'preflight' | 'probe'
  status?: number | null
  kind?: string
  text?: string
}

export type OutputFormat = 'stream-json' | 'text'

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
  apiRetryStatuses: number[]
  resultSignals: Signal[]
  retrySignals: Signal[]
  /** Lines outside the structured events that look like an error, bounded. */
  signals: Signal[]
  tail: string[]
  /** Set when an in-run retry showed a cause no retry inside this run can fix. */
  earlyStop?: { cause: CauseId; signal: Signal }
  /** A wait the output itself named (text mode), in milliseconds. */
  retryAfterMs?: number
}

const TAIL_LINES = 40
const MAX_SIGNALS = 20
const MAX_RETRIES_KEPT = 20
/** Evidence and tail lines are cut to this many characters; patterns only ever see this much of a line. */
export const MAX_LINE_CHARS = 2000

// One case-insensitive pass over a line decides whether the catalogue's patterns need to run at all.
export const anyPattern = new RegExp(
  CATALOGUE.flatMap((cause) => cause.recognise.patterns ?? [])
    .map((pattern) => `(?:${pattern.source})`)
    .join('|'),
  'i',
)
export const RETRY_AFTER = /retry[- ]after[": ]{1,3}(\d{1,6})/i

// Terminal escapes (colours, cursor moves) and the other control characters except tab.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const TERMINAL_CONTROL = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_PLAIN = /[\x00-\x08\x0a-\x1f\x7f]/

/**
 * A line as it reads on screen, for evidence, tail and patterns: a `\r` progress line shows its last
 * state, and colours and other control characters are dropped.
 */
export function readable(text: string): string {
  if (!NOT_PLAIN.test(text)) return text
  return text
    .split('\n')
    .map((line) => {
      const shown = line.trimEnd()
      return shown.slice(shown.lastIndexOf('\r') + 1)
    })
    .join('\n')
    .replace(TERMINAL_CONTROL, '')
}

export function clip(line: string, max = MAX_LINE_CHARS): string {
  return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line
}

function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item)
  if (list.length > max) list.shift()
}

export class AttemptObserver {
  readonly observation: Observation

  constructor(format: OutputFormat) {
    this.observation = {
      format,
      replies: 0,
      apiRetries: [],
      apiRetryCount: 0,
      apiRetryDelayMs: 0,
      apiRetryStatuses: [],
      resultSignals: [],
      retrySignals: [],
      signals: [],
      tail: [],
    }
  }

  /** Takes one line of the child's output (already redacted); returns the event it carried, if any. */
  addLine(stream: 'stdout' | 'stderr', rawLine: string): StreamEvent | undefined {
    const event = this.observation.format === 'stream-json' && stream === 'stdout' ? parseStreamLine(rawLine) : undefined
    if (event) {
      this.addEvent(event)
      return event
    }
    const line = clip(readable(rawLine))
    pushBounded(this.observation.tail, line, TAIL_LINES)
    if (anyPattern.test(line)) {
      pushBounded(
        this.observation.signals,
        { source: this.observation.format === 'text' ? 'output' : stream, text: line.trim() },
        MAX_SIGNALS,
      )
    }
    const retryAfter = RETRY_AFTER.exec(line)
    if (retryAfter) this.observation.retryAfterMs = Number(retryAfter[1]) * 1000
    return undefined
  }

  private addEvent(event: StreamEvent): void {
    const o = this.observation
    switch (event.kind) {
      case 'init':
        o.init = event
        o.sessionId = event.sessionId ?? o.sessionId
        break
      case 'assistant':
        o.sessionId = event.sessionId ?? o.sessionId
        if (event.error === undefined) o.replies += 1
        else {
          pushBounded(o.resultSignals, { source: 'assistant', kind: event.error, text: clip(event.texts.join(' ')) }, MAX_SIGNALS)
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
          o.resultSignals.push({
            source: 'result',
            status: event.apiErrorStatus,
            text: clip(event.result ?? event.subtype ?? ''),
          })
        }
        break
      case 'tool_result':
        break
    }
  }

  private addRetry(event: ApiRetryEvent): void {
    const o = this.observation
    o.apiRetryCount += 1
    o.apiRetryDelayMs += event.retryDelayMs ?? 0
    if (event.errorStatus !== null && !o.apiRetryStatuses.includes(event.errorStatus)) o.apiRetryStatuses.push(event.errorStatus)
    pushBounded(o.apiRetries, event, MAX_RETRIES_KEPT)
    const signal: Signal = {
      source: 'api_retry',
      status: event.errorStatus,
      kind: event.error,
      text: `Claude Code retry ${event.attempt ?? '?'}/${event.maxRetries ?? '?'}`,
    }
    pushBounded(o.retrySignals, signal, MAX_SIGNALS)
    // Claude Code's kinds are coarse (401 and 403 are both authentication_failed): judge by status.
    const match = matchCause([{ source: 'api_retry', status: event.errorStatus }])
    if (o.earlyStop === undefined && match?.cause.endsRunEarly) o.earlyStop = { cause: match.cause.id, signal }
  }
}

// Diagnoses a saved log of a finished run, whatever shape it was saved in: stream-json, claude-code-
// action's execution file (a JSON array of SDK messages), a GitHub Actions job log (timestamps,
// `##[error]`, `::error::` with `%0A`), a `/bug` report (JSON inside JSON), the Python Agent SDK's reprs,
// pretty-printed API error bodies, or terminal text with wrapped lines and literal `\u00b7` escapes.
// Everything is turned into the stream events and lines the live observer reads, so a saved log is
// judged exactly as a live attempt would be: structure first (events, statuses, error types), wording
// second. Pure.
import type { ProcessOutcome } from '../process/attempt-process.js'
import { readable } from '../text/lines.js'
import { CATALOGUE } from './catalogue.js'
import type { Clue } from './clues.js'
import { AttemptObserver, type Observation } from './observation.js'

type Json = Record<string, unknown>

const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

const MESSAGE_TYPES = ['system', 'assistant', 'user', 'result', 'rate_limit_event']

/** A JSON value that is one of Claude Code's (or the Agent SDK's) messages, whole or as pasted in part. */
function isMessage(value: unknown): value is Json {
  const message = obj(value)
  if (!message || typeof message.type !== 'string' || !MESSAGE_TYPES.includes(message.type)) return false
  return 'session_id' in message || 'subtype' in message || 'is_error' in message || 'message' in message
}

/** The API's error body: `{"type":"error","error":{"type":"…_error","message":"…"}}`, maybe wrapped. */
function apiError(value: unknown): { kind: string; message?: string; status?: number } | undefined {
  const body = obj(value)
  const error = obj(body?.error)
  if (!body || !error || typeof error.type !== 'string') return undefined
  const status = typeof body.status === 'number' ? body.status : undefined
  return {
    kind: error.type,
    ...(typeof error.message === 'string' ? { message: error.message } : {}),
    ...(status ? { status } : {}),
  }
}

// The prefix GitHub puts on every line of a downloaded job log.
const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/
// Workflow commands and the runner's own markers; the text after them is kept.
const MARKER =
  /^(?:##\[(?:error|warning|notice|debug|group|endgroup|command)\]|::(?:error|warning|notice|debug)(?: [^:]{0,400})?::)/
// Escapes of a JSON string, pasted as they were printed.
const LITERAL_ESCAPE = /\\u([0-9a-fA-F]{4})|\\([nrt"\\/])/g
const ESCAPED: Record<string, string> = { n: '\n', r: '\n', t: ' ', '"': '"', '\\': '\\', '/': '/' }

/** Undoes what a paste or a workflow command did to a line: markers, `%0A`, JSON-string escapes. */
function unwrapLine(raw: string): { lines: string[]; failure: boolean } {
  let line = raw.replace(TIMESTAMP, '')
  const marker = MARKER.exec(line)?.[0]
  const failure = marker !== undefined && /error/.test(marker)
  if (marker) line = line.slice(marker.length)
  if (marker?.startsWith('::')) line = line.replace(/%0D/gi, '').replace(/%0A/gi, '\n').replace(/%25/g, '%')
  // Only a line that looks escaped is unescaped: a real path such as C:\new stays as it is.
  if (/\\u[0-9a-fA-F]{4}|\\n|\\"/.test(line) && !line.trimStart().startsWith('{')) {
    line = line.replace(LITERAL_ESCAPE, (_, hex: string | undefined, char: string | undefined) =>
      hex ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPED[char ?? ''] ?? ''),
    )
  }
  return { lines: line.split('\n'), failure }
}

// The Python Agent SDK's message reprs: `ResultMessage(subtype='success', …, is_error=True, …, result='…')`.
const REPR_FIELD = (name: string): RegExp =>
  new RegExp(`\\b${name}=(?:'((?:[^'\\\\]|\\\\.){0,4000})'|"((?:[^"\\\\]|\\\\.){0,4000})"|(True|False|None|\\d{1,6}))`)

function reprField(line: string, name: string): string | undefined {
  const match = REPR_FIELD(name).exec(line)
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

/** A Python repr of a result or assistant message, as the stream event it stands for. */
function reprEvent(line: string): Json | undefined {
  if (line.includes('ResultMessage(')) {
    const isError = reprField(line, 'is_error')
    const status = Number(reprField(line, 'api_error_status'))
    return {
      type: 'result',
      subtype: reprField(line, 'subtype'),
      is_error: isError === 'True',
      result: reprField(line, 'result'),
      ...(Number.isInteger(status) && status > 0 ? { api_error_status: status } : {}),
      session_id: reprField(line, 'session_id') ?? '',
    }
  }
  if (line.includes('AssistantMessage(')) {
    const error = reprField(line, 'error')
    const text = reprField(line, 'text')
    return {
      type: 'assistant',
      ...(error && error !== 'None' ? { error } : {}),
      message: { content: text ? [{ type: 'text', text }] : [] },
      session_id: '',
    }
  }
  return undefined
}

/** Text is checked whole, with wrapped lines joined, up to this much of its end. */
const JOINED_CHARS = 256 * 1024
/** A pretty-printed JSON block inside text is gathered up to this many lines. */
const JSON_BLOCK_LINES = 400
/** …and parsed at most this many times (at each line that could close it). */
const JSON_BLOCK_TRIES = 60

export interface SavedLog {
  observation: Observation
  outcome: ProcessOutcome
}

class SavedLogReader {
  readonly observer = new AttemptObserver('stream-json', { lineSource: 'log' })
  /** Text lines outside events, for the joined check. */
  private text: string[] = []
  private textChars = 0
  /** A line said the run failed (`##[error]`, `::error::`, an error body, an error repr). */
  failure = false
  structured = false

  event(message: Json): void {
    this.structured = true
    this.observer.addLine('stdout', JSON.stringify(message))
  }

  textLine(line: string): void {
    this.observer.addLine('stdout', line)
    // In-run retries are weighed as retries, not read again as text.
    if (this.observer.lastLineWasRetry) return
    this.text.push(line)
    this.textChars += line.length + 1
    while (this.textChars > JOINED_CHARS && this.text.length > 1) this.textChars -= (this.text.shift() ?? '').length + 1
  }

  clue(clue: Clue): void {
    this.observer.addClue(clue)
  }

  /** Any JSON value: messages become events, error bodies clues, strings are read as text (JSON inside JSON). */
  value(value: unknown, depth = 0): void {
    if (depth > 6) return
    if (Array.isArray(value)) {
      for (const item of value) this.value(item, depth + 1)
      return
    }
    if (isMessage(value)) return this.event(value)
    const error = apiError(value)
    if (error) {
      this.failure = true
      this.clue({ source: 'log', status: error.status, kind: error.kind, text: error.message })
    }
    const object = obj(value)
    if (object) {
      for (const item of Object.values(object)) this.value(item, depth + 1)
      return
    }
    if (typeof value === 'string') this.read(value, depth + 1)
  }

  /** Text: line by line, with JSON lines and pretty-printed JSON blocks parsed. */
  read(text: string, depth = 0): void {
    const lines = text.replace(/\r\n?/g, '\n').split('\n')
    for (let i = 0; i < lines.length; i++) {
      const { lines: unwrapped, failure } = unwrapLine(lines[i])
      if (failure) this.failure = true
      for (const line of unwrapped) {
        const trimmed = line.trim()
        if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
          const parsed = parseJson(trimmed)
          if (parsed !== undefined && depth < 6) {
            this.value(parsed, depth + 1)
            continue
          }
          // A pretty-printed block: gather lines until it parses.
          if (unwrapped.length === 1 && (trimmed === '{' || trimmed === '[' || /^[[{]\s*"/.test(trimmed))) {
            const end = this.blockEnd(lines, i)
            if (end !== undefined) {
              this.value(
                parseJson(
                  lines
                    .slice(i, end + 1)
                    .map((l) => l.replace(TIMESTAMP, ''))
                    .join('\n'),
                ),
                depth + 1,
              )
              i = end
              continue
            }
          }
        }
        const repr = reprEvent(line)
        if (repr) {
          this.event(repr)
          continue
        }
        this.textLine(line)
      }
    }
  }

  /** Where a pretty-printed block that starts at `start` ends: the first line after which it parses. */
  private blockEnd(lines: readonly string[], start: number): number | undefined {
    let tries = 0
    for (let end = start + 1; end < Math.min(lines.length, start + JSON_BLOCK_LINES) && tries < JSON_BLOCK_TRIES; end++) {
      if (!/[\]}],?\s*$/.test(lines[end])) continue
      tries += 1
      if (
        parseJson(
          lines
            .slice(start, end + 1)
            .map((l) => l.replace(TIMESTAMP, ''))
            .join('\n'),
        ) !== undefined
      )
        return end
    }
    return undefined
  }

  /**
   * Wrapped lines: a phrase a narrow terminal or a paste split over lines is found in the text joined
   * with spaces, or glued without them where a word was split.
   */
  joinedClue(): Clue | undefined {
    const lines = this.text.map((line) => readable(line).trim()).filter(Boolean)
    const joined = [lines.join(' '), lines.join('')]
    for (const cause of CATALOGUE) {
      for (const pattern of cause.recognise.patterns ?? []) {
        for (const text of joined) {
          const match = pattern.exec(text)
          if (!match) continue
          const from = Math.max(0, match.index - 120)
          const snippet = text.slice(from, match.index + match[0].length + 120)
          return { source: 'log', text: `${from > 0 ? '…' : ''}${snippet}${from + snippet.length < text.length ? '…' : ''}` }
        }
      }
    }
    return undefined
  }
}

/**
 * Reads a saved log and says how its run ended. Without an exit code, the log's own result decides; a
 * log without one failed when it shows an error at all (a marker, an error body, a clue), else it is
 * taken as a success: a log that only talks about errors is not a failed run.
 */
export function readSavedLog(text: string, exitCode?: number): SavedLog {
  const reader = new SavedLogReader()
  const whole = text.trim()
  const parsed = whole.startsWith('[') || whole.startsWith('{') ? parseJson(whole) : undefined
  if (parsed !== undefined) reader.value(parsed)
  else reader.read(text)
  const { observation } = reader.observer
  const failed = observation.result
    ? observation.result.isError || (reader.failure && observation.lineClues.length > 0)
    : reader.failure ||
      observation.lineClues.length > 0 ||
      observation.resultClues.length > 0 ||
      observation.retryClues.length > 0 ||
      looksFailed(observation)
  // A phrase wrapped over lines is one more clue; the catalogue's order still decides between clues.
  const joined = reader.joinedClue()
  if (joined) reader.clue(joined)
  return {
    observation,
    outcome: { exitCode: exitCode ?? (failed ? 1 : 0), signal: null },
  }
}

// A line that reports a failure, when nothing else in the log does.
const FAILURE_LINE =
  /^(?:Error|error|ERROR|Fatal|fatal|FATAL)\b|\bProcess completed with exit code [1-9]|\bexited with code [1-9]|\bTraceback \(most recent call last\)|\bUnhandled(?: promise)? rejection/

function looksFailed(observation: Observation): boolean {
  return observation.tail.some((line) => FAILURE_LINE.test(line.trim()))
}

// Diagnoses a saved log of a finished run, whatever shape it was saved in: stream-json, claude-code-
// action's execution file (a JSON array of SDK messages), a GitHub Actions job log (timestamps,
// `##[error]`, `::error::` with `%0A`), a `/bug` report (JSON inside JSON), the Python Agent SDK's reprs,
// pretty-printed API error bodies, or terminal text with wrapped lines and literal `\u00b7` escapes.
// Everything is turned into the stream events and lines the live observer reads, so a saved log is
// judged exactly as a live attempt would be: structure first (events, statuses, error types), wording
// second. Pure.
import type { ProcessOutcome } from '../process/attempt-process.js'
import { clip, readable } from '../text/lines.js'
import { CATALOGUE } from './catalogue.js'
import type { Clue } from './clues.js'
import { AttemptObserver, kindIn, statusIn, type LineHint, namesCause, type Observation } from './observation.js'
import {
  documentKind,
  endsOnCjkReport,
  failureSign,
  isInert,
  standsAlone,
  EXPECTED_HEADING,
  REPRODUCTION_HEADING,
  isProse,
  talksOfChange,
  originOf,
  SECTION_HEADING,
  sentenceRow,
  WHAT_HAPPENED_HEADING,
  reportsFailure,
  saysWhatRunDid,
  retrySign,
  RESUMED,
  speaksOfOwnRun,
  BUG_REPORT_HEADING,
  writerReportsOwnFailure,
  saysHarmless,
  ANY_TABLE_ROW,
  ADVICE_HEAD,
  SUCCESS_SIGN,
  type Origin,
  type Place,
} from './text-signs.js'

type Json = Record<string, unknown>

const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined

/** A JSON value, or undefined; a text that cannot be one is not parsed (a throw costs microseconds). */
function parseJson(text: string): unknown {
  const first = text.trimStart()[0]
  const last = text.trimEnd().at(-1)
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return undefined
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
  return (
    'session_id' in message ||
    'subtype' in message ||
    'is_error' in message ||
    'message' in message ||
    'rate_limit_info' in message
  )
}

/**
 * An error body: the API's `{"type":"error","error":{"type":"…_error","message":"…"}}`, maybe wrapped, a
 * gateway's `{"error":{"message":"…","code":400}}`, which may name no type, or a server's flat
 * `{"statusCode":503,"message":"…"}`.
 */
function apiError(value: unknown): { kind?: string; message?: string; status?: number } | undefined {
  const body = obj(value)
  const error = obj(body?.error) ?? (typeof body?.message === 'string' ? body : undefined)
  const kind = typeof error?.type === 'string' && error !== body ? error.type : undefined
  const message = typeof error?.message === 'string' ? error.message : undefined
  if (!body || !error || (kind === undefined && message === undefined)) return undefined
  const status = [body.status, body.statusCode, body.status_code, error.code, error.status]
    .map((field) => (typeof field === 'string' && /^[45]\d\d$/.test(field) ? Number(field) : field))
    .find((field): field is number => typeof field === 'number' && field >= 400 && field < 600)
  // A flat body is an error only by its status.
  if (error === body && status === undefined) return undefined
  return { ...(kind ? { kind } : {}), ...(message === undefined ? {} : { message }), ...(status ? { status } : {}) }
}

/**
 * Who answered, as an error body's own keys and strings tell (Google's `details` name `type.googleapis.com`,
 * GitHub's bodies link `docs.github.com`). Only a few levels and strings are looked at.
 */
function bodyOrigin(body: Json): Origin | undefined {
  const strings: string[] = []
  const collect = (value: unknown, depth: number): void => {
    if (strings.length >= 64 || depth > 4) return
    if (typeof value === 'string') strings.push(value.slice(0, 200))
    else if (Array.isArray(value)) for (const item of value.slice(0, 8)) collect(item, depth + 1)
    else if (obj(value))
      for (const [key, item] of Object.entries(value as Json).slice(0, 16)) {
        strings.push(key)
        collect(item, depth + 1)
      }
  }
  collect(body, 0)
  return originOf(strings.join(' '))
}

// The runner's own word that a step failed.
const RUNNER_FAILED = /\bProcess completed with exit code [1-9]/
// The prefix GitHub puts on every line of a downloaded job log.
const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z ?/
// Workflow commands and the runner's own markers; the text after them is kept.
const MARKER =
  /^(?:##\[(?:error|warning|notice|debug|group|endgroup|command)\]|::(?:error|warning|notice|debug)(?: [^:]{0,400})?::)/
// A member of pretty-printed JSON: `  "message": "…",`.
const JSON_MEMBER = /^\s{0,200}"[^"\\]{1,80}"\s{0,2}:\s{0,2}["{[\d tfn-]/
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
  // Only a line that looks escaped is unescaped (a real path such as C:\new stays as it is), and not a
  // line of JSON or a member of pretty-printed JSON, whose escapes are their own; JSON cut short is text again.
  if (
    /\\u[0-9a-fA-F]{4}|\\n|\\"/.test(line) &&
    !JSON_MEMBER.test(line) &&
    (!/^\s*[[{]/.test(line) || parseJson(line) === undefined)
  ) {
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

/** Wrapped lines are joined to find a phrase split over them, within this much of a run of lines. */
const JOINED_CHARS = 256 * 1024
/** JSON inside JSON is followed this deep: a /bug report's error strings hold a client's JSON, which holds its own. */
const MAX_VALUE_DEPTH = 10
/** Pretty-printed JSON is followed this deep; a deeper block is read as text. */
const MAX_JSON_NESTING = 64
/** Parsing pretty-printed blocks costs at most this many characters per character of text, and this many more. */
const JSON_PARSE_BUDGET = { perChar: 8, extra: 1024 * 1024 }

export interface SavedLog {
  observation: Observation
  outcome: ProcessOutcome
}

/** A line of text after the paste's wrappers are undone, with what its marker said. */
interface TextLine {
  text: string
  /** A `##[error]` or `::error::` marker stood before it. */
  marked: boolean
  /** Inside a Markdown code fence. */
  fenced: boolean
  /** In a Markdown quote, or all of it code in backticks: text pasted as a code block is. */
  quoted: boolean
  /** A sentence of prose (never inside a fence). */
  prose: boolean
  /** In a bug report's section that says what happened: its sentences report the failure. */
  reports: boolean
  /** An issue's title that reports a failure (see `reportingTitle`). */
  title?: boolean
  /** A first line that reports a failure, as a title copied with or without its `#`. */
  headline?: boolean
}

/** A sentence that shows what comes next: it ends on a colon, or names `the following error`, `I got the following.` */
const INTRODUCES =
  /[:：]\s{0,3}$|\bthe following (?:error|errors|output|message|messages|log|logs)\b|\bthe following(?:[.:](?:\s|$)|\s{0,3}$)|\b(?:get|got|getting|see|saw|seeing|receive[ds]?|receiving) (?:this|these)(?:[.:](?:\s|$)|\s{0,3}$)/i

/** Words that ask for a setting, not report a failure: `… needs to be configurable`. */
const ASKS_FOR_SETTING =
  /\b(?:needs? to be|should be|must be|make (?:it|this|them)) (?:configurable|adjustable|customi[sz]able|overridable|optional)\b/i

/** A reproduction step that gives what came of it: `5. Actual: 401 …`, `- **Result:** …`. */
const ACTUAL_STEP =
  /^\s{0,8}(?:\d{1,3}[.)]\s{1,3}|[-*]\s{1,3}|)(?:\*\*|)(?:Actual(?: result| behaviou?r| output|)|Observed(?: result| behaviou?r|)|Result)(?:\*\*|)\s{0,2}:/i

/** A line that is only an image: `<img … />`, `![Image](…)`. */
const IMAGE_LINE = /^\s{0,8}(?:<img\s[^>]{0,2000}>|!\[[^\]]{0,200}\]\([^)\s]{1,2000}\))\s{0,4}$/i

/** A Markdown quote's marker, nested or not (`> `, `>> `). */
const BLOCKQUOTE = /^\s{0,3}>{1,3}\s?/
/** A line of Claude Code's terminal, by the glyphs only it prints before a line (`⎿ API Error …`, `✻ 401 … · Retrying`). */
const TERMINAL_LINE = /^\s{0,8}[⎿⏺✻]\s/
/** A line that is all one span of code in backticks. */
const CODE_LINE = /^\s{0,8}`[^`]{1,2000}`\s{0,4}$/

// A fence that opens or closes a Markdown code block, with its language.
const FENCE = /^\s{0,8}```[\w+-]{0,20}\s{0,8}$/
/** A block of changes or settings (```diff, ```yaml): source a person wrote, not output a run printed. */
const SOURCE_FENCE = /^\s{0,8}```(?:diff|patch|ya?ml|toml|ini)\s{0,8}$/i

/** The row under a Markdown table's head (`| --- | :-: |`). */
const isTableRule = (line: string): boolean => line.includes('---') && line.includes('|') && /^[|:\-\s]{5,400}$/.test(line)

/** A container's name before each line, as `docker compose logs` prints it: `runner-1  | …`. */
const SERVICE_PREFIX = /^([\w.-]{1,60})\s{1,30}\|\s?/
/** A line's number before it, as an editor or a log viewer copies it: `12 …` (the one space after it; the rest is the line's). */
const NUMBER_PREFIX = /^\s{0,6}(\d{1,6})[ \t]/

/**
 * The lines without the prefix a viewer put before each of them (a container's name, a line number), when
 * nearly every line has the same one: wrapped lines and pretty-printed JSON read as they were printed.
 */
function withoutLinePrefix(raws: string[]): string[] {
  const lines = raws.filter((line) => line.trim() !== '')
  if (lines.length < 2) return raws
  const most = (count: number): boolean => count >= 2 && count >= 0.9 * lines.length
  const service = SERVICE_PREFIX.exec(lines[0])?.[1]
  if (service !== undefined && most(lines.filter((line) => SERVICE_PREFIX.exec(line)?.[1] === service).length)) {
    return raws.map((line) => (SERVICE_PREFIX.exec(line)?.[1] === service ? line.replace(SERVICE_PREFIX, '') : line))
  }
  const numbers = lines.map((line) => Number(NUMBER_PREFIX.exec(line)?.[1] ?? NaN))
  if (most(numbers.filter((n, i) => i > 0 && n === numbers[i - 1] + 1).length + 1)) {
    return raws.map((line) => line.replace(NUMBER_PREFIX, ''))
  }
  return raws
}

/**
 * The lines of a text; `fromField`, it is a string field of JSON (an error's message), which no person
 * wrote as prose. A Markdown table's rows in sentences are a person's writing, as prose is; an HTML
 * comment (an issue form's hint) is not shown at all.
 */
function textLinesOf(text: string, fromField = false): TextLine[] {
  const lines: TextLine[] = []
  const raws = withoutLinePrefix(text.replace(/\r\n?/g, '\n').split('\n'))
  const table = !fromField && raws.some(isTableRule)
  const advice = table && raws.some((line, i) => ADVICE_HEAD.test(line) && isTableRule(raws[i + 1] ?? ''))
  let fenced = false
  let source = false
  let comment = false
  // A bug report's opening paragraph, before its first heading, says what happened.
  let reports = !fromField && raws.some((line) => BUG_REPORT_HEADING.test(line) && SECTION_HEADING.test(line))
  let expected = false
  let reproduction = false
  // The line before introduced what the writer got: `I got the dreaded message:`.
  let introduces = false
  let first = !fromField
  for (const raw of raws) {
    // A Markdown quote's marker is not the text's: a quoted error reads as a pasted one does.
    const quote = !fenced && !fromField && BLOCKQUOTE.test(raw)
    const { lines: unwrapped, failure } = unwrapLine(quote ? raw.replace(BLOCKQUOTE, '') : raw)
    for (const line of unwrapped) {
      if (!line.includes('```')) {
        if (!fenced && !fromField && line.includes('<!--')) comment = true
        const heading = !fenced && !fromField && SECTION_HEADING.test(line)
        if (heading) {
          reports = WHAT_HAPPENED_HEADING.test(line)
          expected = EXPECTED_HEADING.test(line)
          reproduction = REPRODUCTION_HEADING.test(line)
        }
        // A step of the reproduction that says what came of it (`4. Get error: …`, `When I add it I get …`),
        // and the line a step introduced (`… it shows:`), report what happened.
        const step: boolean =
          reproduction &&
          !heading &&
          !fenced &&
          (reportsFailure(line) || speaksOfOwnRun(line) || introduces || ACTUAL_STEP.test(line))
        // What a comment says is not shown at all, nor what a report says should happen or how to make it
        // happen, unless it shows a failure or a retry.
        const hidden: boolean =
          (expected || (reproduction && !step)) && !heading && !fenced && !failureSign(line) && !(reproduction && retrySign(line))
        const shown: string = comment || hidden || source ? '' : line
        if (comment && line.includes('-->')) comment = false
        const written = table && (advice ? ANY_TABLE_ROW.test(shown) : sentenceRow(shown))
        // A title that asks for a setting (`… timeout needs to be configurable`) is the writer's words, however short.
        const prose = !fenced && !fromField && (written || isProse(shown) || (first && ASKS_FOR_SETTING.test(shown)))
        // What the writer says they got, on the line after they say so (pasted, or quoted in Markdown), is the
        // run's output; so is a line of Claude Code's terminal wherever it stands.
        const pasted = quote || (!fenced && !fromField && (CODE_LINE.test(shown) || TERMINAL_LINE.test(shown)))
        const headline = first && !fenced && reportingTitle(shown)
        // A title with its `#`, or one that says what a run did, makes the whole text a report; a first line
        // without it that is only an error reports that error, as a guide's title may be.
        const title = headline && (/^#\s/.test(shown) || saysWhatRunDid(shown))
        if (shown.trim() !== '') first = false
        const introduced = introduces && (!prose || pasted) && !heading
        // A screenshot between the words and the paste is part of what the writer got, not a line of its own.
        if (shown.trim() !== '' && !IMAGE_LINE.test(shown)) {
          introduces =
            !fenced &&
            !fromField &&
            (INTRODUCES.test(shown) || endsOnCjkReport(shown)) &&
            (speaksOfOwnRun(shown) || reportsFailure(shown))
        }
        lines.push({
          text: shown,
          marked: failure,
          fenced,
          quoted: pasted,
          prose,
          reports: reports || step || introduced || headline,
          ...(title ? { title } : {}),
          ...(headline ? { headline } : {}),
        })
        continue
      }
      if (FENCE.test(line)) {
        fenced = !fenced
        source = fenced && SOURCE_FENCE.test(line)
        lines.push({ text: '', marked: failure, fenced: true, quoted: false, prose: false, reports })
        continue
      }
      // Code on the fence's own line: "```API Error: …```", or a block opened after text.
      const opens = /^\s{0,8}```/.test(line)
      const closes = /```\s{0,8}$/.test(line)
      const code = line.replace(/^\s{0,8}```/, '').replace(/```\s{0,8}$/, '')
      lines.push({ text: code, marked: failure, fenced: fenced || opens || closes, quoted: false, prose: false, reports })
      if (opens !== closes || (opens && code === '')) fenced = !fenced
    }
  }
  return announcingProse(lines)
}

/** A first line as a thread's title is copied without its `#` (a tag may lead it): short, and not a sentence that ends. */
const PLAIN_TITLE = /^\s{0,3}(?:[^\s#>`|{[]|\[[A-Za-z]).{0,158}[^.:;,\s]\s{0,3}$/

/**
 * An issue's title that reports a run's failure: one that says what a run did (`# claude exits with 127`), or
 * that is the error itself (`# HTTP 401 … "x-api-key header is required"`, `# No conversation found with …`).
 */
function reportingTitle(line: string): boolean {
  if (!/^#\s/.test(line) && !PLAIN_TITLE.test(line)) return false
  const title = line.replace(/^#\s{1,4}/, '')
  return (
    reportsFailure(title) ||
    (!talksOfChange(title) &&
      !isProse(title) &&
      (statusIn(title) !== undefined || kindIn(title) !== undefined || namesCause(title)))
  )
}

/**
 * A sentence that announces what follows (`… Your error:`) and is followed by more of the writer's
 * sentences announced no output: it is prose, and its colon no failure's sign.
 */
function announcingProse(lines: TextLine[]): TextLine[] {
  let next: TextLine | undefined
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]
    if (line.text.trim() === '' && !line.fenced) continue
    if (
      !line.fenced &&
      !line.quoted &&
      !line.prose &&
      /[:：]\s{0,3}$/.test(line.text) &&
      line.text.trim().split(/\s+/).length >= 6 &&
      next?.prose === true &&
      !next.fenced &&
      !next.quoted
    ) {
      lines[i] = { ...line, prose: true }
    }
    next = lines[i]
  }
  return lines
}

// A line that can belong to pretty-printed JSON: it starts as a JSON value or member does.
const JSON_LINE = /^\s{0,200}(?:[{}[\]"\d-]|true\b|false\b|null\b)/

/**
 * Where pretty-printed JSON blocks start and end: one pass over the lines, following brackets outside
 * strings. A block starts a line with its opening bracket and ends a line with its closing one; for each
 * start, the outermost block first. Linear in the text.
 */
function jsonBlocks(lines: readonly TextLine[]): Map<number, number[]> {
  const ends = new Map<number, number[]>()
  const open: { line: number; startsLine: boolean }[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text
    if (!JSON_LINE.test(line)) {
      open.length = 0
      continue
    }
    const first = line.length - line.trimStart().length
    // Only spaces and commas follow this index.
    let rest = line.length
    while (rest > 0 && /[\s,]/.test(line[rest - 1])) rest -= 1
    let inString = false
    for (let j = first; j < line.length; j++) {
      const char = line[j]
      if (inString) {
        if (char === '\\') j += 1
        else if (char === '"') inString = false
      } else if (char === '"') inString = true
      else if (char === '{' || char === '[') {
        open.push({ line: i, startsLine: j === first })
        if (open.length > MAX_JSON_NESTING) open.length = 0
      } else if (char === '}' || char === ']') {
        const opener = open.pop()
        if (opener?.startsLine && opener.line < i && j === rest - 1) {
          const list = ends.get(opener.line) ?? []
          list.push(i)
          ends.set(opener.line, list)
        }
      }
    }
    // JSON strings do not cross lines: this was not JSON.
    if (inString) open.length = 0
  }
  // Outermost first.
  for (const list of ends.values()) list.sort((a, b) => b - a)
  return ends
}

/** The JSON a line carries after a prefix (`[log] {"type":"result",…}`), if any. */
function prefixedJson(line: string): unknown {
  const from = line.search(/\{\s{0,4}"/)
  if (from <= 0) return undefined
  const whole = parseJson(line.slice(from))
  if (whole !== undefined) return whole
  const to = line.lastIndexOf('}')
  return to > from ? parseJson(line.slice(from, to + 1)) : undefined
}

class SavedLogReader {
  readonly observer: AttemptObserver
  /** A marker, an error body or an error repr said the run failed. */
  failure = false
  /** The runner said so (`##[error]`, `Process completed with exit code 1`): no later line unsays it. */
  marked = false
  /** How many lines and values were read, and when the last showed a failure, a retry, a success. */
  private count = 0
  private lastTrouble = 0
  private lastRetry = 0
  private lastSuccess = 0
  /** The text is prose about a run: its lines outside code fences are quoted. */
  private readonly prose: boolean
  /** Who answered, as the whole text tells: it answered with the error bodies too. */
  private readonly origin: Origin | undefined
  /**
   * The run of consecutive text lines being gathered, for phrases wrapped over them: each line with how
   * many line clues there were once it was read (to place a joined phrase).
   */
  private run: { text: string; plain: boolean; cluesAfter: number }[] = []
  /** Lines before this index have left the run's window (dropped by index: shifting an array is linear). */
  private runStart = 0
  private runChars = 0
  private parseBudget: number

  constructor(options: { prose: boolean; origin?: Origin; size: number }) {
    this.observer = new AttemptObserver('stream-json', {
      lineSource: 'log',
      ...(options.origin ? { origin: options.origin } : {}),
    })
    this.prose = options.prose
    this.origin = options.origin
    this.parseBudget = options.size * JSON_PARSE_BUDGET.perChar + JSON_PARSE_BUDGET.extra
  }

  event(message: Json): void {
    this.observer.addLine('stdout', JSON.stringify(message))
  }

  clue(clue: Clue): void {
    this.observer.addClue(clue)
  }

  /**
   * Any JSON value: messages become events, error bodies clues (structured, or placed as the line that
   * carried them), and strings are read as text (JSON inside JSON) unless a line carried them.
   */
  value(value: unknown, depth = 0, place?: Place, retried = false): void {
    if (depth > MAX_VALUE_DEPTH) return
    if (Array.isArray(value)) {
      for (const item of value) this.value(item, depth + 1, place, retried)
      return
    }
    if (isMessage(value)) return this.event(value)
    const error = apiError(value)
    if (error) {
      const origin = this.origin ?? bodyOrigin(value as Json)
      const clue: Clue = {
        source: 'log',
        status: error.status,
        ...(error.kind === undefined ? {} : { kind: error.kind }),
        text: error.message,
        ...(place ? { place } : {}),
        ...(origin ? { origin } : {}),
      }
      // An error body in a retry notice is a retry, not the error that ended the run.
      if (retried) this.observer.addRetryClue(clue)
      else {
        this.failure = true
        this.lastTrouble = ++this.count
        this.clue(clue)
      }
    }
    const object = obj(value)
    if (object) {
      for (const item of Object.values(object)) this.value(item, depth + 1, place, retried)
      return
    }
    // The strings of JSON inside a line were read with that line; an error that says it did no harm is
    // not read, nor its stack. JSON in a string is read item by item, each error judged on its own.
    if (
      typeof value === 'string' &&
      place === undefined &&
      (/^\s{0,8}[[{]/.test(value) || !saysHarmless(value.split('\n', 1)[0]))
    ) {
      this.read(textLinesOf(value, true), depth + 1)
    }
  }

  private parse(lines: readonly TextLine[], from: number, to: number): unknown {
    let chars = 0
    for (let i = from; i <= to; i++) chars += lines[i].text.length + 1
    if (chars > this.parseBudget) return undefined
    this.parseBudget -= chars
    return parseJson(
      lines
        .slice(from, to + 1)
        .map((line) => line.text)
        .join('\n'),
    )
  }

  /** Text, line by line: JSON lines and pretty-printed blocks are parsed, the rest is read as output. */
  read(lines: readonly TextLine[], depth = 0): void {
    const blocks = jsonBlocks(lines)
    for (let i = 0; i < lines.length; i++) {
      const { text: line, marked, fenced, reports } = lines[i]
      // A sentence that says what happened in a bug report is read as the report's own line.
      const prose = lines[i].prose && !reports
      if (marked) this.failure = this.marked = true
      if (RUNNER_FAILED.test(line)) this.marked = true
      // In prose, only code blocks, report lines and Claude Code's own terminal lines are the run's output.
      const quoted = prose || (this.prose && !fenced && !reports && !TERMINAL_LINE.test(line))
      const trimmed = line.trim()
      if (!quoted && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
        const single = parseJson(trimmed)
        const block = single === undefined ? this.blockAt(lines, i, blocks) : { value: single, end: i }
        if (block !== undefined) {
          this.endRun()
          this.value(block.value, depth + 1)
          i = block.end
          continue
        }
      }
      const repr = quoted ? undefined : reprEvent(line)
      if (repr) {
        this.endRun()
        this.event(repr)
        continue
      }
      this.textLine(line, prose ? 'prose' : quoted ? 'quoted' : 'plain')
      const inner = quoted ? undefined : prefixedJson(line)
      // An error body printed inside a line weighs as that line does: it is one of the log's errors, in order.
      if (inner !== undefined) {
        this.value(inner, depth + 1, failureSign(line) ? 'marker' : 'output', this.observer.lastLineWasRetry)
      }
    }
    this.endRun()
  }

  /** The pretty-printed block that starts at line `i`, parsed, with the line it ends on. */
  private blockAt(
    lines: readonly TextLine[],
    i: number,
    blocks: Map<number, number[]>,
  ): { value: unknown; end: number } | undefined {
    for (const end of blocks.get(i) ?? []) {
      const value = this.parse(lines, i, end)
      if (value !== undefined) return { value, end }
    }
    return undefined
  }

  /**
   * The run recovered: its last trouble was a retry, and a success came after it. A wrapper that prints
   * "completed" after a hard failure (`claude: not found`, then `✅ done`) has not recovered from it.
   */
  get recovered(): boolean {
    return this.lastRetry > this.lastTrouble && this.lastSuccess > this.lastRetry
  }

  private textLine(line: string, hint: LineHint): void {
    this.observer.addLine('stdout', line, hint)
    this.count += 1
    if (this.observer.lastLineWasRetry) this.lastRetry = this.count
    else if (this.observer.lastLineWasTrouble) this.lastTrouble = this.count
    else if (hint === 'plain' && (SUCCESS_SIGN.test(line) || RESUMED.test(line))) this.lastSuccess = this.count
    // In-run retries are weighed as retries, not read again; a blank line, code, a table's row or a heading ends a run.
    if (this.observer.lastLineWasRetry || line.trim() === '' || isInert(line) || standsAlone(line)) {
      this.endRun()
      return
    }
    const text = readable(line)
      .trim()
      .replace(/\s{2,}/g, ' ')
    this.run.push({ text, plain: hint === 'plain', cluesAfter: this.observer.observation.lineClues.length })
    this.runChars += line.length + 1
    while (this.runChars > JOINED_CHARS && this.run.length - this.runStart > 1) {
      this.runChars -= this.run[this.runStart].text.length + 1
      this.runStart += 1
    }
    if (this.runStart > 1024 && this.runStart * 2 > this.run.length) {
      this.run = this.run.slice(this.runStart)
      this.runStart = 0
    }
  }

  /**
   * Wrapped lines: a phrase a narrow terminal or a paste split over lines is found in the run of lines
   * joined with spaces, or glued without them where a word was split. It takes its place among the line
   * clues after the last line it spans, and weighs as prose only when every line it spans is prose.
   */
  private endRun(): void {
    if (this.run.length === 0) return
    const lines = this.run.slice(this.runStart)
    this.run = []
    this.runStart = 0
    this.runChars = 0
    if (lines.length < 2) return
    for (const glue of [' ', '']) {
      const text = lines.map((line) => line.text).join(glue)
      const plain = lines
        .filter((line) => line.plain)
        .map((line) => line.text)
        .join(glue)
      const sign = failureSign(plain)
      const found = this.joinedClue(text, (from, to) => {
        let at = 0
        const spanned = lines.filter((line) => {
          const overlaps = at < to && at + line.text.length > from
          at += line.text.length + glue.length
          return overlaps
        })
        // A phrase within one line is that line's clue already.
        if (spanned.length < 2) return undefined
        const place: Place = spanned.every((line) => !line.plain) ? 'prose' : sign ? 'marker' : 'output'
        return { place, at: spanned[spanned.length - 1].cluesAfter }
      })
      if (found) {
        this.observer.addClue(found.clue, found.at)
        return
      }
      if (sign) this.observer.addFailureLine({ source: 'log', text: clip(plain), place: 'marker' })
    }
  }

  /** The first catalogue phrase in a joined text that spans lines, with its place and where it goes. */
  private joinedClue(
    text: string,
    spanOf: (from: number, to: number) => { place: Place; at: number } | undefined,
  ): { clue: Clue; at: number } | undefined {
    for (const cause of CATALOGUE) {
      for (const pattern of cause.recognise.patterns ?? []) {
        const match = pattern.exec(text)
        const span = match ? spanOf(match.index, match.index + match[0].length) : undefined
        if (!match || !span) continue
        const from = Math.max(0, match.index - 120)
        const snippet = text.slice(from, match.index + match[0].length + 120)
        // The status and kind the wrapped lines show belong to the same error.
        const status = statusIn(snippet)
        const kind = kindIn(snippet)
        return {
          clue: {
            source: 'log',
            text: `${from > 0 ? '…' : ''}${snippet}${from + snippet.length < text.length ? '…' : ''}`,
            ...(status === undefined ? {} : { status }),
            ...(kind ? { kind } : {}),
            place: span.place,
          },
          at: span.at,
        }
      }
    }
    return undefined
  }
}

/**
 * A pasted line (in a code block or a quote, or a title that is the error itself) that shows a failure or
 * names a cause, or an error pasted bare between the writer's sentences, with its status and type
 * (`HTTP 401 … {"type":"authentication_error",…}`) or opening its body (`Internal error: {`): a report
 * pastes such lines.
 */
const pastesFailure = (line: TextLine): boolean =>
  line.fenced || line.quoted || line.headline === true
    ? failureSign(line.text) || statusIn(line.text) !== undefined || kindIn(line.text) !== undefined || namesCause(line.text)
    : !line.prose &&
      ((statusIn(line.text) !== undefined && kindIn(line.text) !== undefined) ||
        (failureSign(line.text) && /[{[]\s{0,3}$/.test(line.text)))

/**
 * Reads a saved log and says how its run ended. A log's own result decides when it has one. Otherwise
 * the run failed when the text shows any sign of failure: a marker, an error body, an error line, an exit
 * status, a signal, a stack frame, or a line of output that names a cause. Prose is not a log: a text that
 * describes a change (a pull request, a changelog, a reply) is not a failed run, whatever errors it
 * quotes, and in other prose only the lines that show a failure themselves, or the pasted code blocks, count.
 */
export function readSavedLog(text: string, exitCode?: number): SavedLog {
  const whole = text.trim()
  const parsed = whole.startsWith('[') || whole.startsWith('{') ? parseJson(whole) : undefined
  const lines = parsed === undefined ? textLinesOf(text) : []
  const kind = documentKind(lines, lines.some(pastesFailure))
  const origin = lines.some((line) => !line.prose && originOf(line.text) === 'cloud') ? 'cloud' : undefined
  const reader = new SavedLogReader({ prose: kind === 'prose', origin, size: text.length })
  if (parsed !== undefined) reader.value(parsed)
  else if (kind !== 'change') reader.read(lines)
  const { observation } = reader.observer
  // Prose counts in a log when it reports what the run printed ("it returns `Invalid API key`"); in a
  // document of prose, only when the writer says somewhere that it happened to them ("I keep getting …"), or
  // when its title says what a run did.
  const own = kind === 'log' || lines.some((line) => line.title === true) || writerReportsOwnFailure(lines, true)
  const shown = observation.lineClues.some((clue) => clue.place !== 'prose' || (own && reportsFailure(clue.text ?? '')))
  const failed = observation.result
    ? observation.result.isError || (reader.failure && shown)
    : reader.marked ||
      (!reader.recovered &&
        (reader.failure ||
          shown ||
          observation.failureLines.length > 0 ||
          observation.resultClues.length > 0 ||
          observation.retryClues.length > 0))
  return {
    observation,
    outcome: { exitCode: exitCode ?? (failed ? 1 : 0), signal: null },
  }
}

// Removes credentials from any text the action writes. A known secret is removed wherever it appears,
// and so is any piece of it of MIN_PIECE characters or more: a key cut by a line break, a space or a
// colour code is still a key. Anything shaped like an Anthropic token (`sk-ant-…`) is cut to its prefix,
// so a key the action was never told about does not leak either. Text is read as a screen shows it:
// colour codes, other control characters and zero-width characters are looked through, and a known
// secret is also found across spaces and line breaks. Every scan is linear, with no pattern that could
// run out of stack on a long line.

const TOKEN_PREFIX = 'sk-ant-'
/** Characters after the prefix that make a token: fewer is a word such as `sk-ant-api`. */
const MIN_TOKEN_CHARS = 6
/** Shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 8
/** The shortest piece of a known secret that is removed. */
export const MIN_PIECE = 12
/**
 * Pieces are found by looking up GRAM characters every STRIDE characters: any piece of MIN_PIECE
 * characters holds one of those lookups whole.
 */
const GRAM = 4
const STRIDE = MIN_PIECE - GRAM + 1
const MASK = '***'
/** Longer text is read in parts of about this many characters, cut at a line break, so memory stays small. */
const PART_CHARS = 1024 * 1024

/** What can hide a key from a plain byte search: escape (colours), backspace, NUL, a JSON escape. */
const HIDING = [0x1b, 0x08, 0x00, '\\u']

/** The kind prefix of an Anthropic key (`sk-ant-api03-`) is the same in every key: no secret in it. */
const publicPrefixLength = (secret: string): number => /^sk-ant-[a-z]{1,16}\d{0,4}-/.exec(secret)?.[0].length ?? 0

/** Where a gram of GRAM units stands in a secret. */
interface Occurrence<S> {
  secret: S
  at: number
  publicLength: number
}

/**
 * The piece of the secret around `q` of `text`, where the secret's gram at `at` stands: the common run,
 * grown both ways, when it is the whole secret, or MIN_PIECE long, past the public prefix and varied.
 */
function pieceAround<T extends ArrayLike<unknown>>(
  text: T,
  q: number,
  { secret, at, publicLength }: Occurrence<T>,
): Stretch | undefined {
  let start = q
  let from = at
  while (start > 0 && from > 0 && text[start - 1] === secret[from - 1]) {
    start--
    from--
  }
  let end = q + GRAM
  let to = at + GRAM
  while (end < text.length && to < secret.length && text[end] === secret[to]) {
    end++
    to++
  }
  if (from === 0 && to === secret.length) return { start, end }
  return end - start >= MIN_PIECE && to > publicLength && varied(text, start, end) ? { start, end } : undefined
}

/**
 * A piece with fewer different characters than this says nothing of a key (a run of zeros in a made-up
 * key), and would hide ordinary numbers such as a cost of 0.00016800000000000002.
 */
const MIN_DIFFERENT_CHARS = 6

function varied<T extends ArrayLike<unknown>>(text: T, start: number, end: number): boolean {
  const seen = new Set<unknown>()
  for (let i = start; i < end && seen.size < MIN_DIFFERENT_CHARS; i++) seen.add(text[i])
  return seen.size >= MIN_DIFFERENT_CHARS
}

/** Every gram of each secret, by gram. */
class Grams<K, S extends ArrayLike<unknown>> {
  readonly byGram = new Map<K, Occurrence<S>[]>()

  add(secret: S, publicLength: number, gramAt: (at: number) => K): void {
    for (let at = 0; at + GRAM <= secret.length; at++) {
      const gram = gramAt(at)
      const list = this.byGram.get(gram) ?? []
      list.push({ secret, at, publicLength })
      this.byGram.set(gram, list)
    }
  }
}

const FILTER_BITS = 16
const slotOf = (gram: number): number => Math.imul(gram, 0x9e3779b1) >>> (32 - FILTER_BITS)

/**
 * A cheap look for pieces of the secrets in bytes, for the live output: one lookup every STRIDE bytes
 * in a small filter of the secrets' grams; the few it lets through are checked for a whole piece.
 */
class PieceFilter {
  private readonly bits = new Uint32Array(2 ** FILTER_BITS / 32)
  private readonly grams = new Grams<number, Buffer>()

  add(secret: string): void {
    const bytes = Buffer.from(secret)
    this.grams.add(bytes, publicPrefixLength(secret), (at) => bytes.readUInt32LE(at))
    for (const gram of this.grams.byGram.keys()) this.bits[slotOf(gram) >>> 5] |= 1 << (slotOf(gram) & 31)
  }

  foundIn(bytes: Buffer): boolean {
    if (this.grams.byGram.size === 0) return false
    const { bits } = this
    const last = bytes.length - GRAM
    for (let q = 0; q <= last; q += STRIDE) {
      const slot = slotOf(bytes[q] | (bytes[q + 1] << 8) | (bytes[q + 2] << 16) | (bytes[q + 3] << 24))
      if ((bits[slot >>> 5] & (1 << (slot & 31))) !== 0 && this.pieceAt(bytes, q)) return true
    }
    return false
  }

  private pieceAt(bytes: Buffer, q: number): boolean {
    const occurrences = this.grams.byGram.get(bytes.readUInt32LE(q)) ?? []
    return occurrences.some((occurrence) => pieceAround(bytes, q, occurrence) !== undefined)
  }
}

// What follows the escape character in an escape sequence (a colour, a cursor move).
const ESCAPE_SEQUENCE = /\[[0-?]{0,32}[ -/]{0,8}[@-~]|[@-_]/y
const JSON_ESCAPE = /^\\u[0-9A-Fa-f]{4}$/
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const ANY_HIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]/

/**
 * Characters a screen does not show: control characters but tab and line breaks (as `readable` drops
 * them), and zero-width ones.
 */
const isHidden = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
  code === 0x7f ||
  (code >= 0x200b && code <= 0x200d) ||
  code === 0x2060 ||
  code === 0xfeff

const isSpace = (code: number): boolean =>
  code === 0x20 ||
  code === 0x09 ||
  code === 0x0a ||
  code === 0x0d ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000

const UTF16 = new TextDecoder('utf-16le')

const isTokenChar = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x61 && code <= 0x7a) ||
  code === 0x2d ||
  code === 0x5f

/**
 * Text as the redactor reads it. Compact: the characters a screen shows, without spaces and line
 * breaks, each with the stretch of the text it comes from and whether a space or line break came before
 * it. A JSON escape (`\u0061`, `\u001b[31m`) reads as what it stands for, as in a stream-json line, where a
 * colour inside a key is escaped. Otherwise the text as it is.
 */
class View {
  private constructor(
    readonly chars: string,
    private readonly places?: { starts: Int32Array; ends: Int32Array; spaces: Uint8Array },
  ) {}

  static of(text: string, compact: boolean): View {
    if (!compact) return new View(text)
    const codes = new Uint16Array(text.length)
    const starts = new Int32Array(text.length)
    const ends = new Int32Array(text.length)
    const spaces = new Uint8Array(text.length)
    let count = 0
    let space = false
    for (let i = 0; i < text.length;) {
      let code = text.charCodeAt(i)
      let next = i + 1
      if (code === 0x5c && text.charCodeAt(next) === 0x5c) next++
      else if (code === 0x5c && JSON_ESCAPE.test(text.slice(i, i + 6))) {
        code = Number.parseInt(text.slice(i + 2, i + 6), 16)
        next = i + 6
      }
      if (code === 0x1b) {
        ESCAPE_SEQUENCE.lastIndex = next
        i = ESCAPE_SEQUENCE.test(text) ? ESCAPE_SEQUENCE.lastIndex : next
        continue
      }
      if (isSpace(code)) space = true
      else if (!isHidden(code)) {
        codes[count] = code
        starts[count] = i
        ends[count] = next
        spaces[count] = space ? 1 : 0
        space = false
        count++
      }
      i = next
    }
    const places = { starts: starts.subarray(0, count), ends: ends.subarray(0, count), spaces: spaces.subarray(0, count) }
    return new View(UTF16.decode(codes.subarray(0, count)), places)
  }

  spaceBefore(i: number): boolean {
    return this.places ? this.places.spaces[i] === 1 : false
  }

  /** The stretch of the text that view characters `start` to `end` (excluded) come from. */
  stretch(start: number, end: number): Stretch {
    return this.places ? { start: this.places.starts[start], end: this.places.ends[end - 1] } : { start, end }
  }
}

/** A stretch of text to mask, from `start` to `end` (excluded). */
interface Stretch {
  start: number
  end: number
}

const LINE_BREAK = /(\r\n|\r|\n)/

/** The text with each stretch masked; line breaks inside a stretch stay, so lines keep their count. */
function mask(text: string, stretches: Stretch[]): string {
  if (stretches.length === 0) return text
  stretches.sort((a, b) => a.start - b.start)
  const merged: Stretch[] = []
  for (const stretch of stretches) {
    const last = merged.at(-1)
    if (last && stretch.start <= last.end) last.end = Math.max(last.end, stretch.end)
    else merged.push({ ...stretch })
  }
  const out: string[] = []
  let done = 0
  for (const { start, end } of merged) {
    const parts = text.slice(start, end).split(LINE_BREAK)
    out.push(text.slice(done, start), ...parts.map((part, index) => (index % 2 === 1 || part === '' ? part : MASK)))
    done = end
  }
  out.push(text.slice(done))
  return out.join('')
}

/**
 * Everything shaped like an Anthropic token: the prefix, then at least MIN_TOKEN_CHARS token characters,
 * as far as they go on screen without a space or line break. Only what follows the prefix is masked.
 */
function tokenStretches(view: View): Stretch[] {
  const { chars } = view
  const found: Stretch[] = []
  for (let p = chars.indexOf(TOKEN_PREFIX); p !== -1; p = chars.indexOf(TOKEN_PREFIX, p + 1)) {
    const first = p + TOKEN_PREFIX.length
    let apart = false
    for (let i = p + 1; i < first; i++) apart ||= view.spaceBefore(i)
    if (apart) continue
    let end = first
    while (end < chars.length && isTokenChar(chars.charCodeAt(end)) && !view.spaceBefore(end)) end++
    if (end - first >= MIN_TOKEN_CHARS) found.push(view.stretch(first, end))
    p = Math.max(p, end - 1)
  }
  return found
}

export class Redactor {
  private readonly secrets = new Set<string>()
  /** Secrets too short to have pieces: found whole only. */
  private readonly short: string[] = []
  private readonly grams = new Grams<string, string>()
  private readonly filter = new PieceFilter()

  add(secret: string | undefined): void {
    if (secret === undefined) return
    for (const value of [secret, secret.trim()]) {
      if (value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) continue
      this.secrets.add(value)
      if (value.length < MIN_PIECE) {
        this.short.push(value)
        continue
      }
      this.grams.add(value, publicPrefixLength(value), (at) => value.slice(at, at + GRAM))
      this.filter.add(value)
    }
  }

  redact(text: string): string {
    if (text.length <= PART_CHARS) return this.redactPart(text)
    const parts: string[] = []
    let changed = false
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + PART_CHARS)
      const lineEnd = end < text.length ? text.lastIndexOf('\n', end) : -1
      if (lineEnd > start) end = lineEnd + 1
      const part = text.slice(start, end)
      const clean = this.redactPart(part)
      changed ||= clean !== part
      parts.push(clean)
      start = end
    }
    return changed ? parts.join('') : text
  }

  /**
   * Redacts bytes of text; returns the same buffer, undecoded, when there is nothing to redact. The
   * live output goes through here, so a block is decoded only when a cheap look finds a token's prefix,
   * a secret or a piece of one, or a byte that could hide one.
   */
  redactBytes(bytes: Buffer): Buffer {
    const suspect =
      bytes.includes(TOKEN_PREFIX) ||
      HIDING.some((hider) => bytes.includes(hider)) ||
      this.short.some((secret) => bytes.includes(secret)) ||
      this.filter.foundIn(bytes)
    if (!suspect) return bytes
    const text = bytes.toString('utf8')
    const clean = this.redact(text)
    return clean === text ? bytes : Buffer.from(clean)
  }

  /**
   * Redacts every string inside a JSON-like value. The lines of a string array are read together, so a
   * key wrapped over two lines is still found.
   */
  redactDeep<T>(value: T): T {
    return this.redactValue(value) as T
  }

  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value)
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((item) => typeof item === 'string')) {
        const lines = this.redact(value.join('\n')).split('\n')
        if (lines.length === value.length) return lines
      }
      return value.map((item) => this.redactValue(item))
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]))
    }
    return value
  }

  private redactPart(text: string): string {
    // A known secret may be cut by a space or a line break; a token only by what does not show.
    const compact = this.grams.byGram.size > 0 || this.short.length > 0 || ANY_HIDDEN.test(text) || text.includes('\\u')
    const view = View.of(text, compact)
    return mask(text, [...this.secretStretches(view), ...tokenStretches(view)])
  }

  /** Known secrets, whole or in pieces. */
  private secretStretches(view: View): Stretch[] {
    const { chars } = view
    const found: Stretch[] = []
    for (const secret of this.short) {
      for (let i = chars.indexOf(secret); i !== -1; i = chars.indexOf(secret, i + secret.length)) {
        found.push(view.stretch(i, i + secret.length))
      }
    }
    for (let q = 0; q + GRAM <= chars.length; q += STRIDE) {
      const occurrences = this.grams.byGram.get(chars.slice(q, q + GRAM)) ?? []
      let furthest = q
      for (const occurrence of occurrences) {
        const piece = pieceAround(chars, q, occurrence)
        if (!piece) continue
        found.push(view.stretch(piece.start, piece.end))
        furthest = Math.max(furthest, piece.end)
      }
      // What is masked already need not be looked up again.
      q += Math.floor((furthest - q) / STRIDE) * STRIDE
    }
    return found
  }
}

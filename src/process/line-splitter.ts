// Splits a byte stream into whole lines as it arrives, with bounded memory, and passes them on in blocks
// of bytes: all the whole lines of a chunk at once, each ending in `\n`. A chatty child then costs one
// call per chunk, not one per line, and nothing is decoded that nobody reads (a newline byte never occurs
// inside a UTF-8 character, so a block always decodes whole). A line longer than the limit is passed on
// in pieces. Each block says whether it is the input's bytes as they came (`verbatim`), so that a copy of
// the input already on disk can stand for them.

/** Longest line kept whole (a big stream-json event); longer ones are passed on in pieces. */
const LINE_PIECE_BYTES = 16 * 1024 * 1024
const NEWLINE = 0x0a

export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0

  /**
   * `onLines` gets one or more whole lines, each ending in `\n`, and whether they are the input's next
   * bytes unchanged: not so for the pieces of a long line, nor for a last line given a newline at the end.
   */
  constructor(
    private readonly onLines: (lines: Buffer, verbatim: boolean) => void,
    private readonly maxLineBytes = LINE_PIECE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    const last = chunk.lastIndexOf(NEWLINE)
    if (last === -1) {
      this.keep(chunk)
      return
    }
    // Only the line that began in an earlier chunk is copied together; the rest passes on as it is.
    const first = this.pendingBytes === 0 ? -1 : chunk.indexOf(NEWLINE)
    if (first !== -1) this.emit(Buffer.concat([...this.takePending(), chunk.subarray(0, first + 1)]))
    if (first < last) this.emit(chunk.subarray(first + 1, last + 1))
    if (last + 1 < chunk.length) this.keep(chunk.subarray(last + 1))
  }

  end(): void {
    if (this.pendingBytes > 0) this.onLines(Buffer.concat([...this.takePending(), Buffer.from('\n')]), false)
  }

  private emit(lines: Buffer): void {
    const long = hasLineLongerThan(lines, this.maxLineBytes)
    this.onLines(long ? cutLongLines(lines, this.maxLineBytes) : lines, !long)
  }

  private keep(part: Buffer): void {
    this.pending.push(part)
    this.pendingBytes += part.length
    while (this.pendingBytes >= this.maxLineBytes) {
      const line = Buffer.concat(this.takePending())
      this.onLines(Buffer.concat([line.subarray(0, this.maxLineBytes), Buffer.from('\n')]), false)
      if (line.length > this.maxLineBytes) this.keep(line.subarray(this.maxLineBytes))
    }
  }

  private takePending(): Buffer[] {
    const parts = this.pending
    this.pending = []
    this.pendingBytes = 0
    return parts
  }
}

/**
 * Whether a line of the block is longer than `max` bytes. It jumps from the last newline within `max`
 * bytes of a line's start to the next, so a block of short lines costs one search per `max` bytes, not
 * one per line, and nothing at all for a block no longer than `max`.
 */
export function hasLineLongerThan(block: Buffer, max: number): boolean {
  for (let start = 0; block.length - start > max;) {
    const end = block.lastIndexOf(NEWLINE, start + max)
    if (end < start) return true
    start = end + 1
  }
  return false
}

/** Each line over `max` bytes becomes pieces of `max`, one per line. */
function cutLongLines(block: Buffer, max: number): Buffer {
  const pieces: Buffer[] = []
  for (let start = 0; start < block.length;) {
    const end = block.indexOf(NEWLINE, start)
    for (let at = start; at < end; at += max) pieces.push(block.subarray(at, Math.min(at + max, end)), Buffer.from('\n'))
    if (end === start) pieces.push(Buffer.from('\n'))
    start = end + 1
  }
  return Buffer.concat(pieces)
}

/** The lines of a block as text, without their newlines and a `\r` before them. */
export function textLines(block: Buffer): string[] {
  const text = block.toString('utf8')
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return text.includes('\r') ? lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line)) : lines
}

// Splits a byte stream into text lines as it arrives, with bounded memory: a line longer than the limit
// is passed on in pieces. Invalid UTF-8 becomes U+FFFD; a trailing `\r` is dropped.
import { StringDecoder } from 'node:string_decoder'

/** Longest line kept whole (a big stream-json event); longer ones are passed on in pieces. */
const LINE_PIECE_CHARS = 16 * 1024 * 1024

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = LINE_PIECE_CHARS,
  ) {}

  push(chunk: Buffer): void {
    this.take(this.decoder.write(chunk))
  }

  end(): void {
    this.take(this.decoder.end())
    if (this.pending) this.emit(this.pending)
    this.pending = ''
  }

  private take(text: string): void {
    let start = 0
    let newline = text.indexOf('\n')
    while (newline !== -1) {
      this.emit(this.pending + text.slice(start, newline))
      this.pending = ''
      start = newline + 1
      newline = text.indexOf('\n', start)
    }
    this.pending += text.slice(start)
    while (this.pending.length > this.maxLineChars) {
      this.emit(this.pending.slice(0, this.maxLineChars))
      this.pending = this.pending.slice(this.maxLineChars)
    }
  }

  private emit(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line
    for (let start = 0; start < text.length || start === 0; start += this.maxLineChars) {
      this.onLine(text.slice(start, start + this.maxLineChars))
    }
  }
}

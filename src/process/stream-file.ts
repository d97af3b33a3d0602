// The attempt's raw output on disk. Written synchronously in blocks: memory stays small however much the
// child prints, and reading the child's output never waits for the disk. (Pausing the pipe is no option:
// Claude Code drops output it has not written yet when it exits.)
import { closeSync, openSync, writeSync, writevSync } from 'node:fs'

/** Bytes gathered before they are written out: one write for many short lines. */
const BLOCK_BYTES = 64 * 1024

export class StreamFile {
  private fd: number | undefined
  private failed = false
  private block: Buffer[] = []
  private blockBytes = 0

  constructor(
    readonly path: string,
    private readonly onError: (message: string) => void,
  ) {
    try {
      this.fd = openSync(path, 'w')
    } catch (error) {
      this.fail(error)
    }
  }

  /** False once the file could not be opened or written; the lines are then not kept. */
  get ok(): boolean {
    return !this.failed
  }

  /** Takes one or more whole lines, each ending in `\n`. */
  write(lines: Buffer): void {
    if (this.fd === undefined) return
    this.block.push(lines)
    this.blockBytes += lines.length
    if (this.blockBytes >= BLOCK_BYTES) this.flush()
  }

  close(): void {
    this.flush()
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private flush(): void {
    const buffers = this.block
    this.block = []
    this.blockBytes = 0
    if (this.fd === undefined || buffers.length === 0) return
    try {
      let written = writevSync(this.fd, buffers)
      // A write may take less than it was given; the rest follows.
      for (const buffer of buffers) {
        const from = Math.min(written, buffer.length)
        written -= from
        for (let at = from; at < buffer.length;) at += writeSync(this.fd, buffer, at)
      }
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    this.failed = true
    this.onError(`Cannot write the raw stream to ${this.path}: ${(error as Error).message}`)
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

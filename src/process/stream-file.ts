// The attempt's raw output on disk, redacted. The child's stdout is captured next to it (see
// output-capture.ts), and as long as the raw stream is that capture unchanged, nothing is written twice:
// at the end the capture becomes the stream file. A chatty child then costs one copy of its output on
// disk, not two. Once the raw stream differs from the capture (a line redacted or cut, a line from
// stderr in between), the capture's clean beginning is copied and the rest is written in blocks,
// synchronously: memory stays small however much the child prints, and reading the child's output never
// waits for the disk.
import { closeSync, openSync, readSync, renameSync, truncateSync, writeFileSync, writeSync, writevSync } from 'node:fs'
import { OutputCapture } from './output-capture.js'

/** Bytes gathered before they are written out: one write for many short lines. */
const BLOCK_BYTES = 64 * 1024
/** Bytes copied at a time from the capture. */
const COPY_BYTES = 1024 * 1024

export class StreamFile {
  /**
   * Where the child's stdout is captured (give it to the process); undefined when it cannot be made next
   * to the stream file, and then every line is written.
   */
  readonly capture: OutputCapture | undefined
  private fd: number | undefined
  private failed = false
  private block: Buffer[] = []
  private blockBytes = 0
  /** While the capture is the raw stream: its first bytes that are, and what follows them (`block`). */
  private mirroring: boolean
  private mirrored = 0

  constructor(
    readonly path: string,
    private readonly onError: (message: string) => void,
  ) {
    this.capture = OutputCapture.at(`${path}.partial`)
    this.mirroring = this.capture !== undefined
    if (!this.mirroring) this.open()
  }

  /** False once the file could not be opened or written; the lines are then not kept. */
  get ok(): boolean {
    return !this.failed
  }

  /** Takes lines that are the capture's next bytes, unchanged. */
  mirror(lines: Buffer): void {
    if (this.mirroring && this.blockBytes === 0) {
      this.mirrored += lines.length
      return
    }
    if (this.mirroring) this.stopMirroring()
    this.write(lines)
  }

  /** Takes one or more whole lines, each ending in `\n`, that are not the capture's next bytes as they are. */
  write(lines: Buffer): void {
    if (this.failed) return
    // While mirroring, these lines wait after the capture's clean beginning: if the capture ends here
    // they are appended to it, and only more of it (or many such lines) makes the two part ways.
    this.block.push(lines)
    this.blockBytes += lines.length
    if (this.blockBytes < BLOCK_BYTES) return
    if (this.mirroring) this.stopMirroring()
    this.flush()
  }

  close(): void {
    if (this.mirroring) this.adoptCapture()
    else {
      this.flush()
      this.capture?.dispose()
    }
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  /** The capture, cut to what the raw stream took of it, becomes the stream file, with what followed. */
  private adoptCapture(): void {
    const capture = this.capture as OutputCapture
    this.mirroring = false
    try {
      capture.close()
      truncateSync(capture.path, this.mirrored)
      renameSync(capture.path, this.path)
      if (this.blockBytes > 0) writeFileSync(this.path, Buffer.concat(this.block), { flag: 'a' })
    } catch (error) {
      capture.dispose()
      this.fail(error)
    }
  }

  /**
   * Copies the capture's clean beginning into the stream file, which is written from then on. Only that
   * beginning, never the whole capture then cut: the bytes after it may hold what is being redacted.
   */
  private stopMirroring(): void {
    this.mirroring = false
    this.open()
    const capture = this.capture as OutputCapture
    if (this.fd === undefined) return
    let from: number | undefined
    try {
      from = openSync(capture.path, 'r')
      const buffer = Buffer.allocUnsafe(Math.min(COPY_BYTES, this.mirrored))
      for (let at = 0; at < this.mirrored;) {
        const bytes = readSync(from, buffer, 0, Math.min(buffer.length, this.mirrored - at), at)
        if (bytes === 0) throw new Error(`the capture ${capture.path} ended after ${at} bytes`)
        this.writeAll([buffer.subarray(0, bytes)])
        at += bytes
      }
    } catch (error) {
      this.fail(error)
    } finally {
      if (from !== undefined) closeSync(from)
    }
  }

  private open(): void {
    try {
      this.fd = openSync(this.path, 'w', 0o600)
    } catch (error) {
      this.fail(error)
    }
  }

  private flush(): void {
    const buffers = this.block
    this.block = []
    this.blockBytes = 0
    if (this.fd === undefined || buffers.length === 0) return
    try {
      this.writeAll(buffers)
    } catch (error) {
      this.fail(error)
    }
  }

  private writeAll(buffers: Buffer[]): void {
    let written = writevSync(this.fd as number, buffers)
    // A write may take less than it was given; the rest follows.
    for (const buffer of buffers) {
      const from = Math.min(written, buffer.length)
      written -= from
      for (let at = from; at < buffer.length;) at += writeSync(this.fd as number, buffer, at)
    }
  }

  private fail(error: unknown): void {
    this.failed = true
    this.mirroring = false
    this.block = []
    this.blockBytes = 0
    this.onError(`Cannot write the raw stream to ${this.path}: ${(error as Error).message}`)
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}

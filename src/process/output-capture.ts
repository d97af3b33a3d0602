// The child's output goes to a file that is read back as it grows. A pipe will not do for Claude Code:
// when it exits it drops whatever the pipe could not take at once (seen with 2.1.197 and about 2 MiB of
// output, even with a reader doing nothing else), while a file never makes it wait. So the reader can
// go at its own pace (the job log's) and lose nothing: the file holds what it has not read yet.
import { closeSync, mkdtempSync, openSync, read, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** How often a growing file is checked for more output: the live log lags by at most this. */
const POLL_MS = 25
/** Bytes per read. A read that finds output hands its buffer on (the log may write it later). */
const READ_BYTES = 256 * 1024

export class OutputCapture {
  /** The descriptor to give the child as its stdout; closed in this process once the child has it. */
  readonly writeFd: number
  private readonly readFd: number
  private position = 0
  /** The buffer of a read that found nothing, kept for the next: a quiet child costs no garbage. */
  private spare: Buffer | undefined
  private writerOpen = true
  private closed = false

  /** `ownDir`: the private directory the file is in, removed with it. */
  private constructor(
    readonly path: string,
    private readonly ownDir?: string,
  ) {
    this.writeFd = openSync(path, 'w', 0o600)
    this.readFd = openSync(path, 'r')
  }

  /** A file in a private temporary directory; undefined when none can be made (the caller reads a pipe). */
  static create(name: string): OutputCapture | undefined {
    try {
      const dir = mkdtempSync(join(tmpdir(), `ccg-${name}-`))
      return new OutputCapture(join(dir, name), dir)
    } catch {
      return undefined
    }
  }

  /** A file at `path`, which the caller may keep (see `close`); undefined when it cannot be made. */
  static at(path: string): OutputCapture | undefined {
    try {
      return new OutputCapture(path)
    } catch {
      return undefined
    }
  }

  closeWriter(): void {
    if (this.writerOpen) closeSync(this.writeFd)
    this.writerOpen = false
  }

  /**
   * Passes on what is written as it comes, until `ended` aborts (which wakes it at once); then reads to
   * the end of the file.
   * Before each read it waits for `pace` (the reader's backlog), if given.
   */
  async follow(onChunk: (chunk: Buffer) => void, ended: AbortSignal, pace?: () => Promise<void> | undefined): Promise<void> {
    while (!ended.aborted && !this.closed) {
      await this.readAvailable(onChunk, pace)
      await sleep(POLL_MS, undefined, { signal: ended }).catch(() => undefined)
    }
    await this.readAvailable(onChunk, pace)
  }

  /** Stops reading and leaves the file where it is. */
  close(): void {
    if (this.closed) return
    this.closed = true
    this.closeWriter()
    closeSync(this.readFd)
  }

  /** Stops reading and removes the file. */
  dispose(): void {
    this.close()
    rmSync(this.ownDir ?? this.path, { recursive: true, force: true })
  }

  private async readAvailable(onChunk: (chunk: Buffer) => void, pace?: () => Promise<void> | undefined): Promise<void> {
    while (!this.closed) {
      await pace?.()
      if (this.closed) return
      const buffer = this.spare ?? Buffer.allocUnsafe(READ_BYTES)
      this.spare = undefined
      const bytes = await new Promise<number>((resolve) =>
        read(this.readFd, buffer, 0, READ_BYTES, this.position, (error, count) => resolve(error ? 0 : count)),
      )
      if (bytes === 0) {
        this.spare = buffer
        return
      }
      this.position += bytes
      // A short read is copied out, so that what is kept of it does not hold a whole read buffer.
      onChunk(bytes < READ_BYTES / 4 ? Buffer.from(buffer.subarray(0, bytes)) : buffer.subarray(0, bytes))
    }
  }
}

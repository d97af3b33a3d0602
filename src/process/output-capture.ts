// The child's stdout goes to a private temporary file that is read back as it grows. A pipe will not do
// for Claude Code: when it exits it drops whatever the pipe could not take at once (seen with 2.1.197
// and about 2 MiB of output, even with a reader doing nothing else), while a file never makes it wait.
import { closeSync, mkdtempSync, openSync, read, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** How often a growing file is checked for more output: the live log lags by at most this. */
const POLL_MS = 25
// Under V8's large-object size (128 KiB): the strings decoded from a read then die young, cheaply.
const READ_BYTES = 64 * 1024

export class OutputCapture {
  /** The descriptor to give the child as its stdout; closed in this process once the child has it. */
  readonly writeFd: number
  private readonly readFd: number
  private readonly buffer = Buffer.alloc(READ_BYTES)
  private position = 0
  private disposed = false

  private constructor(private readonly dir: string) {
    const path = join(dir, 'stdout')
    this.writeFd = openSync(path, 'w', 0o600)
    this.readFd = openSync(path, 'r')
  }

  /** Undefined when no temporary file can be made; the caller then reads a pipe. */
  static create(): OutputCapture | undefined {
    try {
      return new OutputCapture(mkdtempSync(join(tmpdir(), 'ccg-output-')))
    } catch {
      return undefined
    }
  }

  closeWriter(): void {
    closeSync(this.writeFd)
  }

  /** Passes on what is written as it comes, until `ended()` holds; then reads to the end of the file. */
  async follow(onChunk: (chunk: Buffer) => void, ended: () => boolean): Promise<void> {
    while (!ended() && !this.disposed) {
      await this.readAvailable(onChunk)
      await sleep(POLL_MS)
    }
    await this.readAvailable(onChunk)
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    closeSync(this.readFd)
    rmSync(this.dir, { recursive: true, force: true })
  }

  private async readAvailable(onChunk: (chunk: Buffer) => void): Promise<void> {
    while (!this.disposed) {
      const bytes = await new Promise<number>((resolve) =>
        read(this.readFd, this.buffer, 0, READ_BYTES, this.position, (error, count) => resolve(error ? 0 : count)),
      )
      if (bytes === 0) return
      this.position += bytes
      onChunk(this.buffer.subarray(0, bytes))
    }
  }
}

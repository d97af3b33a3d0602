// The attempt's raw output on disk. Written synchronously in blocks: memory stays small however much the
// child prints, and reading the child's output never waits for the disk. (Pausing the pipe is no option:
// Claude Code drops output it has not written yet when it exits.)
import { closeSync, openSync, writeFileSync } from 'node:fs'

/** Characters gathered before they are written out; under V8's large-object size, so they die young. */
const BLOCK_CHARS = 64 * 1024

export class StreamFile {
  private fd: number | undefined
  private failed = false
  private block: string[] = []
  private blockChars = 0

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

  writeLine(line: string): void {
    if (this.fd === undefined) return
    this.block.push(line, '\n')
    this.blockChars += line.length + 1
    if (this.blockChars >= BLOCK_CHARS) this.flush()
  }

  close(): void {
    this.flush()
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private flush(): void {
    const text = this.block.join('')
    this.block = []
    this.blockChars = 0
    if (this.fd === undefined || text === '') return
    try {
      writeFileSync(this.fd, text)
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

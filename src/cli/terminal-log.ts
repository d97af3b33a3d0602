// The run's log on a terminal: progress, the transcript and warnings go to stderr, so stdout carries
// only the final report (text or JSON) and can be piped.
import type { GuardLog } from '../guard/guard.js'
import type { Redactor } from '../secrets/redact.js'

export class TerminalLog implements GuardLog {
  constructor(
    private readonly redactor: Redactor,
    private readonly out: NodeJS.WritableStream = process.stderr,
    /** Debug lines are shown with RUNNER_DEBUG=1, as in Actions. */
    private readonly showDebug = false,
  ) {}

  debug(message: string): void {
    if (this.showDebug) this.out.write(`debug: ${this.redactor.redact(message)}\n`)
  }

  startAttempt(title: string): void {
    this.out.write(`── ${title} ──\n`)
  }

  endAttempt(): void {}

  /** Redacted again: a transcript line is decoded from the stream (a key written with JSON escapes is whole only now). */
  transcript(lines: string): void {
    this.indented(this.redactor.redact(lines))
  }

  /** The child's output, redacted already. */
  output(lines: Buffer): void {
    this.indented(lines.toString('utf8').replace(/\n$/, ''))
  }

  warning(message: string): void {
    this.out.write(`warning: ${this.redactor.redact(message)}\n`)
  }

  private indented(lines: string): void {
    this.out.write(`  ${lines.replaceAll('\n', '\n  ')}\n`)
  }

  info(message: string): void {
    this.out.write(`${this.redactor.redact(message)}\n`)
  }
}

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

  transcript(lines: string): void {
    this.out.write(`  ${lines.replaceAll('\n', '\n  ')}\n`)
  }

  output(lines: Buffer): void {
    this.transcript(lines.toString('utf8').replace(/\n$/, ''))
  }

  warning(message: string): void {
    this.out.write(`warning: ${this.redactor.redact(message)}\n`)
  }

  info(message: string): void {
    this.out.write(`${this.redactor.redact(message)}\n`)
  }
}

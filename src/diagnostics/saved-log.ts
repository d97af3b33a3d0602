// Diagnoses a saved log of a finished run, stream-json or text, as if it were a live attempt: the first
// non-empty line tells the format, every line goes through the same observer and classifier. Pure.
import { attemptRecord } from '../attempt.js'
import { parseStreamLine } from '../claude/stream-events.js'
import type { AttemptRecord } from '../report/run-report.js'
import { AttemptObserver } from './observation.js'

export class SavedLogObserver {
  private observer: AttemptObserver | undefined

  addLine(line: string): void {
    if (!this.observer) {
      if (!line.trim()) return
      this.observer = new AttemptObserver(parseStreamLine(line) ? 'stream-json' : 'text')
    }
    this.observer.addLine('stdout', line)
  }

  /**
   * The log as an attempt record. Without an exit code, a stream-json log's result event decides;
   * a text log is taken to be from a failed run (that is what one saves a log for).
   */
  record(exitCode: number | undefined, startedAt: Date): AttemptRecord {
    const observation = (this.observer ?? new AttemptObserver('text')).observation
    const shown = observation.result ? (observation.result.isError ? 1 : 0) : 1
    const outcome = { exitCode: exitCode ?? shown, signal: null, timedOut: false, cancelled: false }
    return attemptRecord(1, startedAt, observation.result?.durationMs ?? 0, outcome, observation)
  }
}

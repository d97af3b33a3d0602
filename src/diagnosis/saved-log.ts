// Diagnoses a saved log of a finished run, stream-json or text, as if it were a live attempt: the first
// non-empty line tells the format, every line goes through the same observer and classifier. Pure.
import { parseStreamLine } from '../claude/stream-events.js'
import type { ProcessOutcome } from '../process/attempt-process.js'
import { AttemptObserver, type Observation } from './observation.js'

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
   * What the log showed, and how its run ended: without an exit code, a stream-json log's result event
   * decides; a text log is taken to be from a failed run (that is what one saves a log for).
   */
  finish(exitCode: number | undefined): { observation: Observation; outcome: ProcessOutcome } {
    const observation = (this.observer ?? new AttemptObserver('text')).observation
    const shown = observation.result ? (observation.result.isError ? 1 : 0) : 1
    return { observation, outcome: { exitCode: exitCode ?? shown, signal: null, timedOut: false, cancelled: false } }
  }
}

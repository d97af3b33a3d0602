// The runner cancels a job by sending SIGINT, then SIGTERM a few seconds later, then SIGKILL. Both
// signals become one abort, so the attempt's process group is stopped at once and the action still
// has time to write its report and summary; the action itself does not die of them.

const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/**
 * Aborts `controller` with the signal's name on the first cancel signal; later ones are only reported.
 * Returns a function that removes the handlers (once the report is written, a signal may end the process).
 */
export function abortOnCancelSignals(controller: AbortController, onSignal: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    onSignal(signal)
    if (!controller.signal.aborted) controller.abort(signal)
  }
  for (const name of CANCEL_SIGNALS) process.on(name, handler)
  return () => {
    for (const name of CANCEL_SIGNALS) process.off(name, handler)
  }
}

// Bookkeeping for the reliability suite: each case of a guarantee is recorded as held or not, and
// the global teardown (reliability-table.ts) prints one table of them all at the end of the run.
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityDir: string
  }
}

export interface CaseResult {
  guarantee: string
  case: string
  held: boolean
}

/** Runs the checks of one case; it held when they all passed. A failure is recorded, then rethrown. */
export async function holds(guarantee: string, name: string, check: () => Promise<void> | void): Promise<void> {
  let held = false
  try {
    await check()
    held = true
  } finally {
    const result: CaseResult = { guarantee, case: name, held }
    appendFileSync(join(inject('reliabilityDir'), `${process.pid}.jsonl`), `${JSON.stringify(result)}\n`)
  }
}

// Clues are the facts an attempt shows that may identify a cause: a status, an error kind, a line of
// text, each with where it was seen. The catalogue matches them; a diagnosis names the cause and keeps
// the clues that showed it as evidence, described for a person. Pure.
import { CATALOGUE, type Cause, type CauseId } from './catalogue.js'

export type ClueSource =
  'result' | 'assistant' | 'api_retry' | 'rate_limit' | 'stdout' | 'stderr' | 'output' | 'process' | 'preflight' | 'probe' | 'log'

/** One observed fact that may identify a cause. */
export interface Clue {
  source: ClueSource
  status?: number | null
  kind?: string
  text?: string
}

/** A clue as a person reads it. */
export interface Evidence {
  source: ClueSource
  text: string
}

export interface Diagnosis {
  cause: CauseId
  evidence: Evidence[]
  /** The least time the API asked to wait before the next request (a 429's retry-after). */
  retryAfterMs?: number
  /** When a usage limit resets, as the error said (ISO 8601). */
  resetsAt?: string
}

function clueMatches(cause: Cause, clue: Clue): boolean {
  const { statuses, errorKinds, patterns } = cause.recognise
  return (
    (clue.status != null && statuses?.includes(clue.status) === true) ||
    (clue.kind !== undefined && errorKinds?.includes(clue.kind) === true) ||
    (clue.text !== undefined && patterns?.some((pattern) => pattern.test(clue.text ?? '')) === true)
  )
}

/** The first catalogue cause any of the clues shows, with the clues that show it. */
export function matchCause(clues: readonly Clue[]): { cause: Cause; matched: Clue[] } | undefined {
  for (const cause of CATALOGUE) {
    const matched = clues.filter((clue) => clueMatches(cause, clue))
    if (matched.length > 0) return { cause, matched }
  }
  return undefined
}

function describeClue(clue: Clue): string {
  const parts = [
    clue.status != null ? `HTTP ${clue.status}` : undefined,
    clue.kind !== undefined ? `error ${clue.kind}` : undefined,
    clue.text,
  ].filter((part) => part !== undefined && part !== '')
  return parts.join(' · ')
}

export const toEvidence = (clues: readonly Clue[]): Evidence[] =>
  clues.map((clue) => ({ source: clue.source, text: describeClue(clue) }))

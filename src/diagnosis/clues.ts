// Clues are the facts an attempt shows that may identify a cause: a status, an error kind, a line of
// text, each with where it was seen. The catalogue matches them; a diagnosis names the cause and keeps
// the clues that showed it as evidence, described for a person. Pure.
import { CATALOGUE, type Cause, type CauseId } from './catalogue.js'
import type { Origin, Place } from './text-signs.js'

export type ClueSource =
  'result' | 'assistant' | 'api_retry' | 'rate_limit' | 'stdout' | 'stderr' | 'output' | 'process' | 'preflight' | 'probe' | 'log'

/** One observed fact that may identify a cause. */
export interface Clue {
  source: ClueSource
  status?: number | null
  kind?: string
  text?: string
  /** Where in the text it was seen; a structured field when unset. */
  place?: Place
  /** Who answered, when the text tells; the Anthropic API when unset. */
  origin?: Origin
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

/** Who may answer with a cause's statuses and kinds, unless the cause says otherwise. */
const ANTHROPIC_OR_CLOUD: readonly Origin[] = ['anthropic', 'cloud']

/** How a clue can show a cause, most telling first: its words, then its error kind, then its bare status. */
type Tier = 'words' | 'kind' | 'status'
const TIERS: readonly Tier[] = ['words', 'kind', 'status']

function clueMatches(cause: Cause, clue: Clue, tier: Tier): boolean {
  const { statuses, errorKinds, patterns, answeredBy = ANTHROPIC_OR_CLOUD, unanswered } = cause.recognise
  if (unanswered && clue.status != null) return false
  if (tier === 'words') {
    // A terminal pads where it wraps: words are matched with runs of spaces closed up.
    const text = clue.text?.includes('  ') ? clue.text.replace(/\s{2,}/g, ' ') : clue.text
    return text !== undefined && patterns?.some((pattern) => pattern.test(text)) === true
  }
  if (tier === 'kind') return clue.kind !== undefined && errorKinds?.includes(clue.kind) === true
  // A bare status means what it means only from whoever answered.
  return clue.status != null && statuses?.includes(clue.status) === true && answeredBy.includes(clue.origin ?? 'anthropic')
}

/**
 * The cause the clues show, with the clues that show it. The message decides before its kind, and its
 * kind before its bare status (a 400 whose message names a usage limit is a usage limit); within each,
 * the first catalogue cause wins.
 */
export function matchCause(clues: readonly Clue[]): { cause: Cause; matched: Clue[] } | undefined {
  for (const tier of TIERS) {
    for (const cause of CATALOGUE) {
      const matched = clues.filter((clue) => clueMatches(cause, clue, tier))
      if (matched.length > 0) return { cause, matched }
    }
  }
  return undefined
}

/**
 * The cause shown by the latest of the clues that show one, tier by tier: when lines show several
 * errors, the last ended the run, unless an earlier one says by its words what a later one only says
 * by its status.
 */
export function matchLatest(clues: readonly Clue[]): { cause: Cause; matched: Clue[] } | undefined {
  for (const tier of TIERS) {
    for (let i = clues.length - 1; i >= 0; i--) {
      const cause = CATALOGUE.find((candidate) => clueMatches(candidate, clues[i], tier))
      if (cause) return { cause, matched: clues.filter((clue) => clueMatches(cause, clue, tier)) }
    }
  }
  return undefined
}

/** The cause of the last clue that shows one: the last in-run retry says most. */
export function matchLast(clues: readonly Clue[]): { cause: Cause; matched: Clue[] } | undefined {
  for (let i = clues.length - 1; i >= 0; i--) {
    const match = matchCause([clues[i]])
    if (match) return match
  }
  return undefined
}

/** The cause whose `afterOthers` words the latest clue shows: for when no clue names a cause otherwise. */
export function matchAfterOthers(clues: readonly Clue[]): { cause: Cause; matched: Clue[] } | undefined {
  for (let i = clues.length - 1; i >= 0; i--) {
    const text = clues[i].text ?? ''
    const cause = CATALOGUE.find((candidate) => candidate.recognise.afterOthers?.some((pattern) => pattern.test(text)))
    if (cause) return { cause, matched: [clues[i]] }
  }
  return undefined
}

/** A cause that names the matched one more precisely, from the words of any clue (see `refines`). */
export function refine(match: { cause: Cause; matched: Clue[] }, clues: readonly Clue[]): { cause: Cause; matched: Clue[] } {
  for (const cause of CATALOGUE) {
    if (!cause.recognise.refines?.includes(match.cause.id)) continue
    const matched = clues.filter((clue) => clueMatches(cause, clue, 'words'))
    if (matched.length > 0) return { cause, matched: [...matched, ...match.matched] }
  }
  return match
}

/** Line clues by where they were seen: structured fields, lines of output (error lines among them), prose. */
export function byPlace(clues: readonly Clue[]): { structured: Clue[]; lines: Clue[]; prose: Clue[] } {
  const at = (...places: Place[]): Clue[] => clues.filter((clue) => places.includes(clue.place ?? 'structured'))
  return { structured: at('structured'), lines: at('marker', 'output'), prose: at('prose') }
}

function describeClue(clue: Clue): string {
  const parts = [
    clue.status != null ? `HTTP ${clue.status}` : undefined,
    clue.kind !== undefined ? `error ${clue.kind}` : undefined,
    clue.text,
  ].filter((part) => part !== undefined && part !== '')
  return parts.join(' · ')
}

/**
 * Clues as a person reads them, each fact once: clues with the same words (Claude Code's error message and
 * the result that repeats it) become one, with the status and kind either of them showed.
 */
export function toEvidence(clues: readonly Clue[]): Evidence[] {
  const merged: Clue[] = []
  for (const clue of clues) {
    const same = clue.text ? merged.find((other) => other.text === clue.text) : undefined
    if (!same) merged.push({ ...clue })
    else {
      same.status ??= clue.status
      same.kind ??= clue.kind
    }
  }
  return merged.map((clue) => ({ source: clue.source, text: describeClue(clue) }))
}

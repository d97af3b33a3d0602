// Every pattern the action runs on the child's output runs in linear time: checked by shape (no nested
// or stacked unbounded quantifiers, no quantified alternation) and run on 100k-character adversarial
// inputs, where each must give the right answer. No timing is measured.
import { describe, expect, it } from 'vitest'
import { CATALOGUE } from '../../src/diagnosis/catalogue.ts'
import { CAUSE_UNIONS, CLASS_KIND, RETRY_AFTER, TEXT_KIND, TEXT_RETRY, TEXT_STATUS } from '../../src/diagnosis/observation.ts'
import {
  CHANGE_MARKERS,
  FAILURE_SIGNS,
  GAVE_UP,
  INERT_LINES,
  RETRY_SIGN,
  SUCCESS_SIGN,
  ANY_TABLE_ROW,
} from '../../src/diagnosis/text-signs.ts'
import { readable, TERMINAL_CONTROL } from '../../src/text/lines.ts'
import { holds } from './guarantees.ts'

const GUARANTEE = 'every output pattern runs in linear time'

interface Frame {
  quantified: boolean
  unbounded: boolean
  alternation: boolean
}

/**
 * Why a pattern could backtrack catastrophically, or undefined when its shape is safe: a quantified
 * group holding a quantifier, an unboundedly repeated alternation, or an unbounded quantifier anywhere
 * but at the very end (`a.*b` is quadratic on a run of `a`s).
 */
export function backtrackingRisk(source: string): string | undefined {
  const frames: Frame[] = [{ quantified: false, unbounded: false, alternation: false }]
  let lastGroup: Frame | undefined
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    let atomEnd = i
    if (char === '\\') atomEnd = i + 1
    else if (char === '[') {
      let j = i + 1
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1
      atomEnd = j
    } else if (char === '(') {
      frames.push({ quantified: false, unbounded: false, alternation: false })
      i += source.startsWith('(?', i) ? (/^\(\?<[^=!]/.test(source.slice(i)) ? source.indexOf('>', i) - i : 2) : 0
      continue
    } else if (char === ')') {
      lastGroup = frames.pop()
      atomEnd = i
    } else if (char === '|') {
      frames[frames.length - 1].alternation = true
      continue
    }
    const isGroup = char === ')'
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(atomEnd + 1))?.[0]
    i = atomEnd + (quantifier?.length ?? 0)
    if (!quantifier) continue
    const unbounded = /^[*+]|,\}/.test(quantifier)
    // V8 may run `{n,}` as a counted loop with an entry on its backtrack stack per repetition: 5 MiB of
    // matching characters overflow `{6,}`, where `*` and `+` run in constant stack.
    if (/^\{(?:[2-9]|\d\d+),\}/.test(quantifier)) return `\`{n,}\` can overflow the stack on a long run, at ${atomEnd}`
    if (isGroup && lastGroup?.quantified) return `quantifier on a group that holds a quantifier, at ${atomEnd}`
    if (isGroup && unbounded && lastGroup?.alternation) return `unbounded repetition of an alternation, at ${atomEnd}`
    if (unbounded && i !== source.length - 1) return `unbounded quantifier before the end, at ${atomEnd}`
    const frame = frames[frames.length - 1]
    frame.quantified = true
    frame.unbounded ||= unbounded
  }
  return undefined
}

const catalogued = CATALOGUE.flatMap((cause) =>
  [...(cause.recognise.patterns ?? []), ...(cause.recognise.afterOthers ?? [])].map((pattern) => ({ name: cause.id, pattern })),
)
const OTHERS = [
  // The union of the catalogue's patterns: each of them meets its own near misses above, so the union
  // meets only the runs of characters (running every near miss through it again grows as their square).
  ...CAUSE_UNIONS.map((pattern) => ({ name: 'observation prefilter', pattern, union: true })),
  { name: 'retry-after', pattern: RETRY_AFTER },
  { name: 'status in text', pattern: TEXT_STATUS },
  { name: 'error kind in text', pattern: TEXT_KIND },
  { name: 'error class in text', pattern: CLASS_KIND },
  ...FAILURE_SIGNS.map((pattern) => ({ name: 'failure sign', pattern })),
  ...CHANGE_MARKERS.map((pattern) => ({ name: 'change marker', pattern })),
  ...INERT_LINES.map((pattern) => ({ name: 'not output', pattern })),
  { name: 'retry sign', pattern: RETRY_SIGN },
  { name: 'gave up', pattern: GAVE_UP },
  { name: 'success sign', pattern: SUCCESS_SIGN },
  { name: 'table row', pattern: ANY_TABLE_ROW },
  { name: 'retry in text', pattern: TEXT_RETRY },
  { name: 'terminal control', pattern: TERMINAL_CONTROL },
]
const N = 100_000

/** Every run of letters in a pattern's source, cut short by one: near misses of what it looks for. */
const nearMisses = (source: string): string[] =>
  [...source.replace(/\\./g, ' ').matchAll(/[A-Za-z][A-Za-z :/_-]{2,}/g)].map((match) => match[0].trimEnd().slice(0, -1))

const repeatTo = (unit: string, length = N): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)

describe('pattern shapes', () => {
  it('the shape check catches the classic catastrophic shapes', () => {
    expect(backtrackingRisk(/(?:a{1,5})+$/.source)).toMatch(/holds a quantifier/)
    expect(backtrackingRisk(/(a+)+$/.source)).toBeDefined()
    expect(backtrackingRisk(/(?:a|ab)*/.source)).toMatch(/alternation/)
    expect(backtrackingRisk(/x.*y/.source)).toMatch(/before the end/)
    expect(backtrackingRisk(/\s*\s*$/.source)).toMatch(/before the end/)
    expect(backtrackingRisk(/API Error: 5\d\d/.source)).toBeUndefined()
    expect(backtrackingRisk(/sk-ant-[A-Za-z0-9_-]{6,}/.source)).toMatch(/overflow the stack/)
    expect(backtrackingRisk(/sk-ant-[A-Za-z0-9_-]+/.source)).toBeUndefined()
  })

  for (const { name, pattern, union = false } of [...catalogued, ...OTHERS] as {
    name: string
    pattern: RegExp
    union?: boolean
  }[]) {
    it(`${name}: ${pattern.source.slice(0, 60)}`, async () => {
      await holds(GUARANTEE, `${name} ${pattern.source}`, () => {
        expect(backtrackingRisk(pattern.source)).toBeUndefined()
        // Adversarial inputs: long runs of near misses, and runs of the characters patterns repeat.
        const probe = new RegExp(pattern.source, pattern.flags.replace('g', ''))
        const misses = union ? [] : nearMisses(pattern.source)
        const inputs = [
          ...misses.map((miss) => repeatTo(`${miss} `)),
          ...misses.map((miss) => repeatTo(`${miss}#`)),
          repeatTo(' '),
          repeatTo('a'),
          repeatTo('5'),
          repeatTo('\x1b['),
          repeatTo('\x1b[0;'),
          repeatTo('retry-after: '),
          repeatTo('sk-ant-'),
        ]
        for (const input of inputs) {
          const matches = probe.test(input)
          // Only the control-character pattern is meant to find something in these.
          if (name === 'terminal control') expect(matches).toBe(input.includes('\x1b['))
          else expect(matches, JSON.stringify(input.slice(0, 40))).toBe(false)
        }
      })
    })
  }

  it('readable() keeps the last state of a progress line and drops escapes, on 100k-character input', () => {
    expect(readable(`${'\x1b[1;31m12%\r'.repeat(N / 10)}\x1b[0m100% done`)).toBe('100% done')
    expect(readable(repeatTo('\x1b['))).toBe('')
  })
})

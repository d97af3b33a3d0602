// The soak's pure parts: the seeded draw, the table of expected causes, the verdict on a run and the table.
// The soak itself (`npm run soak`) runs hundreds of real runs and is never part of `npm test`.
import { describe, expect, it } from 'vitest'
import { drawFaults, FAULT_KINDS, scriptFor, seededRandom, type Fault } from '../../bench/soak-faults.ts'
import { describeMachine } from '../../bench/results.ts'
import { expectedFor, judge, renderSoak, SOAK_END, SOAK_START, type Observed } from '../../bench/soak-table.ts'
import { CATALOGUE } from '../../src/diagnosis/catalogue.ts'
import type { RecordedRequest, Reply } from '../../src/demo/mock-api.ts'

/** Every reply the mock can give; the type check fails here when the mock gains one. */
const REPLY_KINDS = {
  success: true,
  'tool-use': true,
  credit: true,
  'spend-limit': true,
  unauthorized: true,
  forbidden: true,
  'rate-limited': true,
  overloaded: true,
  'server-error': true,
  'not-found-model': true,
  reset: true,
  hang: true,
  cut: true,
  garbage: true,
  'prompt-too-long': true,
  'invalid-request': true,
  'request-too-large': true,
  'organization-disabled': true,
  'oauth-expired': true,
  'usage-limit': true,
} satisfies Record<Reply['kind'], true>

const request = (client: RecordedRequest['client']): RecordedRequest => ({
  method: 'POST',
  path: '/v1/messages',
  userAgent: '',
  apiKey: '',
  authorization: '',
  credential: '',
  body: '',
  client,
})

const observed = (fault: Fault, more: Partial<Observed> = {}): Observed => ({
  number: 7,
  fault,
  seconds: 2.5,
  exitCode: 1,
  signal: null,
  outputs: { conclusion: 'failure', cause: 'overloaded' },
  missingOutputs: [],
  summary: '## ❌ Overloaded',
  reportCause: 'overloaded',
  leftovers: 0,
  leaks: [],
  tail: '',
  ...more,
})

const faultOf = (kind: string): Fault => {
  const fault = drawFaults(1, 300).find((drawn) => drawn.kind === kind)
  if (!fault) throw new Error(`seed 1 draws no ${kind}`)
  return fault
}

describe('the seeded draw', () => {
  it('draws the same runs from the same seed, and others from another', () => {
    expect(drawFaults(42, 50)).toEqual(drawFaults(42, 50))
    expect(drawFaults(43, 50)).not.toEqual(drawFaults(42, 50))
    const [first, second] = [seededRandom(5), seededRandom(5)]
    const values = [first(), first(), first()]
    expect([second(), second(), second()]).toEqual(values)
    expect(new Set(values).size).toBe(3)
  })

  it("draws a run's fault from the seed alone, whatever the number of runs", () => {
    expect(drawFaults(42, 300).slice(0, 20)).toEqual(drawFaults(42, 20))
  })

  it('draws every fault kind in 300 runs', () => {
    const drawn = new Set(drawFaults(1, 300).map((fault) => fault.kind))
    expect([...drawn].sort()).toEqual(FAULT_KINDS.map((kind) => kind.name).sort())
  })
})

describe('the expected causes', () => {
  const causes = new Set(['none', ...CATALOGUE.map((cause) => cause.id)])

  it('give every fault kind a conclusion and catalogued causes, ambiguity explained', () => {
    expect(new Set(FAULT_KINDS.map((kind) => kind.name)).size).toBe(FAULT_KINDS.length)
    for (const kind of FAULT_KINDS) {
      for (const expected of [kind.expected, kind.unsignalled ?? kind.expected]) {
        expect(expected.causes.length, kind.name).toBeGreaterThan(0)
        for (const cause of expected.causes) expect(causes, `${kind.name}: ${cause}`).toContain(cause)
        expect(expected.conclusion === 'success', kind.name).toBe(expected.causes.includes('none'))
        if (expected.causes.length > 1) expect(expected.why, kind.name).toBeTruthy()
      }
    }
  })

  it('cover every reply the mock can give', () => {
    const drawn = new Set(drawFaults(1, 300).map((fault) => fault.reply.kind))
    expect([...drawn].sort()).toEqual(Object.keys(REPLY_KINDS).sort())
  })

  it('expect a cancellation whose run ended before the signal to end as it would have', () => {
    const cancel = faultOf('cancel between attempts')
    expect(expectedFor(cancel, true).causes).toEqual(['cancelled'])
    expect(expectedFor(cancel, false).causes).toEqual(['overloaded'])
  })
})

describe("a fault's script", () => {
  it('fails the first calls of a recovering fault, then answers; the probes answer unless hit too', () => {
    const fault: Fault = { ...faultOf('overloaded, recovers'), calls: 2 }
    const script = scriptFor(fault)
    expect(script(request('sdk'), 0).kind).toBe('success')
    expect([0, 1, 2].map((index) => script(request('claude-code'), index).kind)).toEqual(['overloaded', 'overloaded', 'success'])
    const everywhere = scriptFor({ ...faultOf('reset'), target: 'every request' })
    expect(everywhere(request('sdk'), 0).kind).toBe('reset')
  })
})

describe('the verdict on a run', () => {
  const overloaded = faultOf('overloaded')

  it('holds when the run ends as its fault implies', () => {
    expect(judge(observed(overloaded)).problems).toEqual([])
  })

  it('names each thing wrong', () => {
    const outcome = judge(
      observed(overloaded, {
        outputs: { conclusion: 'failure', cause: 'claude-error' },
        summary: ' ',
        missingOutputs: ['attempts'],
        leftovers: 2,
        leaks: ['the summary'],
      }),
    )
    expect(outcome.right).toBe(false)
    expect(outcome.problems).toEqual([
      'expected failure overloaded, got failure claude-error',
      'empty job summary',
      'outputs not set: attempts',
      'report file says overloaded',
      '2 process(es) left behind',
      'key found in the summary',
    ])
  })

  it('calls a run killed by a signal wrong, whatever its outputs', () => {
    expect(judge(observed(overloaded, { exitCode: null, signal: 'SIGTERM' })).problems).toEqual(['exit by SIGTERM, expected 1'])
  })
})

describe('the table', () => {
  it('has a row per kind with the slowest verdict, the totals, and every run that went wrong', () => {
    const outcomes = [
      judge(observed(faultOf('overloaded'), { number: 1, seconds: 3.25 })),
      judge(observed(faultOf('overloaded'), { number: 2, seconds: 4.5, leftovers: 1 })),
      judge(
        observed(faultOf('success'), {
          number: 3,
          exitCode: 0,
          outputs: { conclusion: 'success', cause: 'none' },
          reportCause: 'none',
        }),
      ),
    ]
    const table = renderSoak({ seed: 9, machine: describeMachine(), wallSeconds: 90, outcomes })
    expect(table.startsWith(SOAK_START)).toBe(true)
    expect(table.endsWith(SOAK_END)).toBe(true)
    expect(table).toContain('Seed 9, 3 runs two at a time in 1.5 min.')
    expect(table).toContain('| overloaded | 2 | 2 | 0 | 1 | 0 | 4.5 s |')
    expect(table).toContain('| success | 1 | 1 | 0 | 0 | 0 | 2.5 s |')
    expect(table).toContain('| **all** | 3 | 3 | 0 | 1 | 0 | 4.5 s |')
    expect(table).toContain('- Run 2 (overloaded): 1 process(es) left behind.')
    expect(table).not.toContain('Run 1 ')
  })
})

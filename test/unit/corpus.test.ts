// Every sample of the corpus of real failure texts (test/corpus/, with provenance in its manifest) is
// diagnosed as its manifest says; `npm run corpus` prints the same check with every miss.
import { describe, expect, it } from 'vitest'
import { CAUSE_IDS } from '../../src/diagnosis/catalogue.ts'
import { diagnoseSample, samples } from '../../scripts/corpus.ts'

describe('the corpus of real failure texts', () => {
  const all = samples()

  it('holds at least 60 failures and 10 successes, each labelled with a catalogue cause and a source', () => {
    expect(all.filter((sample) => sample.cause !== 'none').length).toBeGreaterThanOrEqual(60)
    expect(all.filter((sample) => sample.cause === 'none').length).toBeGreaterThanOrEqual(10)
    for (const sample of all) {
      expect([...CAUSE_IDS, 'none']).toContain(sample.cause)
      expect(sample.source).toMatch(/^(?:[\w.-]+\/[\w.-]+#\d+|constructed|https?:\/\/\S+)/)
    }
  })

  for (const sample of all) {
    if (sample.knownMiss === undefined) {
      it(`${sample.file}: ${sample.cause}`, () => {
        expect(diagnoseSample(sample).cause).toBe(sample.cause)
      })
    } else {
      // A miss the manifest explains; once the rules get it right, the entry's knownMiss goes.
      it(`${sample.file}: still missed (${sample.knownMiss.slice(0, 60)}…)`, () => {
        expect(diagnoseSample(sample).cause).not.toBe(sample.cause)
      })
    }
  }
})

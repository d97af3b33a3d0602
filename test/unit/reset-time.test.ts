import { describe, expect, it } from 'vitest'
import { resetTimeFrom } from '../../src/diagnosis/reset-time.ts'

const now = new Date('2026-12-02T10:00:00Z')

describe('resetTimeFrom', () => {
  it('reads an epoch after a pipe or "resets"', () => {
    expect(resetTimeFrom('Claude AI usage limit reached|1764700000', now)).toBe('2025-12-02T18:26:40.000Z')
  })

  it('reads a clock time in its zone, today or, once passed, tomorrow', () => {
    // 3pm in Berlin (UTC+1 in December) is 14:00 UTC, still ahead today.
    expect(resetTimeFrom("You've hit your limit · resets 3pm (Europe/Berlin)", now)).toBe('2026-12-02T14:00:00.000Z')
    // 9am in New York (UTC-5) is 14:00 UTC too; 5am there has passed, so it is tomorrow's.
    expect(resetTimeFrom('5-hour limit reached ∙ resets 9am (America/New_York)', now)).toBe('2026-12-02T14:00:00.000Z')
    expect(resetTimeFrom('limit reached · resets 4am (America/New_York)', now)).toBe('2026-12-03T09:00:00.000Z')
  })

  it('reads a date with the time', () => {
    expect(resetTimeFrom("You're out of extra usage · resets Dec 5, 3pm (UTC)", now)).toBe('2026-12-05T15:00:00.000Z')
  })

  it('gives nothing for a time without a zone, or a zone it does not know', () => {
    expect(resetTimeFrom('resets 3pm', now)).toBeUndefined()
    expect(resetTimeFrom('resets 3pm (Mars/Olympus)', now)).toBeUndefined()
    expect(resetTimeFrom('Rate limited, try again later', now)).toBeUndefined()
  })
})

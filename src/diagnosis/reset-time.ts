// When a subscription limit resets, from what the error said: an epoch (`usage limit reached|1753567200`,
// a rate_limit_event's `resetsAt`) or a clock time with its zone (`resets 3pm (Europe/Berlin)`,
// `resets Dec 5, 3pm (America/New_York)`). Pure: "now" is passed in.

const EPOCH = /(?:\||resets?(?: at)? )(\d{10})\b/i
const CLOCK =
  /resets?(?: at)? (?:([A-Z][a-z]{2}) (\d{1,2}),? )?(\d{1,2})(?::(\d\d))? ?(am|pm)?\s?\(([A-Za-z_]{1,20}(?:\/[A-Za-z_+-]{1,30}){0,2}|UTC)\)/i

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

export const epochToIso = (seconds: number): string => new Date(seconds * 1000).toISOString()

/** The wall-clock parts of `at` in `zone`, or undefined for a zone Intl does not know. */
function partsIn(zone: string, at: Date): Record<string, number> | undefined {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    return Object.fromEntries(
      format
        .formatToParts(at)
        .filter((part) => part.type !== 'literal')
        .map((part) => [part.type, Number(part.value)]),
    )
  } catch {
    return undefined
  }
}

/** The instant at which the wall clock in `zone` shows the given time, near `now`. */
function instantIn(
  zone: string,
  now: Date,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date | undefined {
  const nowParts = partsIn(zone, now)
  if (!nowParts) return undefined
  const offsetMs =
    Date.UTC(nowParts.year, nowParts.month - 1, nowParts.day, nowParts.hour, nowParts.minute, nowParts.second) -
    Math.floor(now.getTime() / 1000) * 1000
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - offsetMs)
}

/** ISO 8601, or undefined when the text names no reset time it can be sure of. */
export function resetTimeFrom(text: string, now: Date): string | undefined {
  const epoch = EPOCH.exec(text)
  if (epoch) return epochToIso(Number(epoch[1]))
  const clock = CLOCK.exec(text)
  if (!clock) return undefined
  const [, monthName, dayText, hourText, minuteText, meridiem, zone] = clock
  let hour = Number(hourText) % 12
  if (meridiem?.toLowerCase() === 'pm') hour += 12
  if (!meridiem) hour = Number(hourText)
  const minute = Number(minuteText ?? 0)
  if (hour > 23 || minute > 59) return undefined
  const today = partsIn(zone, now)
  if (!today) return undefined
  const month = monthName ? MONTHS.indexOf(monthName.toLowerCase()) + 1 : today.month
  if (month === 0) return undefined
  const day = dayText ? Number(dayText) : today.day
  let at = instantIn(zone, now, today.year, month, day, hour, minute)
  // A time with no date that has passed today is tomorrow's; a date that has passed this year is next year's.
  if (at && at.getTime() < now.getTime() - 60_000) {
    at = dayText ? instantIn(zone, now, today.year + 1, month, day, hour, minute) : new Date(at.getTime() + 24 * 3600_000)
  }
  return at?.toISOString()
}

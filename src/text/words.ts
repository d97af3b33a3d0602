// Words for counts, so that no sentence says "1 attempt(s)". Pure.

/** `1 attempt`, `3 attempts`; `plural` for nouns that do not take an s. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}

// GitHub Flavored Markdown, written to read well raw and to show untrusted text literally: the job
// summary and the pull request comment are built from these. Text from Claude Code's output goes through
// `mdText` or `mdCode` (nothing in it can become markup); the action's own text, whose `backticks` mark
// code, through `mdOwn`. HTML appears only for `<details>`. Pure.

/** Where the text goes: a table cell must also escape `|` inside code spans. */
export interface MdOptions {
  cell?: boolean
}

/** Characters GFM may read as markup anywhere in a line. */
const ALWAYS = /[\\`*[\]|~]/g

/** Block markers that count only where a line (or a list item) begins. */
const LINE_START = /^(\s*)(#|>|-|\+|=|(\d{1,9})([.)]))/

/** Escapes text so that GFM shows it as it is, on one line. Plain punctuation (`'`, `.`, `(`) stays as it is. */
export function mdText(text: string, options: { atStart?: boolean } = {}): string {
  let out = text
    .replace(/\r?\n|\r/g, ' ')
    .replace(ALWAYS, (char) => `\\${char}`)
    // Two dollars can open math on GitHub; one cannot.
    .replace(/\$/g, (char) => (text.indexOf('$') === text.lastIndexOf('$') ? char : `\\${char}`))
    // `_` is emphasis only at a word's edge: ANTHROPIC_API_KEY stays readable.
    .replace(/_/g, (char, at: number, whole: string) =>
      /[\p{L}\p{N}]/u.test(whole[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[at + 1] ?? '') ? char : `\\${char}`,
    )
    // `<` only before what could open a tag, a comment or an autolink; `&` only before an entity.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]{1,32};)/g, '\\&')
  if (options.atStart !== false) {
    out = out.replace(LINE_START, (_match, space: string, marker: string, digits?: string, dot?: string) =>
      digits !== undefined ? `${space}${digits}\\${dot}` : `${space}\\${marker}`,
    )
  }
  return out
}

/** A code span holding `text` literally, whatever backticks it contains. */
export function mdCode(text: string, options: MdOptions = {}): string {
  let content = text.replace(/\r?\n|\r/g, ' ')
  if (options.cell) content = content.replace(/\|/g, '\\|')
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

/** The action's own text (the catalogue, the checks): `backticks` become code, everything else is escaped. */
export function mdOwn(text: string, options: MdOptions & { atStart?: boolean } = {}): string {
  const parts = text.split('`')
  // An odd backtick has no partner: it is shown, not taken as code.
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)}\`${parts.at(-1)}`]
  return paired
    .map((part, index) =>
      index % 2 === 1 ? mdCode(part, options) : mdText(part, { atStart: index === 0 && options.atStart !== false }),
    )
    .join('')
}

/** A link; the URL is the action's own (the catalogue, GITHUB_SERVER_URL), made safe for `(…)`. */
export function mdLink(label: string, url: string): string {
  const safe = url.replace(/[\s()<>]/g, (char) => encodeURIComponent(char))
  return `[${mdText(label, { atStart: false })}](${safe})`
}

/** A GFM table of cells already escaped with `{ cell: true }`. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => ':--').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

/** Escapes the few characters HTML needs escaped, for the text of a `<summary>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char)
}

/** A folded section: the one-line summary, then its Markdown. */
export function mdDetails(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary.replace(/\s+/g, ' ').trim())}</summary>\n\n${body.trim()}\n\n</details>`
}

/** A fenced code block holding `text` literally; the fence is longer than any backtick run inside. */
export function mdFence(text: string, language = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`
}

/** Untrusted lines as a block quote that keeps its line breaks and shows every character literally. */
export function mdQuote(lines: readonly string[]): string {
  const out: string[] = []
  lines.forEach((line, index) => {
    const next = lines[index + 1]
    if (line.trim() === '') {
      if (out.length > 0 && out.at(-1) !== '>') out.push('>')
      return
    }
    const hardBreak = next !== undefined && next.trim() !== '' ? '\\' : ''
    out.push(`> ${mdText(line.trimEnd())}${hardBreak}`)
  })
  while (out.at(-1) === '>') out.pop()
  return out.join('\n')
}

/** Blocks joined by one blank line; empty blocks dropped, so no run of blank lines appears. */
export function mdBlocks(blocks: readonly (string | undefined | false)[]): string {
  return blocks
    .filter((block): block is string => typeof block === 'string' && block.trim() !== '')
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .join('\n\n')
}

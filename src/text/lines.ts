// Lines as a person reads them on screen, for evidence, the tail of the output and the patterns. Pure.

/** Evidence and tail lines are cut to this many characters; patterns only ever see this much of a line. */
const EVIDENCE_LINE_CHARS = 2000

// Terminal escapes (colours, cursor moves) and the other control characters except tab.
// eslint-disable-next-line no-control-regex -- control characters are what it finds
export const TERMINAL_CONTROL = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_PLAIN = /[\x00-\x08\x0a-\x1f\x7f]/

/**
 * A line as it reads on screen: a `\r` progress line shows its last state, and colours and other
 * control characters are dropped.
 */
export function readable(text: string): string {
  if (!NOT_PLAIN.test(text)) return text
  return text
    .split('\n')
    .map((line) => {
      const shown = line.trimEnd()
      return shown.slice(shown.lastIndexOf('\r') + 1)
    })
    .join('\n')
    .replace(TERMINAL_CONTROL, '')
}

/** Text on one line, as a log line that carries outside text must be: line breaks become spaces, control characters go. */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(TERMINAL_CONTROL, '')
}

export function clip(line: string, max = EVIDENCE_LINE_CHARS): string {
  return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line
}

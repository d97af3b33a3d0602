import { describe, expect, it } from 'vitest'
import { parseStreamLine } from '../../src/claude/stream-events.ts'
import { transcriptLines } from '../../src/claude/transcript.ts'
import { hasLineLongerThan, LineSplitter, textLines } from '../../src/process/line-splitter.ts'

describe('LineSplitter', () => {
  const blocks = (chunks: Buffer[], max?: number): string[] => {
    const seen: string[] = []
    const splitter = new LineSplitter((lines) => seen.push(lines.toString('utf8')), max)
    for (const chunk of chunks) splitter.push(chunk)
    splitter.end()
    return seen
  }
  const split = (chunks: Buffer[], max?: number): string[] =>
    blocks(chunks, max).flatMap((block) => textLines(Buffer.from(block)))

  it('passes all the whole lines of a chunk on at once, as they came, and keeps the rest for the next', () => {
    expect(blocks([Buffer.from('a\nb\r\n\nc'), Buffer.from('d\ne\n')])).toEqual(['a\nb\r\n\n', 'cd\n', 'e\n'])
  })

  it('finds a line longer than a limit, whatever the length of the block', () => {
    expect(hasLineLongerThan(Buffer.from('abc\n'), 3)).toBe(false)
    expect(hasLineLongerThan(Buffer.from('ab\ncd\nef\n'), 3)).toBe(false)
    expect(hasLineLongerThan(Buffer.from('ab\ncdef\ngh\n'), 3)).toBe(true)
    expect(hasLineLongerThan(Buffer.from('ab\ncdef'), 3)).toBe(true)
    expect(hasLineLongerThan(Buffer.from('abc\nabc\nab'), 3)).toBe(false)
    expect(hasLineLongerThan(Buffer.from('\n\nabcd'), 3)).toBe(true)
    // Many short lines and one line a byte too long, at every offset in the block.
    const short = 'x'.repeat(99) + '\n'
    for (const at of [0, 1, 37, 99]) {
      const block = (long: number): Buffer => Buffer.from(short.repeat(at) + 'y'.repeat(long) + '\n' + short.repeat(50))
      expect(hasLineLongerThan(block(1000), 1000)).toBe(false)
      expect(hasLineLongerThan(block(1001), 1000)).toBe(true)
    }
  })

  it('joins lines across chunks, drops \\r and keeps a last unterminated line', () => {
    expect(split([Buffer.from('ab'), Buffer.from('c\r\nde'), Buffer.from('f\ng')])).toEqual(['abc', 'def', 'g'])
  })

  it('keeps a multi-byte character split across chunks whole, and replaces invalid bytes', () => {
    const euro = Buffer.from('€\n')
    expect(split([euro.subarray(0, 1), euro.subarray(1)])).toEqual(['€'])
    expect(split([Buffer.from([0xff, 0x41, 0x0a])])).toEqual(['\uFFFDA'])
  })

  it('passes an overlong line on in pieces', () => {
    expect(split([Buffer.from('abcdefg\n')], 3)).toEqual(['abc', 'def', 'g'])
    expect(split([Buffer.from('ab\nabcdefg\nxy\n')], 3)).toEqual(['ab', 'abc', 'def', 'g', 'xy'])
    expect(split([Buffer.from('abcd'), Buffer.from('efg')], 3)).toEqual(['abc', 'def', 'g'])
  })
})

describe('stream-json events', () => {
  it('ignores lines that are not events', () => {
    expect(parseStreamLine('plain text')).toBeUndefined()
    expect(parseStreamLine('{not json')).toBeUndefined()
    expect(parseStreamLine('{"type":"stream_event"}')).toBeUndefined()
  })

  it('renders one readable line per tool call and retry, never raw JSON', () => {
    const assistant = parseStreamLine(
      JSON.stringify({
        type: 'assistant',
        message: {
          content: [
            { type: 'text', text: 'Looking.\nDone.' },
            { type: 'tool_use', name: 'Bash', input: { command: 'ls -la\n' } },
          ],
        },
      }),
    )
    expect(assistant && transcriptLines(assistant)).toEqual(['Looking.', 'Done.', '⚙ Bash: ls -la'])
    const retry = parseStreamLine(
      '{"type":"system","subtype":"api_retry","attempt":2,"max_retries":10,"retry_delay_ms":1500,"error_status":529,"error":"overloaded"}',
    )
    expect(retry && transcriptLines(retry)).toEqual(['↻ Claude Code retry 2/10: HTTP 529 overloaded, next in 1.5s'])
  })
})

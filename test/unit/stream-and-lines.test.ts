import { mkdirSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseStreamLine } from '../../src/claude/stream-events.ts'
import { transcriptLines } from '../../src/claude/transcript.ts'
import { hasLineLongerThan, LineSplitter, textLines } from '../../src/process/line-splitter.ts'
import { OutputCapture } from '../../src/process/output-capture.ts'
import { StreamFile } from '../../src/process/stream-file.ts'
import { tempDir } from '../support/temp-dirs.ts'

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

  it('says which blocks are the input as it came: not the pieces of a long line, nor a newline it added', () => {
    const flagged = (chunks: string[], max?: number): [string, boolean][] => {
      const seen: [string, boolean][] = []
      const splitter = new LineSplitter((lines, verbatim) => seen.push([lines.toString('utf8'), verbatim]), max)
      for (const chunk of chunks) splitter.push(Buffer.from(chunk))
      splitter.end()
      return seen
    }
    expect(flagged(['a\nb', 'c\nd'])).toEqual([
      ['a\n', true],
      ['bc\n', true],
      ['d\n', false],
    ])
    expect(flagged(['ab\nabcdefg\nxy\n'], 3)).toEqual([['ab\nabc\ndef\ng\nxy\n', false]])
    expect(flagged(['abcd', 'efg\nh\n'], 3)).toEqual([
      ['abc\n', false],
      ['def\ng\n', false],
      ['h\n', true],
    ])
  })
})

describe('OutputCapture', () => {
  it('passes on what the child writes between quiet polls, each read its own buffer', async () => {
    const capture = OutputCapture.at(join(tempDir('ccg-capture-'), 'stdout')) as OutputCapture
    const chunks: Buffer[] = []
    const ended = new AbortController()
    const followed = capture.follow((chunk) => chunks.push(chunk), ended.signal)
    const waitFor = async (count: number): Promise<void> => {
      while (chunks.length < count) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    // Big enough to be passed on as read, not copied out; the polls in between find nothing.
    writeSync(capture.writeFd, 'a'.repeat(200_000))
    await waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 60))
    writeSync(capture.writeFd, 'b'.repeat(200_000))
    await waitFor(2)
    ended.abort()
    await followed
    capture.dispose()
    expect(chunks.map((chunk) => [chunk[0], chunk.length])).toEqual([
      [0x61, 200_000],
      [0x62, 200_000],
    ])
    expect(chunks[0].every((byte) => byte === 0x61)).toBe(true)
  })
})

describe('StreamFile', () => {
  /**
   * A child that prints `printed` on stdout while the attempt hands the stream file `calls`, in order:
   * `mirror` for lines as printed, `write` for anything else. Returns the directory's files afterwards.
   */
  const record = (printed: string, calls: ['mirror' | 'write', string][], prepare?: (path: string) => void) => {
    const dir = tempDir('ccg-stream-file-')
    const path = join(dir, 'attempt-1.log')
    prepare?.(path)
    const errors: string[] = []
    const file = new StreamFile(path, (message) => errors.push(message))
    if (file.capture) {
      writeSync(file.capture.writeFd, printed)
      file.capture.closeWriter()
    }
    for (const [call, lines] of calls) file[call](Buffer.from(lines))
    file.close()
    const names = readdirSync(dir)
    return { names, text: statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined, errors, ok: file.ok }
  }

  it('becomes the capture when the raw stream is the capture unchanged, with no copy left behind', () => {
    const printed = 'one\ntwo\nthree\n'
    expect(
      record(printed, [
        ['mirror', 'one\ntwo\n'],
        ['mirror', 'three\n'],
      ]),
    ).toEqual({ names: ['attempt-1.log'], text: printed, errors: [], ok: true })
  })

  it('keeps a last line given a newline, and drops the capture bytes that were redacted at the end', () => {
    expect(
      record('one\nlast', [
        ['mirror', 'one\n'],
        ['write', 'last\n'],
      ]).text,
    ).toBe('one\nlast\n')
    const redactedAtEnd = record('one\nkey sk-ant-secret\n', [
      ['mirror', 'one\n'],
      ['write', 'key ***\n'],
    ])
    expect(redactedAtEnd).toEqual({ names: ['attempt-1.log'], text: 'one\nkey ***\n', errors: [], ok: true })
  })

  it('writes the stream itself once it parts from the capture: a redacted line or one from stderr in between', () => {
    const redacted = record('one\nkey sk-ant-secret\nthree\n', [
      ['mirror', 'one\n'],
      ['write', 'key ***\n'],
      ['mirror', 'three\n'],
    ])
    expect(redacted).toEqual({ names: ['attempt-1.log'], text: 'one\nkey ***\nthree\n', errors: [], ok: true })
    const interleaved = record('out 1\nout 2\n', [
      ['mirror', 'out 1\n'],
      ['write', 'err 1\n'],
      ['mirror', 'out 2\n'],
      ['write', 'err 2\n'],
    ])
    expect(interleaved.text).toBe('out 1\nerr 1\nout 2\nerr 2\n')
    expect(interleaved.names).toEqual(['attempt-1.log'])
  })

  it('copies a beginning longer than one copy block, and stops waiting after a block of other lines', () => {
    const head = 'h'.repeat(99) + '\n'
    const mirrored = head.repeat(30_000)
    const stderr = 'e'.repeat(999) + '\n'
    const calls: ['mirror' | 'write', string][] = [
      ['mirror', mirrored],
      ...Array.from({ length: 100 }, (): ['write', string] => ['write', stderr]),
    ]
    const { text, names } = record(mirrored + 'more\n', [...calls, ['mirror', 'more\n']])
    expect(text === mirrored + stderr.repeat(100) + 'more\n').toBe(true)
    expect(names).toEqual(['attempt-1.log'])
    expect(record(mirrored, calls).text === mirrored + stderr.repeat(100)).toBe(true)
  })

  it('writes every line itself when no capture can be made next to it', () => {
    const result = record(
      'never read',
      [
        ['mirror', 'one\n'],
        ['write', 'two\n'],
      ],
      (path) => mkdirSync(`${path}.partial`),
    )
    expect(result).toEqual({ names: ['attempt-1.log', 'attempt-1.log.partial'], text: 'one\ntwo\n', errors: [], ok: true })
  })

  it('says so, and keeps no capture, when the stream file cannot be made', () => {
    const result = record(
      'one\n',
      [
        ['mirror', 'one\n'],
        ['write', 'two\n'],
        ['mirror', 'three\n'],
      ],
      (path) => mkdirSync(path),
    )
    expect(result.ok).toBe(false)
    expect(result.errors).toEqual([expect.stringMatching(/^Cannot write the raw stream to \S+attempt-1\.log: /)])
    expect(result.names).toEqual(['attempt-1.log'])
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

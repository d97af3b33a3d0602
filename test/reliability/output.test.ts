// Output of any size and shape: huge lines, binary bytes, invalid UTF-8, colours and `\r` progress
// never crash the parser or the summary, and workflow commands in the child's output or in Claude's
// reply cannot reach the runner. The bundled action, with commands and with the real CLI on the mock.
import { spawn } from 'node:child_process'
import { chmodSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { distEntry, prepareActionRun, runAction, type ActionRun } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { NO_PREFLIGHT, always, mockApiPerTest, TEST_KEY } from './mock-api.ts'
import { processedCommands } from './workflow-commands.ts'
import { tempDir } from '../support/temp-dirs.ts'

const MiB = 1024 * 1024
const SHAPES = 'odd output never crashes the parser or the summary'
const COMPLETE = 'the job log gets every line the child printed'
const INJECTION = 'workflow commands in output cannot inject'
const RAW_STREAM = 'the raw stream file is the whole output, with no key in it'

/** A line of `size` bytes, then a marker line, from bash. */
const hugeLine = (size: number): string => `head -c ${size} /dev/zero | tr '\\0' a; echo; echo after-the-huge-line`

const streamFileOf = (run: ActionRun): string =>
  Object.entries(run.files).find(([path]) => /attempt-1\.(log|jsonl)$/.test(path))?.[1] ?? ''

/** The action's own commands: groups, fences, its warnings and errors, masks. */
const OWN_COMMAND =
  /^::(group::|endgroup::|stop-commands::[0-9a-f-]{36}$|[0-9a-f-]{36}::$|warning(?: title=[^:]{1,80})?::|error(?: title=[^:]{1,80})?::|debug::|add-mask::)/

describe('huge lines', () => {
  for (const size of [1 * MiB, 10 * MiB]) {
    it(`a ${size / MiB} MiB line from a command`, async () => {
      const run = await runAction({ inputs: { ...NO_PREFLIGHT, command: hugeLine(size), 'max-attempts': '1' } })
      await holds(SHAPES, `${size / MiB} MiB line (command)`, () => {
        expect(run.exitCode).toBe(0)
        expect(run.outputs.conclusion).toBe('success')
        expect(streamFileOf(run).length).toBeGreaterThanOrEqual(size)
        expect(run.summary).toContain('after-the-huge-line')
        // The log cuts the line, and says how much is missing and which file has it whole.
        expect(run.stdout).toMatch(/… \(\d+ more characters\); the whole line is in \S+attempt-1\.log/)
        expect(run.stdout).toContain('after-the-huge-line')
        // The summary keeps within GitHub's limit whatever the line.
        expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
      })
    })
  }

  const startApi = mockApiPerTest()

  it('a 1 MiB reply from Claude (one 1 MiB stream-json line)', async () => {
    const text = `${'word '.repeat(MiB / 5)}END`
    const api = await startApi(always({ kind: 'success', text }))
    const run = await runAction({ apiUrl: api.url, inputs: { prompt: 'Write a lot.', 'anthropic-api-key': TEST_KEY } })
    await holds(SHAPES, '1 MiB stream-json line (real CLI)', () => {
      expect(run.exitCode).toBe(0)
      expect(run.outputs.conclusion).toBe('success')
      // Claude Code 2.1.197 drops the end of ~2 MiB of output written into a pipe, or when the rest of
      // its process group is stopped as soon as it exits: the whole reply must still come through.
      expect(run.outputs.result?.length).toBe(text.length)
      expect(run.outputs.result === text).toBe(true)
      expect(
        streamFileOf(run)
          .split('\n')
          .filter((line) => line.length > MiB),
      ).toHaveLength(2)
      expect(run.summary).toContain('Claude Code succeeded')
      expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
    })
  })
})

describe('a chatty command and a slow log', () => {
  const LINES = 1_500_000

  /** Runs the action on `command`, reading its stdout in small sips with pauses, as a busy runner might. */
  const runWithSlowReader = async (command: string): Promise<{ stdout: string; outputs: string; code: number | null }> => {
    const files = prepareActionRun({ inputs: { ...NO_PREFLIGHT, command, 'max-attempts': '1' } })
    const child = spawn(process.execPath, [distEntry], {
      cwd: files.workspace,
      env: files.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      child.stdout.pause()
      setTimeout(() => child.stdout.resume(), 2)
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const { readFileSync } = await import('node:fs')
    const outputs = readFileSync(files.outputFile, 'utf8')
    rmSync(files.root, { recursive: true, force: true })
    return { stdout: Buffer.concat(chunks).toString('utf8'), outputs, code }
  }

  it(`${LINES} lines (about 10 MiB), read slowly: all of them, in order`, async () => {
    const run = await runWithSlowReader(`seq 1 ${LINES}`)
    await holds(COMPLETE, `${LINES} lines from a command, slow reader`, () => {
      expect(run.code).toBe(0)
      const numbers = run.stdout.split('\n').filter((line) => /^\d+$/.test(line))
      expect(numbers.length).toBe(LINES)
      expect(numbers.every((line, i) => Number(line) === i + 1)).toBe(true)
      expect(run.stdout).not.toMatch(/not shown|could not keep up/)
    })
  })

  it('an error at the end of a chatty output is diagnosed', async () => {
    const run = await runWithSlowReader(`seq 1 ${LINES}; echo 'Error: Credit balance is too low' >&2; exit 1`)
    await holds(COMPLETE, 'a chatty command that fails at the end', () => {
      expect(run.code).toBe(1)
      expect(run.outputs).toMatch(/cause<<\S+\ncredit-balance-low\n/)
      expect(run.stdout).toContain(`\n${LINES}\n`)
    })
  })
})

describe('the raw stream file', () => {
  const numbers = (count: number): string => Array.from({ length: count }, (_, i) => `${i + 1}\n`).join('')
  /** Every file under RUNNER_TEMP but the report, which names the stream file. */
  const filesBesideReport = (run: ActionRun): string[] =>
    Object.keys(run.files)
      .map((path) => path.split('/').at(-1) ?? '')
      .filter((name) => name !== 'report.json')

  it('is the output byte for byte, with no copy left beside it', async () => {
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, command: 'seq 1 200000; printf last', 'max-attempts': '1' } })
    await holds(RAW_STREAM, 'a chatty command (the capture becomes the file)', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(streamFileOf(run) === `${numbers(200_000)}last\n`).toBe(true)
      expect(filesBesideReport(run)).toEqual(['attempt-1.log'])
    })
  })

  it('has every key redacted, wherever it was printed, and no file keeps it', async () => {
    const command = 'seq 1 200000; echo "mid $ANTHROPIC_API_KEY"; echo on stderr >&2; seq 1 3; printf "end $ANTHROPIC_API_KEY"'
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, command, 'anthropic-api-key': TEST_KEY, 'max-attempts': '1' } })
    await holds(RAW_STREAM, 'keys printed in the middle and at the end', () => {
      expect(run.outputs.conclusion).toBe('success')
      const lines = streamFileOf(run).split('\n')
      expect(lines.filter((line) => /^\d+$/.test(line))).toHaveLength(200_003)
      expect(lines.filter((line) => /\*\*\*|on stderr/.test(line)).sort()).toEqual(['end ***', 'mid ***', 'on stderr'])
      expect(filesBesideReport(run)).toEqual(['attempt-1.log'])
      const withKey = Object.entries(run.files).filter(([, text]) => text.includes(TEST_KEY.slice(7)))
      expect(withKey.map(([path]) => path)).toEqual([])
    })
  })

  it('has a key printed last redacted, when the capture itself becomes the file', async () => {
    const command = 'seq 1 200000; printf "end $ANTHROPIC_API_KEY"'
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, command, 'anthropic-api-key': TEST_KEY, 'max-attempts': '1' } })
    await holds(RAW_STREAM, 'a key in an unterminated last line', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(streamFileOf(run) === `${numbers(200_000)}end ***\n`).toBe(true)
      expect(filesBesideReport(run)).toEqual(['attempt-1.log'])
      expect(Object.values(run.files).some((text) => text.includes(TEST_KEY.slice(7)))).toBe(false)
    })
  })
})

describe('binary, invalid UTF-8, colours, progress', () => {
  const ODD_OUTPUT = [
    'head -c 32768 /dev/urandom',
    "printf '\\n\\xff\\xfe\\xc3\\x28 invalid utf-8\\n'",
    "printf '\\000\\001\\002 control bytes\\n'",
    "printf '\\033[31mred text\\033[0m\\n'",
    "printf '10%%\\r50%%\\r100%% done\\n'",
  ].join('; ')

  it('succeeds, and the summary shows readable text', async () => {
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, command: ODD_OUTPUT, 'max-attempts': '1' } })
    await holds(SHAPES, 'binary, invalid UTF-8, ANSI, \\r (success)', () => {
      expect(run.exitCode).toBe(0)
      expect(run.summary).toContain('red text')
      expect(run.summary).toContain('100% done')
      expect(run.summary).toContain('\uFFFD')
      expect(run.summary).not.toContain('50%')
      // No terminal escapes or control bytes (other than newlines) reach the summary or the report.
      // eslint-disable-next-line no-control-regex -- control characters are what it looks for
      expect(run.summary).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/)
      expect(run.report?.attempts[0].cause).toBe('none')
    })
  })

  it('fails with a diagnosis, not a crash', async () => {
    const run = await runAction({
      inputs: {
        ...NO_PREFLIGHT,
        command: `${ODD_OUTPUT}; echo 'Error: 529 {"type":"overloaded_error"}' >&2; exit 3`,
        'max-attempts': '1',
      },
    })
    await holds(SHAPES, 'binary, invalid UTF-8, ANSI, \\r (failure)', () => {
      expect(run.exitCode).toBe(1)
      expect(run.outputs.cause).toBe('overloaded')
      expect(run.outputs['exit-code']).toBe('3')
      expect(run.summary).toContain('overloaded_error')
    })
  })
})

describe('workflow command injection', () => {
  const INJECTED = [
    '::error::injected error',
    '::set-output name=conclusion::injected',
    '::add-mask::injected',
    '::stop-commands::guessed',
    '::guessed::',
    '::warning::injected after a guessed token',
    'progress\r::error::injected after a carriage return',
    '  ::notice::injected after spaces',
    'a line with ##[error]injected in the legacy form',
  ]
  const expectNoInjection = (run: ActionRun): void => {
    const commands = processedCommands(run.stdout)
    // A debug line shows an input's value as its data, escaped: it is never acted on.
    expect(commands.filter((command) => command.includes('injected') && !command.startsWith('::debug::'))).toEqual([])
    expect(commands.filter((command) => !OWN_COMMAND.test(command))).toEqual([])
    expect(run.outputs.conclusion).not.toBe('injected')
  }

  it("in a command's output, also when the summary is printed to the log", async () => {
    // printf's %b turns the `\\r` back into a carriage return.
    const command = `printf '%b\\n' ${INJECTED.map((line) => `'${line.replace('\r', '\\r')}'`).join(' ')}`
    const ok = await runAction({ inputs: { ...NO_PREFLIGHT, command, 'max-attempts': '1' } })
    const failed = await runAction({
      inputs: { ...NO_PREFLIGHT, command: `${command}; exit 1`, 'max-attempts': '1' },
      env: { GITHUB_STEP_SUMMARY: undefined, GITHUB_OUTPUT: undefined },
    })
    await holds(INJECTION, 'command output (and the summary and outputs in the log)', () => {
      expect(ok.stdout).toContain('::error::injected error')
      expectNoInjection(ok)
      expect(ok.outputs.conclusion).toBe('success')
      expect(failed.stdout).toContain('Last lines of output')
      expect(failed.stdout).toContain('::set-output name=conclusion::injected')
      expectNoInjection(failed)
    })
  })

  const startApi = mockApiPerTest()

  it("in the API's answers to the credential checks, and in a file name", async () => {
    // Both the preflight's request and the credit check get this answer, with a workflow command in it.
    const message = 'bad request\n::error::injected by the API\n  ::warning::injected too ##[error]and in the legacy form'
    const api = await startApi((request) =>
      request.client === 'sdk' ? { kind: 'invalid-request', message } : { kind: 'success' },
    )
    const credit = await runAction({
      apiUrl: api.url,
      inputs: {
        command: "echo 'Error: Credit balance is too low' >&2; exit 1",
        'anthropic-api-key': TEST_KEY,
        'max-attempts': '1',
      },
    })
    const named = await runAction({
      inputs: { mode: 'diagnose', 'log-file': '::warning::injected by a file name ##[error]x', ...NO_PREFLIGHT },
    })
    await holds(INJECTION, "the API's messages in the credential checks' lines, and a log-file's name", () => {
      expect(credit.stdout).toMatch(/Preflight: models\.list .*bad request ::error::injected by the API/)
      expect(credit.stdout).toMatch(/Credit check: messages\.create .*bad request ::error::injected by the API/)
      expectNoInjection(credit)
      expect(named.stdout).toContain('::warning::injected by a file name')
      expectNoInjection(named)
    })
  })

  it("in Claude's reply shown in the transcript", async () => {
    const text = INJECTED.join('\n')
    const api = await startApi(always({ kind: 'success', text }))
    const run = await runAction({
      apiUrl: api.url,
      inputs: { prompt: 'Say something odd.', 'anthropic-api-key': TEST_KEY },
      env: { GITHUB_OUTPUT: undefined },
    })
    await holds(INJECTION, "Claude's reply (and the result output in the log)", () => {
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toContain('::error::injected error')
      expectNoInjection(run)
    })
  })
})

describe('hostile output', () => {
  const HOSTILE = 'hostile output: no crash, no key, no file left behind'
  const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m
  /** Everything a reader can see: the log (but the masks it registers), the summary, outputs and files. */
  const seen = (run: ActionRun): string =>
    [
      run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      ...Object.values(run.files),
    ].join('\n')
  /** Every piece of the key that the redactor must remove (12 characters or more, beyond its public prefix). */
  const keyPieces = (key: string): string[] =>
    Array.from({ length: key.length - 11 }, (_, at) => key.slice(at, at + 12)).filter((_, at) => at + 12 > 13)

  it('a line of 6 MiB of token characters ends in a diagnosis and a summary, not a crash', async () => {
    const command = `printf 'sk-ant-'; head -c ${6 * MiB} /dev/zero | tr '\\0' a; echo; echo 'Error: Overloaded' >&2; exit 3`
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, command, 'max-attempts': '1' } })
    await holds(HOSTILE, '6 MiB of token characters in one line', () => {
      expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME)
      expect(run.outputs.cause).toBe('overloaded')
      expect(run.outputs['exit-code']).toBe('3')
      expect(run.report?.attempts).toHaveLength(1)
      expect(run.summary).toContain('Overloaded')
      expect(Object.keys(run.files).filter((path) => path.endsWith('.partial'))).toEqual([])
      expect(streamFileOf(run)).toContain('sk-ant-***')
      expect(streamFileOf(run)).not.toContain('sk-ant-a')
    })
  })

  it('a known key in colour, wrapped, or cut by invisible characters is redacted everywhere', async () => {
    // As `grep --color` prints a key, a terminal wraps it, and a formatter cuts it with invisible characters.
    const command = [
      'k=$ANTHROPIC_API_KEY',
      `printf 'grep: %s\\033[01;31m\\033[K%s\\033[m\\033[K%s\\n' "\${k:0:16}" "\${k:16:10}" "\${k:26}"`,
      `printf 'wrapped: %s\\n%s\\n' "\${k:0:21}" "\${k:21}"`,
      `printf 'cut: %s\\xe2\\x80\\x8b%s\\b%s\\n' "\${k:0:14}" "\${k:14:11}" "\${k:25}"`,
      "echo 'Error: Overloaded' >&2",
      'exit 1',
    ].join('; ')
    const run = await runAction({
      inputs: { ...NO_PREFLIGHT, command, 'anthropic-api-key': TEST_KEY, 'max-attempts': '1' },
    })
    await holds(HOSTILE, 'a key in colour, wrapped over two lines, cut by a zero-width space and a backspace', () => {
      expect(run.outputs.cause).toBe('overloaded')
      expect(run.summary).toContain('grep: ***')
      const text = seen(run)
      expect(keyPieces(TEST_KEY).filter((piece) => text.includes(piece))).toEqual([])
    })
  })

  it('an unknown key in a stream-json line, coloured or written with JSON escapes, is redacted everywhere', async () => {
    // Claude Code escapes a colour in a key as `\u001b`; a binary that is not Claude Code may escape any
    // letter. Once decoded the key is whole, and its `_-` becomes `\_-` in the summary's Markdown.
    const coloured = 'sk-ant-api03-Hx7_-Qm2\\u001b[31mLr8Vt5Nw3\\u001b[0mKp9Zs4Bc6Jd1Fy0Ga'
    const escaped = 'sk-ant-\\u0061pi03-Wd4_-Tn6Ye1Ru8Io3Pa5Sf7Gh9Jk2Lz'
    const session = '00000000-0000-4000-8000-000000000000'
    const text = (value: string): string => `{"type":"text","text":"the key is ${value}"}`
    const events = [
      `{"type":"system","subtype":"init","session_id":"${session}","model":"claude-sonnet-4-5","tools":[]}`,
      `{"type":"assistant","message":{"role":"assistant","content":[${text(coloured)},${text(escaped)}]},"session_id":"${session}"}`,
      `{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"done: ${escaped}","session_id":"${session}"}`,
    ]
    const dir = tempDir('ccg-stub-claude-')
    const stub = join(dir, 'claude')
    writeFileSync(stub, ['#!/usr/bin/env bash', ...events.map((event) => `echo '${event}'`)].join('\n'))
    chmodSync(stub, 0o755)
    const run = await runAction({ inputs: { ...NO_PREFLIGHT, prompt: 'Say it.', 'claude-path': stub, 'max-attempts': '1' } })
    await holds(HOSTILE, 'an unknown key in stream-json, coloured or in JSON escapes, with `_-` in it', () => {
      expect(run.outputs.conclusion).toBe('success')
      expect(run.summary).toContain('done: sk-ant-\\*\\*\\*')
      expect(seen(run)).not.toMatch(/Hx7|Qm2|Lr8Vt5Nw3|Kp9Zs4|Wd4|Tn6Ye1Ru8/)
    })
  })
})

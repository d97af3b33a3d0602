// Malformed inputs: each ends the step with exactly one clear error that names the input, no stack
// trace, nothing run, and a job summary that explains. The bundled action, run as the runner does.
import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { TEST_KEY } from './mock-api.ts'
import { processedCommands } from './workflow-commands.ts'
import { tempDir } from '../support/temp-dirs.ts'

const PROMPT = { prompt: 'Say hello.' }
/** [the input at fault, the inputs given] */
const MALFORMED: [string, Record<string, string>][] = [
  ['max-attempts', { ...PROMPT, 'max-attempts': '-1' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '0' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '2.5' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '11' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '99999999999999999999999' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': 'three' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '0x3' }],
  ['max-attempts', { ...PROMPT, 'max-attempts': '3 attempts' }],
  ['retry-wait-seconds', { ...PROMPT, 'retry-wait-seconds': '-5' }],
  ['retry-wait-seconds', { ...PROMPT, 'retry-wait-seconds': 'NaN' }],
  ['retry-wait-seconds', { ...PROMPT, 'retry-wait-seconds': '1e9' }],
  ['max-wait-seconds', { ...PROMPT, 'max-wait-seconds': 'Infinity' }],
  ['max-wait-seconds', { ...PROMPT, 'max-wait-seconds': '-0.5' }],
  ['timeout-minutes', { ...PROMPT, 'timeout-minutes': '-1' }],
  ['timeout-minutes', { ...PROMPT, 'timeout-minutes': '1,5' }],
  ['timeout-minutes', { ...PROMPT, 'timeout-minutes': '100000' }],
  ['timeout-minutes', { ...PROMPT, 'timeout-minutes': 'ten' }],
  ['backoff', { ...PROMPT, backoff: 'linear' }],
  ['summary', { ...PROMPT, summary: 'sometimes' }],
  ['resume-on-retry', { ...PROMPT, 'resume-on-retry': 'maybe' }],
  ['resume-on-retry', { ...PROMPT, 'resume-on-retry': '1' }],
  ['retry-on', { ...PROMPT, 'retry-on': 'everything' }],
  ['retry-on', { ...PROMPT, 'retry-on': 'overloaded,gremlins' }],
  ['retry-on', { ...PROMPT, 'retry-on': 'cancelled' }],
  ['retry-on', { ...PROMPT, 'retry-on': ',' }],
  ['prompt', { prompt: '   ' }],
  ['prompt', {}],
  ['prompt-file', { 'prompt-file': 'no/such/prompt.md' }],
  ['working-directory', { ...PROMPT, 'working-directory': 'no/such/directory' }],
  ['command', { ...PROMPT, command: 'echo both' }],
  ['claude-args', { ...PROMPT, 'claude-args': '--max-turns 3 | tee out.txt' }],
  ['claude-path', { ...PROMPT, 'claude-path': '/x'.repeat(50_000) }],
]

const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m

function expectOneClearError(run: ActionRun, input: string): void {
  const errors = processedCommands(run.stdout).filter((command) => command.startsWith('::error'))
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(`Input '${input}'`)
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME)
  expect(run.exitCode).toBe(1)
  expect(run.outputs.attempts).toBe('0')
  expect(run.summary).toContain(`Invalid input \`${input}\``)
}

describe('malformed inputs', () => {
  it(`${MALFORMED.length} malformed inputs each fail with one clear error naming the input`, async () => {
    const runs: ActionRun[] = []
    // A few at a time: each is a short process that runs nothing.
    for (let start = 0; start < MALFORMED.length; start += 6) {
      runs.push(...(await Promise.all(MALFORMED.slice(start, start + 6).map(([, inputs]) => runAction({ inputs })))))
    }
    const failures: string[] = []
    for (const [index, [input, inputs]] of MALFORMED.entries()) {
      await holds('malformed inputs: one clear error naming the input', `${input}: ${JSON.stringify(inputs)}`, () =>
        expectOneClearError(runs[index], input),
      ).catch((error: unknown) => failures.push(`${input} ${JSON.stringify(inputs)}: ${(error as Error).message}`))
    }
    expect(failures).toEqual([])
  })
})

describe('what an input error and the debug log echo', () => {
  it('a long bad value is clipped in the error, the log and the summary', async () => {
    const value = `${'9'.repeat(100_000)} attempts`
    const run = await runAction({ inputs: { ...PROMPT, 'max-attempts': value } })
    await holds('malformed inputs: one clear error naming the input', 'a 100 KB value', () => {
      expectOneClearError(run, 'max-attempts')
      expect(run.summary).toMatch(/9… \(99809 more characters\)": use a whole number/)
      expect(run.summary.length).toBeLessThan(5_000)
      expect(run.stdout.length).toBeLessThan(10_000)
    })
  })

  it('the debug log of the inputs shows no key, known or not, in claude-path or claude-args', async () => {
    const unknown = 'sk-ant-api03-UnknownKeyNotGivenToTheAction-Zz'
    const run = await runAction({
      inputs: {
        ...PROMPT,
        'anthropic-api-key': TEST_KEY,
        'claude-path': `/opt/${unknown}/claude`,
        'claude-args': `--append-system-prompt "the keys are ${TEST_KEY} and ${unknown}"`,
        preflight: 'false',
        'max-attempts': '1',
      },
    })
    const log = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
    await holds('a key is never printed', 'the debug log of claude-path and claude-args', () => {
      expect(log).toMatch(/::debug::input claude-path: \/opt\/sk-ant-\*\*\*\/claude/)
      expect(log).toContain('::debug::input claude-args:')
      expect(log).not.toContain('UnknownKey')
      expect(log).not.toContain('RELIABILITY')
    })
  })
})

describe('log-file', () => {
  const DIAGNOSE = { mode: 'diagnose', preflight: 'false', 'verify-credit': 'false' }

  it('a FIFO, a device or a directory is one clear error naming log-file, read or waited on never', async () => {
    const dir = tempDir('ccg-log-file-')
    const fifo = join(dir, 'a-fifo')
    execFileSync('mkfifo', [fifo])
    mkdirSync(join(dir, 'a-directory'))
    const cases = [
      [fifo, 'a FIFO'],
      ['/dev/zero', 'a device'],
      [join(dir, 'a-directory'), 'a directory'],
    ] as const
    const runs = await Promise.all(
      cases.map(([path]) => runAction({ inputs: { ...DIAGNOSE, 'log-file': path }, timeoutMs: 20_000 })),
    )
    for (const [index, [path, what]] of cases.entries()) {
      await holds('malformed inputs: one clear error naming the input', `log-file: ${path}`, () => {
        expectOneClearError(runs[index], 'log-file')
        expect(runs[index].summary).toContain(`it is ${what}`)
      })
    }
  })

  it('the end of a log of more than 2 GiB is read and diagnosed', async () => {
    const path = join(tempDir('ccg-log-file-'), 'huge.log')
    // Sparse: 2 GiB of nothing, then the run's last lines.
    writeFileSync(path, 'the start of a long run\n')
    truncateSync(path, 2 ** 31 + 1024)
    appendFileSync(path, '\nError: Credit balance is too low\n')
    const run = await runAction({ inputs: { ...DIAGNOSE, 'log-file': path } })
    await holds('log-file: the end of any regular file is read', '2 GiB sparse log', () => {
      expect(run.outputs.cause).toBe('credit-balance-low')
      expect(run.summary).toContain('Credit balance is too low')
    })
  })
})

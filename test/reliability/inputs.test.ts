// Malformed inputs: each ends the step with exactly one clear error that names the input, no stack
// trace, nothing run, and a job summary that explains. The bundled action, run as the runner does.
import { describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { processedCommands } from './workflow-commands.ts'

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

// Faults around the action: the API connection reset, refused or hanging, and the runner's files
// missing or unwritable. The bundled action with the real CLI against the mock API.
import { closedPort } from '../support/claude-recorder.ts'
import { describe, expect, it } from 'vitest'
import { sequence } from '../../src/demo/mock-api.ts'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { NO_PREFLIGHT, mockApiPerTest, TEST_KEY } from './mock-api.ts'
import { processedCommands } from './workflow-commands.ts'
import { tempDir } from '../support/temp-dirs.ts'

const API_FAULTS = 'API connection faults are diagnosed and retried'
const RUNNER_FILES = 'missing runner files: one warning, the log stands in'
/** Claude Code's own retries are not what is tested here. */
const NO_IN_RUN_RETRIES = { CLAUDE_CODE_MAX_RETRIES: '0' }
const PROMPT = { prompt: 'Say hello.', 'anthropic-api-key': TEST_KEY, 'retry-wait-seconds': '0' }

const evidenceOf = (run: ActionRun, attempt: number): string =>
  (run.report?.attempts[attempt].evidence ?? []).map((item) => item.text).join('\n')

describe('API connection faults', () => {
  const startApi = mockApiPerTest()

  it('a reset connection is a network error, retried', async () => {
    const api = await startApi(sequence(1, { kind: 'reset' }))
    const run = await runAction({ apiUrl: api.url, inputs: PROMPT, env: NO_IN_RUN_RETRIES })
    await holds(API_FAULTS, 'connection reset', () => {
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['network-error', 'none'])
      expect(evidenceOf(run, 0)).toMatch(/ECONNRESET|socket hang up|Connection error/i)
      expect(run.outputs.conclusion).toBe('success')
    })
  })

  it('a refused connection is a network error, retried until the attempts run out', async () => {
    const run = await runAction({
      apiUrl: `http://127.0.0.1:${await closedPort()}`,
      inputs: { ...PROMPT, 'max-attempts': '2' },
      env: NO_IN_RUN_RETRIES,
    })
    await holds(API_FAULTS, 'connection refused', () => {
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['network-error', 'network-error'])
      expect(evidenceOf(run, 1)).toMatch(/ECONNREFUSED|Unable to connect/i)
      expect(run.exitCode).toBe(1)
    })
  })

  it('a hanging API is a timeout, retried', async () => {
    // 12 s per attempt: room for Claude Code to start and answer on a busy machine, so only the hang times out.
    const api = await startApi(sequence(1, { kind: 'hang' }))
    const run = await runAction({ apiUrl: api.url, inputs: { ...PROMPT, 'timeout-minutes': '0.2' }, env: NO_IN_RUN_RETRIES })
    await holds(API_FAULTS, 'API hangs', () => {
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['timeout', 'none'])
      expect(evidenceOf(run, 0)).toContain('timeout-minutes')
      expect(run.outputs.conclusion).toBe('success')
    })
  })
})

describe("the runner's files", () => {
  const warnings = (run: ActionRun): string[] =>
    processedCommands(run.stdout).filter((command) => command.startsWith('::warning::'))

  it('an unwritable summary file: one warning, the summary in the log, outputs still set', async () => {
    // A directory where the file should be: unwritable even for root.
    const run = await runAction({
      inputs: { ...NO_PREFLIGHT, command: 'echo hello-from-the-command' },
      env: { GITHUB_STEP_SUMMARY: tempDir('ccg-summary-dir-') },
    })
    await holds(RUNNER_FILES, 'GITHUB_STEP_SUMMARY unwritable', () => {
      expect(run.exitCode).toBe(0)
      expect(warnings(run)).toHaveLength(1)
      expect(warnings(run)[0]).toContain('GITHUB_STEP_SUMMARY')
      expect(run.stdout).toContain('Claude Code succeeded')
      expect(run.outputs.conclusion).toBe('success')
    })
  })

  it('GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP all unset: still runs, warns once', async () => {
    const run = await runAction({
      inputs: { ...NO_PREFLIGHT, command: 'echo hello; exit 2', 'max-attempts': '1' },
      env: { GITHUB_STEP_SUMMARY: undefined, GITHUB_OUTPUT: undefined, RUNNER_TEMP: undefined },
    })
    await holds(RUNNER_FILES, 'all three unset', () => {
      expect(run.exitCode).toBe(1)
      expect(warnings(run)).toHaveLength(1)
      for (const name of ['GITHUB_STEP_SUMMARY', 'GITHUB_OUTPUT', 'RUNNER_TEMP']) expect(warnings(run)[0]).toContain(name)
      expect(run.stdout).toContain('Claude Code failed')
      expect(run.stdout).toMatch(/conclusion: failure/)
      expect(run.stdout).toMatch(/report-file: \S+report\.json/)
      // No deprecated set-output command: outputs outside Actions are printed as plain text.
      expect(run.stdout).not.toContain('::set-output')
      expect(processedCommands(run.stdout).filter((command) => command.startsWith('::error'))).toHaveLength(1)
    })
  })
})

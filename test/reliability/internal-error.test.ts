// A fault inside the action itself fails the step with one clear message, no stack trace, and still
// writes what it can of the summary and the outputs. The adapter (src/main.ts) runs in-process here,
// with the guard, the summary renderer or the redactor replaced by one that throws.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseOutputFile } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { processedCommands } from './workflow-commands.ts'
import { tempDir } from '../support/temp-dirs.ts'

const GUARANTEE = 'an internal error: one clear message, summary still written'

// One set of runner files for all cases: the toolkit keeps the summary path once it has seen it.
const dir = tempDir('ccg-internal-')
const files = { GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: join(dir, 'output') }

/** Runs the adapter once with the given module replaced; returns what it logged and wrote. */
async function runAdapterWith(
  mockModule: () => void,
): Promise<{ log: string; summary: string; outputs: Record<string, string> }> {
  for (const path of Object.values(files)) writeFileSync(path, '')
  vi.stubEnv('GITHUB_STEP_SUMMARY', files.GITHUB_STEP_SUMMARY)
  vi.stubEnv('GITHUB_OUTPUT', files.GITHUB_OUTPUT)
  vi.stubEnv('RUNNER_TEMP', dir)
  vi.stubEnv('INPUT_COMMAND', 'echo hello')
  vi.stubEnv('INPUT_PREFLIGHT', 'false')
  vi.resetModules()
  mockModule()
  const { run } = await import('../../src/main.ts')
  let log = ''
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    log += String(chunk)
    return true
  })
  try {
    await run()
  } finally {
    write.mockRestore()
  }
  return {
    log,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
  }
}

describe('an internal error', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.doUnmock('../../src/guard/guard.ts')
    vi.doUnmock('../../src/render/summary.ts')
    vi.doUnmock('../../src/secrets/redact.ts')
    process.exitCode = undefined
  })

  it('in the guarded run', async () => {
    const result = await runAdapterWith(() =>
      vi.doMock('../../src/guard/guard.ts', async (original) => ({
        ...(await original<typeof import('../../src/guard/guard.ts')>()),
        runGuard: () => Promise.reject(new Error('simulated fault in the guard')),
      })),
    )
    const exitCode = process.exitCode
    await holds(GUARANTEE, 'the guarded run throws', () => {
      expect(exitCode).toBe(1)
      const errors = processedCommands(result.log).filter((command) => command.startsWith('::error'))
      expect(errors).toEqual([
        '::error title=claude-code-guard failed::claude-code-guard failed (internal-error): The action itself failed: this is a bug in claude-code-guard, not in your workflow or your key. The error: simulated fault in the guard. See the job summary for the fix.',
      ])
      expect(result.log).not.toMatch(/^\s+at /m)
      expect(result.summary).toContain('claude-code-guard failed')
      expect(result.summary).toContain('simulated fault in the guard')
      expect(result.outputs.conclusion).toBe('failure')
    })
  })

  it('in rendering the summary', async () => {
    const result = await runAdapterWith(() =>
      vi.doMock('../../src/render/summary.ts', async (original) => ({
        ...(await original<typeof import('../../src/render/summary.ts')>()),
        renderSummary: () => {
          throw new Error('simulated fault in the summary')
        },
      })),
    )
    const exitCode = process.exitCode
    await holds(GUARANTEE, 'rendering the summary throws', () => {
      expect(exitCode).toBe(1)
      const errors = processedCommands(result.log).filter((command) => command.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain('simulated fault in the summary')
      expect(result.summary).toContain('cannot render the job summary: simulated fault in the summary')
      // The action's own fault fails the step, though the command itself succeeded.
      expect(result.outputs.conclusion).toBe('failure')
      expect(result.outputs.cause).toBe('internal-error')
    })
  })

  it('in handling the attempt’s output: the attempt is stopped, and no capture file is left', async () => {
    const result = await runAdapterWith(() =>
      vi.doMock('../../src/secrets/redact.ts', async (original) => {
        const { Redactor } = await original<typeof import('../../src/secrets/redact.ts')>()
        class FaultyRedactor extends Redactor {
          override redactBytes(): Buffer {
            throw new RangeError('simulated fault in the output path')
          }
        }
        return { Redactor: FaultyRedactor }
      }),
    )
    const exitCode = process.exitCode
    await holds(GUARANTEE, 'handling the output throws', () => {
      expect(exitCode).toBe(1)
      const errors = processedCommands(result.log).filter((command) => command.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain("handling the attempt's output failed: simulated fault in the output path")
      expect(result.log).not.toMatch(/^\s+at /m)
      expect(result.summary).toContain('simulated fault in the output path')
      expect(result.outputs.cause).toBe('internal-error')
      const left = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.partial'))
      expect(left).toEqual([])
    })
  })
})

// Time limits, cancellation and process trees, end to end: the bundled action runs a command (or the
// real CLI against the mock API), and the test checks from /proc that nothing the attempt started survives.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction, type ActionRun } from '../support/run-action.ts'
import { holds } from './guarantees.ts'
import { NO_PREFLIGHT, always, mockApiPerTest, TEST_KEY } from './mock-api.ts'
import { childrenOf, groupMembers, isAlive, waitFor } from './processes.ts'

/** Starts a background grandchild, writes its pid, and waits. */
const WITH_GRANDCHILD = 'sleep 300 & echo $! > grandchild.pid; echo started; wait'
/** The same, but the grandchild ignores SIGINT and SIGTERM and outlives the shell: only SIGKILL ends it. */
const WITH_STUBBORN_GRANDCHILD = "(trap '' INT TERM; exec sleep 300) & echo $! > grandchild.pid; echo started; wait"

const grandchildOf = (run: ActionRun): number => Number(readFileSync(join(run.workspace, 'grandchild.pid'), 'utf8'))

/** Runs the action; once `ready` holds for the attempt's process, sends `signals` a second apart, as the runner does. */
async function cancelledRun(
  inputs: Record<string, string>,
  ready: (attemptPid: number) => boolean,
  signals: NodeJS.Signals[],
  apiUrl?: string,
): Promise<{ run: ActionRun; attemptGroup: number; secondsAfterSignal: number }> {
  let attemptGroup = 0
  let signalledAt = 0
  const run = await runAction({
    apiUrl,
    inputs: { 'anthropic-api-key': TEST_KEY, ...inputs },
    onStart: (action) => {
      void (async () => {
        // The attempt's process is the action's child, and leads its own process group.
        attemptGroup = await waitFor(() => childrenOf(action.pid ?? 0).find(ready))
        signalledAt = Date.now()
        for (const [index, signal] of signals.entries()) {
          if (index > 0) await new Promise((resolve) => setTimeout(resolve, 1000))
          if (action.exitCode === null) action.kill(signal)
        }
      })()
    },
  })
  return { run, attemptGroup, secondsAfterSignal: (Date.now() - signalledAt) / 1000 }
}

describe('time limits and process trees', () => {
  it('timeout-minutes stops the whole tree, grandchild included', async () => {
    const run = await runAction({
      inputs: { ...NO_PREFLIGHT, command: WITH_GRANDCHILD, 'timeout-minutes': '0.02', 'max-attempts': '1' },
    })
    await holds('timeout kills the process tree', 'background grandchild', () => {
      expect(run.outputs.cause).toBe('timeout')
      expect(run.exitCode).toBe(1)
      expect(run.report?.attempts[0].evidence.map((e) => e.text).join('\n')).toContain('timeout-minutes')
      expect(run.report?.attempts[0].stopped).toBe('timeout')
      expect(run.summary).toMatch(/\| 1 \| ❌ Timed out \| stopped by the action at timeout-minutes \|/)
      expect(isAlive(grandchildOf(run))).toBe(false)
    })
  })

  it('a grandchild that ignores SIGTERM is killed after the grace period', async () => {
    const run = await runAction({
      inputs: { ...NO_PREFLIGHT, command: WITH_STUBBORN_GRANDCHILD, 'timeout-minutes': '0.02', 'max-attempts': '1' },
    })
    await holds('timeout kills the process tree', 'grandchild ignoring SIGTERM', () => {
      expect(run.outputs.cause).toBe('timeout')
      expect(isAlive(grandchildOf(run))).toBe(false)
    })
  })

  it('a child killed by a signal is a failure with exit code 128+N', async () => {
    const killed = await runAction({ inputs: { ...NO_PREFLIGHT, command: 'echo working; kill -KILL $$', 'max-attempts': '1' } })
    const crashed = await runAction({ inputs: { ...NO_PREFLIGHT, command: 'kill -SEGV $$', 'max-attempts': '1' } })
    await holds('a child killed by a signal fails', 'SIGKILL and SIGSEGV', () => {
      expect(killed.outputs.conclusion).toBe('failure')
      expect(killed.outputs['exit-code']).toBe('137')
      expect(killed.report?.attempts[0].evidence.map((e) => e.text)).toContain('killed by SIGKILL')
      // Killed from outside, not by the action.
      expect(killed.report?.attempts[0].stopped).toBeUndefined()
      expect(crashed.outputs['exit-code']).toBe('139')
      expect(crashed.exitCode).toBe(1)
    })
  })
})

describe('cancellation', () => {
  const startApi = mockApiPerTest()

  const expectCancelled = (run: ActionRun, attemptGroup: number, secondsAfterSignal: number): void => {
    expect(run.signal).toBeNull()
    expect(run.exitCode).toBe(1)
    expect(run.outputs.cause).toBe('cancelled')
    expect(run.outputs.attempts).toBe('1')
    expect(run.report?.cause).toBe('cancelled')
    expect(run.report?.attempts[0].cause).toBe('cancelled')
    expect(run.report?.attempts[0].stopped).toBe('cancelled')
    expect(run.summary).toContain('Cancelled')
    expect(groupMembers(attemptGroup)).toEqual([])
    // The runner sends SIGKILL 10 s after SIGINT; everything above must be done by then. Not a speed
    // goal: a correctness deadline, with several seconds of slack for a loaded machine.
    expect(secondsAfterSignal).toBeLessThan(10)
  }

  it('SIGINT mid-attempt stops Claude Code, is not retried even with retry-on: any, and reports', async () => {
    const api = await startApi(always({ kind: 'hang' }))
    const { run, attemptGroup, secondsAfterSignal } = await cancelledRun(
      { prompt: 'Wait for the API.', 'retry-on': 'any', 'max-attempts': '3', 'retry-wait-seconds': '0' },
      () => api.messageCalls('claude-code').length > 0,
      ['SIGINT'],
      api.url,
    )
    await holds('cancellation stops the tree and still reports', 'SIGINT, real CLI waiting on the API', () => {
      expectCancelled(run, attemptGroup, secondsAfterSignal)
      expect(run.stdout).toContain('Received SIGINT')
    })
  })

  it('SIGTERM mid-attempt stops a command and its grandchild', async () => {
    const { run, attemptGroup, secondsAfterSignal } = await cancelledRun(
      { ...NO_PREFLIGHT, command: WITH_GRANDCHILD },
      (attemptPid) => existsSync(`/proc/${attemptPid}/cwd/grandchild.pid`),
      ['SIGTERM'],
    )
    await holds('cancellation stops the tree and still reports', 'SIGTERM, command with a grandchild', () => {
      expectCancelled(run, attemptGroup, secondsAfterSignal)
      expect(isAlive(grandchildOf(run))).toBe(false)
    })
  })

  it('SIGINT then SIGTERM, as the runner sends them, end a tree that ignores both', async () => {
    const { run, attemptGroup, secondsAfterSignal } = await cancelledRun(
      { ...NO_PREFLIGHT, command: WITH_STUBBORN_GRANDCHILD },
      (attemptPid) => existsSync(`/proc/${attemptPid}/cwd/grandchild.pid`),
      ['SIGINT', 'SIGTERM'],
    )
    await holds('cancellation stops the tree and still reports', 'SIGINT + SIGTERM, tree ignoring both', () => {
      expectCancelled(run, attemptGroup, secondsAfterSignal)
      expect(isAlive(grandchildOf(run))).toBe(false)
    })
  })

  it('SIGINT during the wait between attempts ends the run at once, cancelled', async () => {
    let signalledAt = 0
    const run = await runAction({
      inputs: {
        ...NO_PREFLIGHT,
        command: 'echo \'API Error: 529 {"type":"overloaded_error"}\'; exit 1',
        'retry-wait-seconds': '60',
      },
      onStart: (action) =>
        action.stdout?.on('data', (chunk: Buffer) => {
          if (signalledAt === 0 && chunk.toString().includes('Retrying in')) {
            signalledAt = Date.now()
            action.kill('SIGINT')
          }
        }),
    })
    const secondsAfterSignal = (Date.now() - signalledAt) / 1000
    await holds('cancellation stops the tree and still reports', 'SIGINT during the wait between attempts', () => {
      expect(run.exitCode).toBe(1)
      expect(run.outputs.cause).toBe('cancelled')
      expect(run.report?.attempts.map((attempt) => attempt.cause)).toEqual(['overloaded'])
      expect(run.report?.stopReason).toMatch(/^Cancelled \(SIGINT\) after attempt 1/)
      // Far below the 60 s wait: the wait itself was cut short.
      expect(secondsAfterSignal).toBeLessThan(10)
    })
  })
})

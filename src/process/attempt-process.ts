// Runs one attempt's process: its own process group (so a time limit, an early stop or a cancellation
// reaches every process it started), stdin closed, output split into lines as it arrives.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { LineSplitter } from './line-splitter.js'
import type { ProcessOutcome } from '../diagnostics/classify.js'

export interface ProcessSpec {
  file: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
}

export interface ProcessHooks {
  /** Called for each line; return true to stop the process (the run cannot succeed). */
  onLine(stream: 'stdout' | 'stderr', line: string): boolean
  /** 0 means no limit. */
  timeoutMs: number
  signal?: AbortSignal
}

/** Time between SIGTERM and SIGKILL for the process group. */
export const KILL_GRACE_MS = 5000
/** How long output may still arrive after the main process exited before the pipes are closed. */
const DRAIN_MS = 1000

export interface ProcessResult extends ProcessOutcome {
  cancelled: boolean
  stoppedEarly: boolean
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // The group is already gone.
  }
}

export function runProcess(spec: ProcessSpec, hooks: ProcessHooks): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let timedOut = false
    let cancelled = false
    let stoppedEarly = false
    let killTimer: NodeJS.Timeout | undefined
    const child = spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })

    const stopGroup = (): void => {
      if (killTimer) return
      signalGroup(child.pid, 'SIGTERM')
      killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS)
    }
    const splitterFor = (stream: 'stdout' | 'stderr'): LineSplitter =>
      new LineSplitter((line) => {
        if (hooks.onLine(stream, line) && !stoppedEarly) {
          stoppedEarly = true
          stopGroup()
        }
      })
    const splitters = { stdout: splitterFor('stdout'), stderr: splitterFor('stderr') }
    child.stdout.on('data', (chunk: Buffer) => splitters.stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => splitters.stderr.push(chunk))

    const timeout = hooks.timeoutMs > 0 ? setTimeout(() => ((timedOut = true), stopGroup()), hooks.timeoutMs) : undefined
    const onAbort = (): void => {
      cancelled = true
      stopGroup()
    }
    hooks.signal?.addEventListener('abort', onAbort, { once: true })

    let settled = false
    const finish = (outcome: Pick<ProcessOutcome, 'exitCode' | 'signal' | 'spawnError'>): void => {
      if (settled) return
      settled = true
      clearTimeout(timeout)
      clearTimeout(killTimer)
      hooks.signal?.removeEventListener('abort', onAbort)
      splitters.stdout.end()
      splitters.stderr.end()
      resolve({ ...outcome, timedOut, cancelled, stoppedEarly })
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ exitCode: null, signal: null, spawnError: `${spec.file}: ${error.code ?? ''} ${error.message}`.trim() })
    })
    child.on('exit', (code, signal) => {
      const exitCode = code ?? (signal ? 128 + constants.signals[signal] : null)
      // Background processes the attempt left behind would hold the pipes open (and interfere with the
      // next attempt): stop the group, give the output a moment to drain, then close the pipes.
      signalGroup(child.pid, 'SIGTERM')
      const drained = setTimeout(() => {
        child.stdout.destroy()
        child.stderr.destroy()
        finish({ exitCode, signal })
      }, DRAIN_MS)
      child.on('close', () => {
        clearTimeout(drained)
        finish({ exitCode, signal })
      })
    })
  })
}

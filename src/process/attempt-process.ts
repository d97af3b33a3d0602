// Runs one attempt's process: its own process group (so a time limit, an early stop or a cancellation
// reaches every process it started), stdin closed, output split into lines as it arrives.
//
// States, in order:
//
//   running ──main process exits──▶ draining ──group gone, pipes closed (or 1 s)──▶ finished
//      │                               ▲
//      └─ stop (time limit, early stop, cancellation, a fault in handling the output): SIGTERM to the
//         group, SIGKILL 5 s later
//
// - running: stdout and stderr each go to a file read as it grows (see output-capture.ts), at the pace
//   `pace` sets; their lines reach `onLines` a block at a time, which may ask to stop.
// - draining: what the main process started may still be finishing and writing (Claude Code's last
//   output goes through such a process); the group gets a moment, then whatever is left is stopped so
//   nothing outlives the attempt, and the output is read to its end.
// - finished: the outcome is resolved once, with its own capture files removed and every timer cleared;
//   after a fault in handling the output (a bug), the promise is rejected with it instead, so the caller
//   reports it rather than the action crashing with the output half handled.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { constants } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { LineSplitter } from './line-splitter.js'
import { OutputCapture } from './output-capture.js'

export interface ProcessSpec {
  file: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
}

/** How the attempt's process ended. */
export interface ProcessOutcome {
  exitCode: number | null
  /** The signal that killed the main process, e.g. SIGTERM. */
  signal: string | null
  /** Set when the executable could not be started. */
  spawnError?: string
  /**
   * Why the action stopped the process, when it did: it ran past `timeout-minutes`, its output showed
   * the run could not succeed (`early`), or the run was cancelled.
   */
  stopped?: StopReason
}

export type StopReason = 'timeout' | 'early' | 'cancelled'

export interface ProcessHooks {
  /**
   * Called with one or more whole lines as bytes, each ending in `\n`, and whether they are the stream's
   * next bytes as the child wrote them; return true to stop the process (the run cannot succeed).
   */
  onLines(stream: 'stdout' | 'stderr', lines: Buffer, verbatim: boolean): boolean
  /** Where stdout is captured, when the caller keeps the file; else in a private file removed at the end. */
  stdoutCapture?: OutputCapture
  /** Waited for before each read of the output: the reader's backlog. The child never waits for it. */
  pace?: () => Promise<void> | undefined
  /** 0 means no limit. */
  timeoutMs: number
  /** Aborting stops the process group; a signal name as the reason is forwarded as that signal. */
  signal?: AbortSignal
}

/** Time between SIGTERM and SIGKILL for the process group. */
const KILL_GRACE_MS = 5000
/** How long the attempt's other processes may go on after the main one exited, and output still arrive. */
const DRAIN_MS = 1000
const GROUP_POLL_MS = 25

function isSignalName(value: unknown): value is NodeJS.Signals {
  return typeof value === 'string' && value in constants.signals
}

/**
 * The attempt's process group. Stopping it sends a signal to every member, then SIGKILL after the grace
 * period to whatever is left; the group is watched until it is gone, so nothing it started outlives it.
 */
class ProcessGroup {
  private killTimer: NodeJS.Timeout | undefined
  private watchTimer: NodeJS.Timeout | undefined

  constructor(private readonly pgid: number) {}

  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.send(signal) || this.killTimer) return
    this.killTimer = setTimeout(() => {
      this.send('SIGKILL')
      clearInterval(this.watchTimer)
    }, KILL_GRACE_MS)
    this.watchTimer = setInterval(() => {
      if (this.send(0)) return
      clearTimeout(this.killTimer)
      clearInterval(this.watchTimer)
    }, GROUP_POLL_MS)
  }

  /** Resolves once no process of the group is left, or after `ms`. */
  async gone(ms: number): Promise<void> {
    for (const deadline = Date.now() + ms; this.send(0) && Date.now() < deadline;) await sleep(GROUP_POLL_MS)
  }

  /** False when no process of the group is left. */
  private send(signal: NodeJS.Signals | 0): boolean {
    try {
      process.kill(-this.pgid, signal)
      return true
    } catch {
      return false
    }
  }
}

type State = 'running' | 'draining' | 'finished'

/** Why the executable could not be started, in one line. */
const spawnFailure = (spec: ProcessSpec, error: NodeJS.ErrnoException): string =>
  `${spec.file}: ${error.code ?? ''} ${error.message}`.trim()

export function runProcess(spec: ProcessSpec, hooks: ProcessHooks): Promise<ProcessOutcome> {
  if (hooks.signal?.aborted) return Promise.resolve({ exitCode: null, signal: null, stopped: 'cancelled' })
  return new Promise((resolve, reject) => {
    let state: State = 'running'
    /** Why the group was stopped while running, if it was. */
    let stopped: StopReason | undefined
    const captures = { stdout: hooks.stdoutCapture ?? OutputCapture.create('stdout'), stderr: OutputCapture.create('stderr') }
    /** The caller's capture is closed for it to keep; the private ones are removed. */
    const releaseCaptures = (): void => {
      if (captures.stdout === hooks.stdoutCapture) captures.stdout?.close()
      else captures.stdout?.dispose()
      captures.stderr?.dispose()
    }
    let child: ChildProcess
    try {
      child = spawn(spec.file, spec.args, {
        cwd: spec.cwd,
        env: spec.env,
        stdio: ['ignore', captures.stdout?.writeFd ?? 'pipe', captures.stderr?.writeFd ?? 'pipe'],
        detached: true,
      })
    } catch (error) {
      // Some failures to start are thrown rather than emitted: a path or an argument too long for the system.
      releaseCaptures()
      resolve({ exitCode: null, signal: null, spawnError: spawnFailure(spec, error as NodeJS.ErrnoException) })
      return
    }
    captures.stdout?.closeWriter()
    captures.stderr?.closeWriter()
    const group = child.pid === undefined ? undefined : new ProcessGroup(child.pid)
    const stop = (why: StopReason, signal?: NodeJS.Signals): void => {
      // The first reason stands, except that a cancellation is what the run ends as, whatever came first.
      if (stopped === undefined || why === 'cancelled') stopped = why
      group?.stop(signal)
    }

    const splitterFor = (stream: 'stdout' | 'stderr'): LineSplitter =>
      new LineSplitter((lines, verbatim) => {
        if (hooks.onLines(stream, lines, verbatim) && stopped === undefined) stop('early')
      })
    const splitters = { stdout: splitterFor('stdout'), stderr: splitterFor('stderr') }
    /** The first fault in handling the output: the group is stopped and the rest of the output dropped. */
    let fault: { error: unknown } | undefined
    const handle = (work: () => void): void => {
      if (fault) return
      try {
        work()
      } catch (error) {
        fault = { error }
        group?.stop()
      }
    }
    // A pipe (when no file could be made) is read as fast as the child writes: Claude Code loses output
    // still unwritten when it exits.
    child.stderr?.on('data', (chunk: Buffer) => handle(() => splitters.stderr.push(chunk)))
    child.stdout?.on('data', (chunk: Buffer) => handle(() => splitters.stdout.push(chunk)))
    const exited = new AbortController()
    const follow = (stream: 'stdout' | 'stderr'): Promise<void> =>
      captures[stream]?.follow((chunk) => handle(() => splitters[stream].push(chunk)), exited.signal, hooks.pace) ??
      Promise.resolve()
    const outputRead = Promise.all([follow('stdout'), follow('stderr')])

    const timeout = hooks.timeoutMs > 0 ? setTimeout(() => stop('timeout'), hooks.timeoutMs) : undefined
    const onAbort = (): void => {
      const reason: unknown = hooks.signal?.reason
      stop('cancelled', isSignalName(reason) ? reason : 'SIGTERM')
    }
    hooks.signal?.addEventListener('abort', onAbort, { once: true })

    const finish = (ending: Pick<ProcessOutcome, 'exitCode' | 'signal' | 'spawnError'>): void => {
      if (state === 'finished') return
      state = 'finished'
      releaseCaptures()
      clearTimeout(timeout)
      hooks.signal?.removeEventListener('abort', onAbort)
      handle(() => splitters.stdout.end())
      handle(() => splitters.stderr.end())
      if (fault) reject(fault.error instanceof Error ? fault.error : new Error(String(fault.error)))
      else resolve({ ...ending, ...(stopped === undefined ? {} : { stopped }) })
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ exitCode: null, signal: null, spawnError: spawnFailure(spec, error) })
    })
    child.on('exit', (code, signal) => {
      state = 'draining'
      exited.abort()
      // A child killed by a signal failed: the shell's convention, 128 + the signal's number.
      const exitCode = code ?? (signal ? 128 + constants.signals[signal] : null)
      const pipesClosed = once(child, 'close')
      void (async () => {
        await group?.gone(DRAIN_MS)
        group?.stop()
        // The drain timer is cancelled once the pipes close: a pending timer would hold the action's exit.
        const drained = new AbortController()
        await Promise.race([pipesClosed, sleep(DRAIN_MS, undefined, { signal: drained.signal }).catch(() => undefined)])
        drained.abort()
        child.stdout?.destroy()
        child.stderr?.destroy()
        await outputRead
        finish({ exitCode, signal })
      })()
    })
  })
}

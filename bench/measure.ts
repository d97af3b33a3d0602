// Runs one process as a workflow step would and measures it: wall time, when a given stdout line first
// appeared, how much it printed and, on request, its peak memory. Plus the statistics the tables use.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ProcessSpec {
  file: string
  args: string[]
  env: Record<string, string>
  cwd?: string
  /** `open`: a pipe nobody writes or closes, as a plain `run:` step leaves it; `closed`: /dev/null. */
  stdin: 'open' | 'closed'
  /** Report when the first stdout line matching this appeared. */
  watchFor?: RegExp
  peakMemory?: boolean
  timeoutMs?: number
}

export interface Measurement {
  exitCode: number | null
  seconds: number
  /** Seconds from the start until the first stdout line matching `watchFor`. */
  watchedSeconds?: number
  stdoutBytes: number
  peakRssMiB?: number
  /** The end of stdout and stderr, to see why a run went wrong. */
  tail: string
}

const TAIL_BYTES = 4096
/** GNU time reports the peak RSS of the process (and its waited-for children) exactly; /proc is the fallback. */
export const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** Peak RSS so far (VmHWM) of a live process, from /proc; undefined once it is gone. */
function highWaterMiB(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

export async function measureProcess(spec: ProcessSpec): Promise<Measurement> {
  const timeFile = spec.peakMemory && timeBinary ? join(mkdtempSync(join(tmpdir(), 'ccg-bench-time-')), 'time.txt') : undefined
  const [file, args] = timeFile ? [timeBinary as string, ['-v', '-o', timeFile, spec.file, ...spec.args]] : [spec.file, spec.args]
  const started = performance.now()
  const child = spawn(file, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: [spec.stdin === 'open' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdoutBytes = 0
  let tail = ''
  let partialLine = ''
  let watchedSeconds: number | undefined
  const keepTail = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8', Math.max(0, chunk.length - TAIL_BYTES))).slice(-TAIL_BYTES)
  }
  child.stdout?.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length
    keepTail(chunk)
    if (!spec.watchFor || watchedSeconds !== undefined) return
    const lines = (partialLine + chunk.toString()).split('\n')
    partialLine = lines.pop() ?? ''
    if (lines.some((line) => spec.watchFor?.test(line))) watchedSeconds = (performance.now() - started) / 1000
  })
  child.stderr?.on('data', keepTail)

  let sampledMiB: number | undefined
  const sampler =
    spec.peakMemory && !timeFile ? setInterval(() => (sampledMiB = highWaterMiB(child.pid ?? 0) ?? sampledMiB), 20) : undefined
  const killer = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), spec.timeoutMs ?? 20 * 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const seconds = (performance.now() - started) / 1000
  clearTimeout(killer)
  clearInterval(sampler)

  let peakRssMiB = sampledMiB
  if (timeFile) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))
    peakRssMiB = match ? Number(match[1]) / 1024 : undefined
    rmSync(join(timeFile, '..'), { recursive: true, force: true })
  }
  return { exitCode, seconds, watchedSeconds, stdoutBytes, peakRssMiB, tail }
}

export interface Spread {
  median: number
  min: number
  max: number
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

/** Runs `rounds` rounds of every arm in turn (A B A B …), so drift in the machine's load hits all arms alike. */
export async function interleave<T>(rounds: number, arms: readonly (() => Promise<T>)[]): Promise<T[][]> {
  const results: T[][] = arms.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (const [index, arm] of arms.entries()) results[index].push(await arm())
  }
  return results
}

/** A fresh directory for one run, removed afterwards (a chatty run leaves a 1 GiB stream file in it). */
export async function inScratchDirectory<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-bench-'))
  try {
    return await use(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

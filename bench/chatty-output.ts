// Memory under a chatty child: runs the bundled action (dist/index.js) with a `command` that prints a lot
// (1 GiB by default) and prints the action's peak resident memory (goal: under 150 MiB), its time and
// throughput. The action's log is read as the runner would read it; the raw stream file is written in a
// temporary folder and removed afterwards. Linux only (reads /proc).
//
//   npm run bundle && node bench/chatty-output.ts [--mib 1024] [--line-bytes 100]
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { mib: { type: 'string', default: '1024' }, 'line-bytes': { type: 'string', default: '100' } },
})
const bytes = Number(values.mib) * 1024 * 1024
const lineBytes = Number(values['line-bytes'])
const GOAL_MIB = 150

const root = mkdtempSync(join(tmpdir(), 'ccg-bench-chatty-'))
const runnerTemp = join(root, 'runner-temp')
mkdirSync(runnerTemp)
for (const file of ['summary.md', 'output']) writeFileSync(join(root, file), '')

/** Peak and current resident memory of a process, in KiB, from /proc (VmHWM is the high-water mark). */
function memoryKiB(pid: number): { peak: number; current: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
    return { peak: field('VmHWM'), current: field('VmRSS') }
  } catch {
    return undefined
  }
}

// Lines of `lineBytes` (newline included) until about `bytes` have been printed.
const letters = Math.round((bytes * (lineBytes - 1)) / lineBytes)
const command = `head -c ${letters} /dev/zero | tr '\\0' x | fold -w ${lineBytes - 1}`
const started = Date.now()
const action = spawn(process.execPath, [join(import.meta.dirname, '..', 'dist', 'index.js')], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    PATH: process.env.PATH,
    HOME: root,
    INPUT_COMMAND: command,
    'INPUT_MAX-ATTEMPTS': '1',
    INPUT_PREFLIGHT: 'false',
    GITHUB_STEP_SUMMARY: join(root, 'summary.md'),
    GITHUB_OUTPUT: join(root, 'output'),
    RUNNER_TEMP: runnerTemp,
  },
})
let logBytes = 0
action.stdout.on('data', (chunk: Buffer) => (logBytes += chunk.length))

let peakKiB = 0
const sample = setInterval(() => {
  const memory = action.pid === undefined ? undefined : memoryKiB(action.pid)
  if (memory) peakKiB = Math.max(peakKiB, memory.peak, memory.current)
}, 20)
const exitCode = await new Promise<number | null>((resolve) => action.on('close', resolve))
clearInterval(sample)
const seconds = (Date.now() - started) / 1000

const streamFile = readFileSync(join(root, 'output'), 'utf8')
  .match(/report-file<<(\S+)\n(\S+)/)?.[2]
  ?.replace('report.json', 'attempt-1.log')
const streamBytes = streamFile ? statSync(streamFile).size : 0
rmSync(root, { recursive: true, force: true })

const mib = (value: number): string => (value / 1024 / 1024).toFixed(1)
const peakMiB = peakKiB / 1024
console.log(
  [
    `chatty child: ${mib(bytes)} MiB of output in ${lineBytes}-byte lines`,
    `action exit code: ${exitCode}`,
    `peak RSS of the action: ${peakMiB.toFixed(1)} MiB (goal < ${GOAL_MIB} MiB: ${peakMiB < GOAL_MIB ? 'met' : 'NOT met'})`,
    `time: ${seconds.toFixed(1)} s, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MiB/s`,
    `raw stream file: ${mib(streamBytes)} MiB; log relayed: ${mib(logBytes)} MiB`,
  ].join('\n'),
)

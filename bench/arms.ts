// What the bench compares: our action (dist/index.js, run as the runner runs it), the naive bash loop,
// a generic retry step, and the Claude Code CLI or a command on their own. Each arm is one measured run.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { claudeBin } from '../test/support/claude.ts'
import { distEntry, hermeticEnv, parseOutputFile, prepareActionRun } from '../test/support/run-action.ts'
import { inScratchDirectory, measureProcess, type Measurement } from './measure.ts'

export const PROMPT = 'Summarise the change in one sentence.'
/** Well-formed but made up: the mock decides whether it works. */
export const API_KEY = 'sk-ant-api03-bench0000000000000000000000000000000000000000000000000000000000000000-AAAAAA'
const benchDir = import.meta.dirname

export interface ArmRun extends Measurement {
  /** How the run ended, e.g. `failure: credit-balance-low after 3 attempt(s)` or `exit 0`. */
  verdict: string
  /** Bytes in the action's raw stream files (ours only). */
  streamFileBytes?: number
}

/** The size of the attempts' raw stream files, next to the report file. */
function streamFileBytes(reportFile: string | undefined): number | undefined {
  if (reportFile === undefined) return undefined
  const dir = dirname(reportFile)
  return readdirSync(dir)
    .filter((name) => /^attempt-\d+.*\.(log|jsonl)$/.test(name))
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

export interface ArmOptions {
  apiUrl: string
  /** More environment, e.g. CLAUDE_CODE_MAX_RETRIES for a shortened quick run. */
  env?: Record<string, string>
  watchFor?: RegExp
  peakMemory?: boolean
}

/** Our action as the runner starts it: `node dist/index.js` with INPUT_* variables. */
export async function runOurs(inputs: Record<string, string>, options: ArmOptions): Promise<ArmRun> {
  const files = prepareActionRun({
    inputs: { 'anthropic-api-key': API_KEY, ...inputs },
    apiUrl: options.apiUrl,
    env: options.env,
  })
  try {
    const run = await measureProcess({
      file: process.execPath,
      args: [distEntry],
      env: files.env,
      cwd: files.workspace,
      stdin: 'open',
      watchFor: options.watchFor,
      peakMemory: options.peakMemory,
    })
    const outputs = parseOutputFile(readFileSync(files.outputFile, 'utf8'))
    const verdict =
      outputs.conclusion === undefined
        ? `exit ${run.exitCode} without outputs`
        : outputs.conclusion === 'success'
          ? `success after ${outputs.attempts} attempt(s)`
          : `${outputs.conclusion}: ${outputs.cause} after ${outputs.attempts} attempt(s)`
    return { ...run, verdict, streamFileBytes: streamFileBytes(outputs['report-file']) }
  } finally {
    rmSync(files.root, { recursive: true, force: true })
  }
}

async function runStep(
  file: string,
  args: string[],
  stdin: 'open' | 'closed',
  options: ArmOptions,
  env: Record<string, string> = {},
): Promise<ArmRun> {
  return inScratchDirectory(async (home) => {
    const run = await measureProcess({
      file,
      args,
      env: { ...hermeticEnv(home, options.apiUrl), ANTHROPIC_API_KEY: API_KEY, PROMPT, ...env, ...options.env },
      cwd: home,
      stdin,
      watchFor: options.watchFor,
      peakMemory: options.peakMemory,
    })
    return { ...run, verdict: `exit ${run.exitCode}` }
  })
}

/** `for i in 1 2 3; do claude -p "$PROMPT" && break; sleep 10; done`, run as a `run:` step runs it. */
export const runNaiveLoop = (options: ArmOptions): Promise<ArmRun> =>
  runStep('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(benchDir, 'naive-loop.sh')], 'open', options)

/** A generic retry step (3 attempts, fixed 10 s, any non-zero exit) around `claude -p "$PROMPT"`. */
export const runRetryStep = (options: ArmOptions): Promise<ArmRun> =>
  runStep(process.execPath, [join(benchDir, 'retry-step.ts')], 'open', options, { RETRY_COMMAND: 'claude -p "$PROMPT"' })

/** The CLI alone with the arguments our action gives it; `closed` stdin as the action leaves it. */
export const runClaudeAlone = (stdin: 'open' | 'closed', options: ArmOptions): Promise<ArmRun> =>
  runStep(claudeBin(), ['-p', PROMPT, '--output-format', 'stream-json', '--verbose'], stdin, options)

/** Node on an empty module, as the runner starts an action: the start-up any JavaScript action pays. */
export const runNodeAlone = (options: ArmOptions): Promise<ArmRun> =>
  runStep(process.execPath, [join(benchDir, 'empty.js')], 'open', options)

/** A shell command as a plain `run:` step runs it. */
export const runPlainStep = (command: string, options: ArmOptions): Promise<ArmRun> =>
  runStep('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], 'open', options)

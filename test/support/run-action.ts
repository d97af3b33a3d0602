// Runs the bundled action (dist/index.js) as a process, the way the runner does: inputs as INPUT_*
// variables, outputs through GITHUB_OUTPUT, the summary through GITHUB_STEP_SUMMARY.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { claudeBinDir } from './claude.ts'
import { tempDir } from './temp-dirs.ts'

export const distEntry = join(import.meta.dirname, '..', '..', 'dist', 'index.js')

export interface ActionRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The parsed report file, when one was written. */
  report?: RunReportFile
  /** Every file the action wrote under RUNNER_TEMP, by path. */
  files: Record<string, string>
  seconds: number
  workspace: string
}

export interface RunReportFile {
  conclusion: string
  cause: string
  attempts: {
    number: number
    cause: string
    waitAfterMs: number
    exitCode: number | null
    stopped?: string
    streamFile?: string
    evidence: { source: string; text: string }[]
  }[]
  [key: string]: unknown
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string | undefined>
  /** Mock API base URL; Claude Code and the SDK are pointed at it. */
  apiUrl?: string
  /** Called with the child once started (to send signals). */
  onStart?: (child: ReturnType<typeof spawn>) => void
  timeoutMs?: number
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` … `delimiter`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
    outputs[name] = value.join('\n')
  }
  return outputs
}

function readTree(dir: string, into: Record<string, string> = {}): Record<string, string> {
  if (!existsSync(dir)) return into
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) readTree(path, into)
    else into[path] = readFileSync(path, 'utf8')
  }
  return into
}

/** The environment Claude Code needs to run hermetically against the mock API. */
export function hermeticEnv(home: string, apiUrl?: string): Record<string, string> {
  const pathWithClaude = `${claudeBinDir()}:${process.env.PATH ?? ''}`
  return {
    PATH: pathWithClaude,
    HOME: home,
    LANG: 'C.UTF-8',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    ...(apiUrl ? { ANTHROPIC_BASE_URL: apiUrl } : {}),
  }
}

export interface ActionFiles {
  root: string
  workspace: string
  runnerTemp: string
  outputFile: string
  summaryFile: string
  /** The whole environment of the action process: the runner's variables, INPUT_* and the overrides. */
  env: Record<string, string>
}

/** A fresh runner layout (workspace, RUNNER_TEMP, output and summary files) and the action's environment. */
export function prepareActionRun(options: Pick<RunOptions, 'inputs' | 'env' | 'apiUrl'>): ActionFiles {
  const root = tempDir('ccg-e2e-')
  const workspace = join(root, 'workspace')
  const runnerTemp = join(root, 'runner-temp')
  mkdirSync(workspace)
  mkdirSync(runnerTemp)
  const outputFile = join(root, 'github-output')
  const summaryFile = join(root, 'step-summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const env: Record<string, string> = {
    ...hermeticEnv(root, options.apiUrl),
    // Whatever the action or Claude Code puts in the temporary directory stays in this run's folder.
    TMPDIR: root,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/widgets',
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  return { root, workspace, runnerTemp, outputFile, summaryFile, env }
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const { workspace, runnerTemp, outputFile, summaryFile, env } = prepareActionRun(options)
  const started = Date.now()
  const child = spawn(process.execPath, [distEntry], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] })
  options.onStart?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  )
  clearTimeout(killer)

  const outputs = existsSync(outputFile) ? parseOutputFile(readFileSync(outputFile, 'utf8')) : {}
  const reportPath = outputs['report-file']
  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs,
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
    report: reportPath && existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as RunReportFile) : undefined,
    files: readTree(runnerTemp),
    seconds: (Date.now() - started) / 1000,
    workspace,
  }
}

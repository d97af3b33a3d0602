// The command line's three commands, on the same code as the action: `run` is the whole guarded run,
// `classify` diagnoses a saved log, `diagnose` checks credentials and the environment. Each returns its
// exit code: 0 success or healthy, 1 a failure (its cause printed), 2 a usage error.
import { createReadStream } from 'node:fs'
import { quote } from 'shell-quote'
import { probeCredit, probeModels } from '../credentials/api-probe.js'
import { askClaudeLogin } from '../credentials/claude-login.js'
import { CREDENTIAL_VARIABLES, resolveCredentials } from '../credentials/credential.js'
import { CREDIT_CAUSES } from '../diagnosis/catalogue.js'
import { readSavedLog } from '../diagnosis/saved-log.js'
import { runGuard } from '../guard/guard.js'
import { createRunDirectory, reportPath, writeReportFile } from '../guard/run-directory.js'
import { checksVerdict, credentialChecks, probeCheck, type Check } from '../health/checks.js'
import { claudeCheck, environmentChecks } from '../health/environment.js'
import { abortOnCancelSignals } from '../process/cancel-signals.js'
import { renderChecks } from '../render/checks.js'
import { renderContext } from '../render/pieces.js'
import { renderText } from '../render/terminal.js'
import { savedLogReport } from '../report/build-report.js'
import type { RunReport } from '../report/run-report.js'
import { Redactor } from '../secrets/redact.js'
import { diskFiles } from '../settings/input-files.js'
import { InputError, parseSettings, type InputName } from '../settings/settings.js'
import { TerminalLog } from './terminal-log.js'

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

export class UsageError extends Error {}

export interface Io {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  stdin: NodeJS.ReadableStream
  env: NodeJS.ProcessEnv
}

function redactorFor(env: NodeJS.ProcessEnv): Redactor {
  const redactor = new Redactor()
  for (const name of CREDENTIAL_VARIABLES) redactor.add(env[name])
  return redactor
}

/** Prints the report, redacted as it reads before it is rendered (the terminal wraps long lines). */
function printReport(built: RunReport, json: boolean, io: Io, redactor: Redactor): number {
  const report = redactor.redactDeep(built)
  io.stdout.write(redactor.redact(json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report, renderContext(io.env))))
  return report.conclusion === 'success' ? EXIT.ok : EXIT.failure
}

/** One option of `run`: its help, the default the settings parser applies (shown in the help), and for a flag the help of its `--no-` form. */
export interface RunOption {
  help: string
  default: string
  negated?: string
}

/** The options of `run`, named as the action's inputs and parsed by the same parser. */
export const RUN_OPTIONS = {
  'max-attempts': { help: 'attempts in all, 1 to 10', default: '3' },
  'retry-wait-seconds': { help: 'the first wait between attempts', default: '10' },
  backoff: { help: 'exponential or fixed', default: 'exponential' },
  'max-wait-seconds': { help: "the longest wait, except to honour the API's retry-after", default: '300' },
  'retry-on': { help: 'transient, any, or a comma list of cause ids', default: 'transient' },
  'timeout-minutes': { help: 'time limit per attempt, 0 for none', default: '0' },
  'claude-path': { help: 'the Claude Code executable', default: 'claude' },
  preflight: {
    help: 'check the credential before the first attempt (local checks and a free models.list)',
    default: 'true',
    negated: 'start Claude Code without that check',
  },
  'verify-credit': {
    help: 'after a credit error, test the credential with one billed 1-token request',
    default: 'true',
    negated: 'no billed request after a credit error',
  },
  'probe-model': { help: 'the model for that request', default: 'claude-haiku-4-5' },
  'working-directory': { help: 'where Claude Code runs', default: '.' },
} as const satisfies Partial<Record<InputName, RunOption>>
export type RunInput = keyof typeof RUN_OPTIONS

/** Takes `-p <prompt>` (or `--print <prompt>`) out of Claude Code's arguments. */
export function splitPrompt(args: readonly string[]): { prompt: string; rest: string[] } {
  const at = args.findIndex((arg) => arg === '-p' || arg === '--print')
  const prompt = at === -1 ? undefined : args[at + 1]
  if (prompt === undefined || prompt.startsWith('-')) {
    throw new UsageError('give the prompt after `--` as `-p "<prompt>"`, e.g. `claude-code-guard run -- -p "Say hello"`.')
  }
  return { prompt, rest: [...args.slice(0, at), ...args.slice(at + 2)] }
}

export async function runCommand(
  claudeArgs: readonly string[],
  options: { inputs: Partial<Record<RunInput, string>>; json: boolean },
  io: Io,
): Promise<number> {
  // `--verify-credit false` (the action's spelling) would leave `false` among Claude Code's arguments.
  if (claudeArgs[0] === 'true' || claudeArgs[0] === 'false') {
    throw new UsageError(
      `\`${claudeArgs[0]}\` before \`--\`: flags take no value; use --preflight or --no-preflight, --verify-credit or --no-verify-credit.`,
    )
  }
  const { prompt, rest } = splitPrompt(claudeArgs)
  const inputs: Partial<Record<InputName, string>> = { ...options.inputs, prompt, 'claude-args': quote(rest) }
  let settings
  try {
    settings = parseSettings((name) => inputs[name] ?? '', diskFiles)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    const shown = error.value === '' ? 'empty' : JSON.stringify(error.value)
    const where = error.input === 'claude-args' ? `the arguments after -- (${shown})` : `--${error.input} is ${shown}`
    throw new UsageError(`${where}: ${error.allowed}`)
  }
  if (settings.task.kind === 'diagnose')
    throw new UsageError('`run` runs Claude Code; for a finished run, use `classify` or `diagnose`.')
  const runSettings = { ...settings, task: settings.task }
  const redactor = redactorFor(io.env)
  const log = new TerminalLog(redactor, io.stderr, io.env.RUNNER_DEBUG === '1')
  const abort = new AbortController()
  const removeSignalHandlers = abortOnCancelSignals(abort, (signal) => log.info(`Received ${signal}: stopping the attempt.`))
  try {
    const { dir, problems } = createRunDirectory(io.env, false)
    const report = await runGuard(runSettings, {
      log,
      redactor,
      env: io.env,
      runDir: dir,
      reportFile: reportPath(dir),
      signal: abort.signal,
      login: () => askClaudeLogin(settings.install.claudePath, io.env),
      where: renderContext(io.env).where,
    })
    const problem = writeReportFile(report, redactor)
    for (const text of [...problems, ...(problem ? [problem] : [])]) log.warning(text)
    return printReport(problem ? { ...report, reportFile: undefined } : report, options.json, io, redactor)
  } finally {
    removeSignalHandlers()
  }
}

/** A saved log is read whole up to this size; of a larger one, the end (where a run's error is). */
const MAX_LOG_BYTES = 64 * 1024 * 1024

export async function classifyCommand(
  file: string | undefined,
  options: { json?: boolean; exitCode?: string },
  io: Io,
): Promise<number> {
  const exitCode = options.exitCode === undefined ? undefined : Number(options.exitCode)
  if (exitCode !== undefined && !Number.isInteger(exitCode)) throw new UsageError(`--exit-code must be a whole number.`)
  const source = file === undefined || file === '-' ? 'standard input' : file
  const input = source === 'standard input' ? io.stdin : createReadStream(source)
  const redactor = redactorFor(io.env)
  const startedAt = new Date()
  const chunks: Buffer[] = []
  let bytes = 0
  try {
    for await (const chunk of input) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      chunks.push(buffer)
      bytes += buffer.length
      while (bytes - chunks[0].length > MAX_LOG_BYTES) bytes -= chunks.shift()?.length ?? 0
    }
  } catch (error) {
    throw new UsageError(`cannot read ${source}: ${(error as Error).message}`)
  }
  const text = redactor.redact(Buffer.concat(chunks).toString('utf8'))
  if (text.trim() === '') throw new UsageError(`nothing to classify: ${source} is empty; give the file of a saved log.`)
  const report = savedLogReport(readSavedLog(text, exitCode), source, startedAt)
  const code = printReport(report, options.json === true, io, redactor)
  // A saved log cannot say whether the key can spend now; the check that can is one command away.
  if (!options.json && report.cause !== 'none' && CREDIT_CAUSES.includes(report.cause)) {
    io.stdout.write(
      'No credit check was made: `claude-code-guard diagnose --verify-credit` checks whether the key can spend (one 1-token message, a fraction of a cent).\n',
    )
  }
  return code
}

const PROBE_TIMEOUT_MS = 20_000

export async function diagnoseCommand(
  options: { claudePath: string; verifyCredit?: boolean; probeModel: string; json?: boolean },
  io: Io,
): Promise<number> {
  const { env } = io
  const setup = resolveCredentials({}, env)
  // Claude Code's own login counts only when no credential is set: otherwise it is not asked at all.
  const login = setup.primary || setup.provider ? undefined : await askClaudeLogin(options.claudePath, env)
  const context = renderContext(env)
  const credentials = credentialChecks(setup, login, context.where)
  const probes: Check[] = []
  const credential = setup.primary
  // A credential the local checks already reject is not worth a request; a missing Claude Code is no
  // reason not to ask the API about the key.
  if (credential && checksVerdict(credentials).healthy) {
    const target = { baseUrl: env.ANTHROPIC_BASE_URL, timeoutMs: PROBE_TIMEOUT_MS }
    const accepted = probeCheck('API access', await probeModels(credential, target), 'the API accepts the credential')
    probes.push(accepted)
    if (options.verifyCredit && accepted.status === 'ok') {
      const credit = probeCheck('credit', await probeCredit(credential, options.probeModel, target), 'the credential can spend')
      // A one-token request refused for credit is itself the confirmation that the balance is empty.
      probes.push(credit.cause === 'credit-balance-low' ? { ...credit, cause: 'credit-exhausted' } : credit)
    }
  }
  const checks = [...credentials, ...environmentChecks(env), await claudeCheck(options.claudePath, env), ...probes]
  const verdict = checksVerdict(checks)
  const text = options.json ? `${JSON.stringify({ ...verdict, checks }, null, 2)}\n` : renderChecks(checks, context)
  io.stdout.write(redactorFor(env).redact(text))
  return verdict.healthy ? EXIT.ok : EXIT.failure
}

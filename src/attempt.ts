// One attempt: start the process, watch its output as it arrives (transcript, raw stream file, early
// stop), and diagnose how it ended.
import { AttemptObserver, clip, type Observation, type OutputFormat } from './diagnostics/observation.js'
import { classify, type ProcessOutcome } from './diagnostics/classify.js'
import { transcriptLines } from './claude/transcript.js'
import { runProcess, type ProcessSpec } from './process/attempt-process.js'
import { StreamFile } from './process/stream-file.js'
import type { AttemptRecord } from './report/run-report.js'
import type { Redactor } from './secrets/redact.js'
import type { Task } from './settings.js'

export interface AttemptCommand {
  file: string
  args: string[]
  format: OutputFormat
}

/** What a resumed session is told: the conversation so far is already in the session. */
export const CONTINUE_PROMPT =
  'The previous run of this task stopped because of an error outside your control. Continue the task where it stopped.'

/**
 * What to run for a task. A prompt runs Claude Code with stream-json, continuing `resumeSessionId` when
 * given; a command runs in bash as text.
 */
export function attemptCommand(task: Task, resumeSessionId?: string): AttemptCommand {
  if (task.kind === 'command') return { file: 'bash', args: ['-c', task.command], format: 'text' }
  const start = resumeSessionId === undefined ? ['-p', task.prompt] : ['-p', CONTINUE_PROMPT, '--resume', resumeSessionId]
  return {
    file: task.claudePath,
    args: [...start, '--output-format', 'stream-json', '--verbose', ...task.claudeArgs],
    format: 'stream-json',
  }
}

/** Longer lines are cut in the log (the raw stream file has them whole): megabytes per line help no reader. */
const MAX_LOG_LINE_CHARS = 64 * 1024

export interface AttemptLog {
  /** One line of the live transcript; may carry text the child printed. */
  transcript(line: string): void
  warning(message: string): void
}

export interface AttemptContext {
  number: number
  command: AttemptCommand
  cwd: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  streamFile?: string
  redactor: Redactor
  log: AttemptLog
  signal?: AbortSignal
}

export async function runAttempt(context: AttemptContext): Promise<AttemptRecord> {
  const { command, redactor, log } = context
  const observer = new AttemptObserver(command.format)
  const streamFile = context.streamFile === undefined ? undefined : new StreamFile(context.streamFile, (m) => log.warning(m))
  const startedAt = new Date()
  const spec: ProcessSpec = { file: command.file, args: command.args, cwd: context.cwd, env: context.env }

  const outcome = await runProcess(spec, {
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    onLine: (stream, rawLine) => {
      const line = redactor.redact(rawLine)
      streamFile?.writeLine(line)
      const event = observer.addLine(stream, line)
      for (const entry of event ? transcriptLines(event) : [line]) log.transcript(clip(entry, MAX_LOG_LINE_CHARS))
      return observer.observation.earlyStop !== undefined
    },
  })
  streamFile?.close()

  return attemptRecord(context.number, startedAt, Date.now() - startedAt.getTime(), outcome, observer.observation, {
    streamFile: streamFile?.ok ? streamFile.path : undefined,
  })
}

/** The record of one attempt from what it showed and how its process ended (also for a saved log). Pure. */
export function attemptRecord(
  number: number,
  startedAt: Date,
  durationMs: number,
  outcome: ProcessOutcome,
  observation: Observation,
  { streamFile }: { streamFile?: string } = {},
): AttemptRecord {
  const diagnosis = classify(observation, outcome)
  const { result } = observation
  return {
    number,
    startedAt: startedAt.toISOString(),
    durationMs,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    cause: diagnosis?.cause ?? 'none',
    evidence: diagnosis?.evidence ?? [],
    waitAfterMs: 0,
    retryAfterMs: diagnosis?.retryAfterMs,
    streamFile,
    sessionId: observation.sessionId,
    replies: observation.replies,
    costUsd: result?.totalCostUsd,
    turns: result?.numTurns,
    model: observation.init?.model,
    credentialSource: observation.init?.apiKeySource,
    resultText: result?.result,
    inRunRetries: {
      count: observation.apiRetryCount,
      statuses: observation.apiRetryStatuses,
      totalDelayMs: observation.apiRetryDelayMs,
    },
    tail: observation.tail,
  }
}

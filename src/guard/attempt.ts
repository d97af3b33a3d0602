// One attempt: start the process, watch its output as it arrives (transcript, raw stream file, early
// stop), and return what it showed and how it ended. The guard diagnoses it.
import { transcriptLines } from '../claude/transcript.js'
import { AttemptObserver, type Observation, type ObserverOptions, type OutputFormat } from '../diagnosis/observation.js'
import { clip } from '../text/lines.js'
import { runProcess, type ProcessOutcome, type ProcessSpec } from '../process/attempt-process.js'
import { StreamFile } from '../process/stream-file.js'
import type { Redactor } from '../secrets/redact.js'
import type { Task } from '../settings/settings.js'

export interface AttemptCommand {
  file: string
  args: string[]
  format: OutputFormat
}

/** What a resumed session is told: the conversation so far is already in the session. */
const CONTINUE_PROMPT =
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
  command: AttemptCommand
  cwd: string
  env: NodeJS.ProcessEnv
  timeoutMs: number
  streamFile?: string
  redactor: Redactor
  log: AttemptLog
  signal?: AbortSignal
  observer?: ObserverOptions
}

/** What one attempt showed and how it ended, undiagnosed. */
export interface AttemptRun {
  startedAt: Date
  durationMs: number
  outcome: ProcessOutcome
  observation: Observation
  streamFile?: string
}

export async function runAttempt(context: AttemptContext): Promise<AttemptRun> {
  const { command, redactor, log } = context
  const observer = new AttemptObserver(command.format, context.observer)
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
  return {
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    outcome,
    observation: observer.observation,
    ...(streamFile?.ok ? { streamFile: streamFile.path } : {}),
  }
}

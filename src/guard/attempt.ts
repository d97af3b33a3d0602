// One attempt: start the process, watch its output as it arrives (transcript, raw stream file, early
// stop), and return what it showed and how it ended. The guard diagnoses it.
import { transcriptLines } from '../claude/transcript.js'
import { AttemptObserver, type Observation, type ObserverOptions, type OutputFormat } from '../diagnosis/observation.js'
import { clip } from '../text/lines.js'
import { runProcess, type ProcessHooks, type ProcessOutcome, type ProcessSpec } from '../process/attempt-process.js'
import { hasLineLongerThan, textLines } from '../process/line-splitter.js'
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

/** A line as the log shows it: cut when too long, saying how much is missing and where it is whole. */
function clipLine(line: string, streamFile: StreamFile | undefined): string {
  if (line.length <= MAX_LOG_LINE_CHARS) return line
  const where = streamFile?.ok ? `; the whole line is in ${streamFile.path}` : ''
  return `${clip(line, MAX_LOG_LINE_CHARS)}${where}`
}

function clipLines(lines: string[], streamFile: StreamFile | undefined): string {
  return lines.map((line) => clipLine(line, streamFile)).join('\n')
}

export interface AttemptLog {
  /** One or more lines of the live transcript, joined by `\n`; may carry text the child printed. */
  transcript(lines: string): void
  /** The child's own output, relayed as it is: whole lines as bytes, each ending in `\n`. */
  output(lines: Buffer): void
  warning(message: string): void
  /**
   * Resolves once the log has taken what it was given, or nearly: the output is read at this pace, so
   * the log gets every line and memory stays bounded (the child never waits: its output is in a file).
   */
  ready?(): Promise<void> | undefined
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

  const hooks: ProcessHooks = {
    timeoutMs: context.timeoutMs,
    signal: context.signal,
    pace: log.ready ? () => log.ready?.() : undefined,
    stdoutCapture: streamFile?.capture,
    onLines: (stream, rawLines, verbatim) => {
      const lines = redactor.redactBytes(rawLines)
      if (stream === 'stdout' && verbatim && lines === rawLines) streamFile?.mirror(lines)
      else streamFile?.write(lines)
      if (command.format === 'text') {
        // A command's output is relayed as it came, a block of bytes at a time, however chatty.
        observer.addText(stream, lines)
        if (hasLineLongerThan(lines, MAX_LOG_LINE_CHARS)) log.transcript(clipLines(textLines(lines), streamFile))
        else log.output(lines)
      } else {
        for (const line of textLines(lines)) {
          const event = observer.addLine(stream, line)
          for (const entry of event ? transcriptLines(event) : [line]) log.transcript(clipLine(entry, streamFile))
        }
      }
      return observer.earlyStop !== undefined
    },
  }
  let outcome: ProcessOutcome
  try {
    outcome = await runProcess(spec, hooks)
  } catch (error) {
    throw new Error(`handling the attempt's output failed: ${(error as Error).message}`, { cause: error })
  } finally {
    // Also after a fault: the stream file keeps what was redacted, and its `.partial` capture goes.
    streamFile?.close()
  }
  return {
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    outcome,
    observation: observer.observation,
    ...(streamFile?.ok ? { streamFile: streamFile.path } : {}),
  }
}

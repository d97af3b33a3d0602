// A readable, live transcript of stream-json events for the job log: one short entry per event,
// never raw JSON. Pure.
import { counted } from '../text/words.js'
import { describeStatus, type StreamEvent, type ToolUse } from './stream-events.js'

const ONE_LINE = 160

function oneLine(text: string, max = ONE_LINE): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

function describeTool(tool: ToolUse): string {
  const input = (typeof tool.input === 'object' && tool.input !== null ? tool.input : {}) as Record<string, unknown>
  const main = ['command', 'file_path', 'path', 'pattern', 'url', 'description', 'prompt']
    .map((key) => input[key])
    .find((value): value is string => typeof value === 'string')
  return `⚙ ${tool.name}${main ? `: ${oneLine(main, ONE_LINE - tool.name.length)}` : ''}`
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)}s`)

/** The transcript lines for one event; empty when the event is not worth a line. */
export function transcriptLines(event: StreamEvent): string[] {
  switch (event.kind) {
    case 'init':
      return [`▶ Claude Code ${event.version ?? ''} · model ${event.model ?? '?'} · credential from ${event.apiKeySource ?? '?'}`]
    case 'assistant':
      return [...event.texts.flatMap((text) => text.split('\n')), ...event.toolUses.map(describeTool)]
    case 'tool_result':
      return event.isError ? [`  ↳ tool error: ${oneLine(event.firstLine)}`] : []
    case 'api_retry':
      return [
        `↻ Claude Code retry ${event.attempt ?? '?'}/${event.maxRetries ?? '?'}: ${describeStatus(event.errorStatus)}${event.error && event.error !== 'unknown' ? ` ${event.error}` : ''}, next in ${seconds(event.retryDelayMs)}`,
      ]
    case 'rate_limit':
      return event.status === 'rejected' || event.status === 'allowed_warning'
        ? [
            `⚠ Subscription ${event.limitType?.replace(/_/g, '-') ?? ''} limit ${event.status === 'rejected' ? 'reached' : 'nearly reached'}`,
          ]
        : []
    case 'result': {
      const cost = event.totalCostUsd === undefined ? '' : ` · $${event.totalCostUsd.toFixed(4)}`
      const outcome = event.isError
        ? `error${event.apiErrorStatus ? ` (HTTP ${event.apiErrorStatus})` : ''}: ${oneLine(event.result ?? '')}`
        : 'success'
      return [`■ Result: ${outcome} · ${counted(event.numTurns ?? 0, 'turn')}${cost} · ${seconds(event.durationMs)}`]
    }
  }
}

// Claude Code's `--output-format stream-json` events, parsed from one line each. Only the fields the
// action reads are typed; anything else on the line is ignored, and a line that is not an event is text.

export interface InitEvent {
  kind: 'init'
  model?: string
  apiKeySource?: string
  sessionId?: string
  version?: string
}

export interface ApiRetryEvent {
  kind: 'api_retry'
  attempt?: number
  maxRetries?: number
  errorStatus: number | null
  /** Claude Code's name for the error: overloaded, rate_limit, authentication_failed, server_error, unknown. */
  error?: string
  retryDelayMs?: number
}

export interface ToolUse {
  name: string
  input: unknown
}

export interface AssistantEvent {
  kind: 'assistant'
  texts: string[]
  toolUses: ToolUse[]
  /** Set on the synthetic message Claude Code emits for an API error (billing_error, authentication_failed…). */
  error?: string
  /** Since 2.1.332, on that message: the HTTP status, and the most precise name of the error there is. */
  apiErrorStatus?: number
  apiErrorKind?: string
  /** When a subscription limit that refused the request resets (epoch seconds). */
  resetsAt?: number
  sessionId?: string
}

/** A subscription rate limit's state, as Claude Code reports it when it runs on a subscription token. */
export interface RateLimitEvent {
  kind: 'rate_limit'
  /** `allowed`, `allowed_warning` or `rejected`. */
  status?: string
  /** Epoch seconds. */
  resetsAt?: number
  /** `five_hour`, `seven_day`… */
  limitType?: string
  /** How much of the window is used, 0.92 for 92%; over 1 once it is exceeded. */
  utilization?: number
  /** The warning threshold the window has passed, when it has (0.9). */
  surpassedThreshold?: number
  /** The subscription's extra usage is paying for the requests. */
  isUsingOverage?: boolean
}

/** A subscription window as a person names it: `five_hour` is the five-hour window. */
export const windowName = (limitType: string | undefined): string =>
  limitType === undefined ? 'usage' : limitType.replace(/_/g, '-')

/** Tokens as Claude Code counts them, for one model or a whole result. */
export interface TokenCounts {
  input: number
  output: number
  cacheRead: number
  cacheCreation: number
}

export interface ToolResultEvent {
  kind: 'tool_result'
  isError: boolean
  /** The first line of the result, for a one-line transcript entry. */
  firstLine: string
}

export interface ResultEvent {
  kind: 'result'
  subtype?: string
  isError: boolean
  apiErrorStatus: number | null
  result?: string
  /** Since 2.1.332: the API's error type or Claude Code's name for the failure (`usage_limit_reached`…). */
  apiErrorKind?: string
  totalCostUsd?: number
  sessionId?: string
  numTurns?: number
  durationMs?: number
  /** The run's tokens in all (`usage`). */
  usage?: TokenCounts
  /** Tokens and cost by model (`modelUsage`). */
  modelUsage?: Record<string, TokenCounts & { costUsd: number }>
}

/** A status as words: Claude Code reports a request that never got an answer as status null. */
export const describeStatus = (status: number | null | undefined): string =>
  status == null ? 'could not connect (no HTTP status)' : `HTTP ${status}`

export type StreamEvent = InitEvent | ApiRetryEvent | AssistantEvent | ToolResultEvent | ResultEvent | RateLimitEvent

type Json = Record<string, unknown>

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)
const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  return arr(content)
    .map((part) => str(obj(part)?.text) ?? '')
    .join(' ')
}

/** Token counts from an object whose fields are named `names` (input, output, cache read, cache creation). */
function tokenCounts(from: Json | undefined, names: readonly [string, string, string, string]): TokenCounts | undefined {
  if (!from) return undefined
  const [input, output, cacheRead, cacheCreation] = names.map((name) => num(from[name]) ?? 0)
  return { input, output, cacheRead, cacheCreation }
}

function modelUsage(from: Json | undefined): ResultEvent['modelUsage'] {
  if (!from) return undefined
  const models = Object.entries(from).flatMap(([model, value]) => {
    const counts = tokenCounts(obj(value), ['inputTokens', 'outputTokens', 'cacheReadInputTokens', 'cacheCreationInputTokens'])
    return counts ? [[model, { ...counts, costUsd: num(obj(value)?.costUSD) ?? 0 }] as const] : []
  })
  return models.length > 0 ? Object.fromEntries(models) : undefined
}

/** Parses one line of stream-json; undefined when the line is not a JSON event the action reads. */
export function parseStreamLine(line: string): StreamEvent | undefined {
  // A throw costs microseconds: only a line that could be one object is parsed.
  if (!line.startsWith('{') || !line.trimEnd().endsWith('}')) return undefined
  let json: Json | undefined
  try {
    json = obj(JSON.parse(line))
  } catch {
    return undefined
  }
  if (!json) return undefined
  const type = json.type
  if (type === 'system' && json.subtype === 'init') {
    return {
      kind: 'init',
      model: str(json.model),
      apiKeySource: str(json.apiKeySource),
      sessionId: str(json.session_id),
      version: str(json.claude_code_version),
    }
  }
  if (type === 'system' && json.subtype === 'api_retry') {
    return {
      kind: 'api_retry',
      attempt: num(json.attempt),
      maxRetries: num(json.max_retries),
      errorStatus: num(json.error_status) ?? null,
      error: str(json.error),
      retryDelayMs: num(json.retry_delay_ms),
    }
  }
  if (type === 'assistant') {
    const content = arr(obj(json.message)?.content)
      .map(obj)
      .filter((part): part is Json => part !== undefined)
    return {
      kind: 'assistant',
      texts: content.filter((part) => part.type === 'text').map((part) => str(part.text) ?? ''),
      toolUses: content
        .filter((part) => part.type === 'tool_use')
        .map((part) => ({ name: str(part.name) ?? 'tool', input: part.input })),
      // A reply the model stopped as a refusal is an error of its own, whatever Claude Code named it.
      error: str(json.error) ?? (obj(json.message)?.stop_reason === 'refusal' ? 'refusal' : undefined),
      apiErrorStatus: num(json.api_error_status),
      apiErrorKind: str(json.api_error) ?? str(json.api_error_type),
      resetsAt: num(obj(obj(json.api_error_params)?.rate_limit_info)?.resetsAt),
      sessionId: str(json.session_id),
    }
  }
  if (type === 'rate_limit_event') {
    const info = obj(json.rate_limit_info)
    const limitType = str(info?.rateLimitType)
    // A refusal names its window's use only among the windows.
    const window = limitType === undefined ? undefined : obj(obj(info?.unifiedWindows)?.[limitType])
    return {
      kind: 'rate_limit',
      status: str(info?.status),
      resetsAt: num(info?.resetsAt),
      limitType,
      utilization: num(info?.utilization) ?? num(window?.utilization),
      surpassedThreshold: num(info?.surpassedThreshold),
      isUsingOverage: typeof info?.isUsingOverage === 'boolean' ? info.isUsingOverage : undefined,
    }
  }
  if (type === 'user') {
    const result = arr(obj(json.message)?.content)
      .map(obj)
      .find((part) => part?.type === 'tool_result')
    if (!result) return undefined
    return { kind: 'tool_result', isError: result.is_error === true, firstLine: contentText(result.content).split('\n', 1)[0] }
  }
  if (type === 'result') {
    return {
      kind: 'result',
      subtype: str(json.subtype),
      // A result whose subtype names an error (`error_max_turns`, `error_during_execution`) failed, whatever is_error says.
      isError: json.is_error === true || /^error/.test(str(json.subtype) ?? ''),
      apiErrorStatus: num(json.api_error_status) ?? null,
      // A result that failed before any reply says why in `errors` instead.
      result:
        str(json.result) ??
        (arr(json.errors)
          .filter((item) => typeof item === 'string')
          .join('\n') ||
          undefined),
      apiErrorKind: str(json.api_error) ?? str(json.api_error_type),
      totalCostUsd: num(json.total_cost_usd),
      sessionId: str(json.session_id),
      numTurns: num(json.num_turns),
      durationMs: num(json.duration_ms),
      usage: tokenCounts(obj(json.usage), [
        'input_tokens',
        'output_tokens',
        'cache_read_input_tokens',
        'cache_creation_input_tokens',
      ]),
      modelUsage: modelUsage(obj(json.modelUsage)),
    }
  }
  return undefined
}

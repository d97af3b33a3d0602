// A scripted stand-in for the Anthropic API, served on 127.0.0.1: the one mock shared by the tests, the bench
// and `claude-code-guard demo`. Error bodies and headers follow the real API (https://docs.claude.com/en/api/errors);
// success is a real server-sent-event stream, as Claude Code requests `stream: true`.
// Runnable on its own (`node src/demo/mock-api.ts <scenario>`, it prints its URL) for CI workflows. It imports
// nothing of the project, so node runs it from the source without a build.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

export type Reply =
  /**
   * `unified`: also send a subscription's `anthropic-ratelimit-unified-*` headers with this status.
   * `delayMs`: a slow API, the headers and then each event of the stream sent this long after the one before.
   */
  | { kind: 'success'; text?: string; unified?: 'allowed' | 'allowed_warning'; delayMs?: number }
  /** A successful reply asking to run a tool, so Claude Code makes a turn and calls the API again. */
  | { kind: 'tool-use'; name: string; input: Record<string, unknown> }
  | { kind: 'credit' }
  | { kind: 'spend-limit' }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden' }
  /**
   * 429 rate_limit_error. `limits: 'api-key'` adds the rate-limit headers the API sends an API-key organisation
   * (anthropic-ratelimit-requests-*, -tokens-*, -input-tokens-*, -output-tokens-*); without it only `retry-after`.
   */
  | { kind: 'rate-limited'; retryAfterSeconds?: number; limits?: 'api-key' }
  | { kind: 'overloaded' }
  | { kind: 'server-error'; status?: number }
  /** 404 not_found_error; `echoModel` names the model the request asked for, as the API does (else claude-haiku-4-5). */
  | { kind: 'not-found-model'; echoModel?: boolean }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** A success stream that starts, then loses its connection halfway (a reset mid-response). */
  | { kind: 'cut' }
  /**
   * A body that is not what the API sends, as a broken proxy answers: `html` an HTML error page with `status`,
   * `json` a 200 JSON body that is no message, `stream` a 200 event stream of unparsable events.
   */
  | { kind: 'garbage'; body: 'html' | 'json' | 'stream'; status?: number }
  /** 400 invalid_request_error: the prompt is over the model's context window. */
  | { kind: 'prompt-too-long'; tokens?: number; maximum?: number }
  /** 400 invalid_request_error with the given message (by default max_tokens over the model's output limit). */
  | { kind: 'invalid-request'; message?: string }
  /** 413 request_too_large, as Cloudflare answers it before the request reaches the API (no request id). */
  | { kind: 'request-too-large' }
  /** 400 invalid_request_error: the organisation was disabled. */
  | { kind: 'organization-disabled' }
  /** 401 authentication_error for an expired OAuth access token (a subscription's CLAUDE_CODE_OAUTH_TOKEN). */
  | { kind: 'oauth-expired' }
  /**
   * 429 for a subscription whose usage limit is reached: rate_limit_error with the `anthropic-ratelimit-unified-*`
   * headers (status rejected, the window that is out and when it resets) and `retry-after` until then.
   */
  | { kind: 'usage-limit'; claim?: 'five_hour' | 'seven_day'; resetsInSeconds?: number }

export interface RecordedRequest {
  method: string
  path: string
  userAgent: string
  apiKey: string
  authorization: string
  /** The credential it carried, from `x-api-key` or a bearer `authorization` (the SDK sends API keys as bearer). */
  credential: string
  body: string
  /** Who sent it: the SDK's probes or Claude Code itself. */
  client: 'sdk' | 'claude-code' | 'other'
  /** What the script answered; undefined for paths the mock does not script. */
  reply?: Reply['kind']
}

/** Decides the reply to one `POST /v1/messages` (or models list) from Claude Code or the SDK. */
export type Script = (request: RecordedRequest, index: number) => Reply

export interface MockApi {
  url: string
  requests: RecordedRequest[]
  /** Requests Claude Code sent to /v1/messages (its model calls). */
  messageCalls(client?: RecordedRequest['client']): RecordedRequest[]
  setScript(script: Script): void
  close(): Promise<void>
}

const errorBodies: Record<string, { status: number; type: string; message: string }> = {
  credit: {
    status: 400,
    type: 'invalid_request_error',
    message:
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  },
  'spend-limit': {
    status: 400,
    type: 'invalid_request_error',
    message: 'You have reached your specified API usage limits. You will regain access on 2026-12-01 at 00:00 UTC.',
  },
  unauthorized: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
  forbidden: {
    status: 403,
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  'rate-limited': {
    status: 429,
    type: 'rate_limit_error',
    message:
      'This request would exceed the rate limit for your organization of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.',
  },
  overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
  'server-error': { status: 500, type: 'api_error', message: 'Internal server error' },
  'not-found-model': { status: 404, type: 'not_found_error', message: 'model: claude-haiku-4-5' },
  'prompt-too-long': {
    status: 400,
    type: 'invalid_request_error',
    message: 'prompt is too long: 215000 tokens > 200000 maximum',
  },
  'invalid-request': {
    status: 400,
    type: 'invalid_request_error',
    message: 'max_tokens: 64001 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929',
  },
  'request-too-large': { status: 413, type: 'request_too_large', message: 'Request exceeds the maximum size' },
  'organization-disabled': {
    status: 400,
    type: 'invalid_request_error',
    message: 'This organization has been disabled.',
  },
  'oauth-expired': {
    status: 401,
    type: 'authentication_error',
    message: 'OAuth token has expired. Please obtain a new token or refresh your existing token.',
  },
  'usage-limit': {
    status: 429,
    type: 'rate_limit_error',
    message: "This request would exceed your account's rate limit. Please try again later.",
  },
}

/** The rate-limit headers the API sends an API-key organisation (https://docs.claude.com/en/api/rate-limits). */
function apiKeyLimitHeaders(retryAfterSeconds: number, now = Date.now()): Record<string, string> {
  const reset = new Date(Math.ceil((now + retryAfterSeconds * 1000) / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  return {
    'anthropic-ratelimit-requests-limit': '50',
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': reset,
    'anthropic-ratelimit-tokens-limit': '60000',
    'anthropic-ratelimit-tokens-remaining': '0',
    'anthropic-ratelimit-tokens-reset': reset,
    'anthropic-ratelimit-input-tokens-limit': '50000',
    'anthropic-ratelimit-input-tokens-remaining': '0',
    'anthropic-ratelimit-input-tokens-reset': reset,
    'anthropic-ratelimit-output-tokens-limit': '10000',
    'anthropic-ratelimit-output-tokens-remaining': '10000',
    'anthropic-ratelimit-output-tokens-reset': reset,
  }
}

/**
 * The `anthropic-ratelimit-unified-*` headers a subscription's responses carry (values as seen in the wild:
 * epoch-second resets, utilisation as a fraction, the representative claim naming the binding window).
 */
export function unifiedLimitHeaders(
  status: 'allowed' | 'allowed_warning' | 'rejected',
  claim: 'five_hour' | 'seven_day',
  resetsInSeconds: number,
  now = Date.now(),
): Record<string, string> {
  const reset = Math.floor(now / 1000) + resetsInSeconds
  const fiveHour = claim === 'five_hour' ? reset : Math.floor(now / 1000) + 3 * 3600
  const sevenDay = claim === 'seven_day' ? reset : Math.floor(now / 1000) + 4 * 86400
  return {
    'anthropic-ratelimit-unified-status': status,
    'anthropic-ratelimit-unified-reset': String(reset),
    'anthropic-ratelimit-unified-representative-claim': claim,
    'anthropic-ratelimit-unified-fallback-percentage': '0.5',
    'anthropic-ratelimit-unified-5h-status': claim === 'five_hour' ? status : 'allowed',
    'anthropic-ratelimit-unified-5h-reset': String(fiveHour),
    'anthropic-ratelimit-unified-5h-utilization':
      claim !== 'five_hour' ? '0.41' : status === 'rejected' ? '1.02' : status === 'allowed_warning' ? '0.92' : '0.41',
    ...(claim === 'five_hour' && status === 'allowed_warning'
      ? { 'anthropic-ratelimit-unified-5h-surpassed-threshold': '0.9' }
      : {}),
    'anthropic-ratelimit-unified-7d-status': claim === 'seven_day' ? status : 'allowed',
    'anthropic-ratelimit-unified-7d-reset': String(sevenDay),
    'anthropic-ratelimit-unified-7d-utilization': claim === 'seven_day' && status === 'rejected' ? '1.0' : '0.23',
    'anthropic-ratelimit-unified-overage-status': 'rejected',
    'anthropic-ratelimit-unified-overage-disabled-reason': 'org_level_disabled',
  }
}

let requestCounter = 0
const requestId = (): string => `req_011mock${(++requestCounter).toString().padStart(12, '0')}`

function clientOf(userAgent: string): RecordedRequest['client'] {
  if (userAgent.startsWith('claude-cli') || userAgent.includes('claude-code')) return 'claude-code'
  if (userAgent.startsWith('Anthropic/JS')) return 'sdk'
  return 'other'
}

function sendError(res: ServerResponse, reply: Reply, requestedModel?: string): void {
  const spec = errorBodies[reply.kind]
  const status = reply.kind === 'server-error' ? (reply.status ?? 500) : spec.status
  let message = spec.message
  if (reply.kind === 'prompt-too-long' && (reply.tokens !== undefined || reply.maximum !== undefined))
    message = `prompt is too long: ${reply.tokens ?? 215000} tokens > ${reply.maximum ?? 200000} maximum`
  if (reply.kind === 'invalid-request' && reply.message) message = reply.message
  if (reply.kind === 'not-found-model' && reply.echoModel && requestedModel) message = `model: ${requestedModel}`
  if (reply.kind === 'request-too-large') {
    // Cloudflare answers before the API: no request-id, no organisation, no request_id in the body.
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ type: 'error', error: { type: spec.type, message } }))
    return
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': requestId(),
    'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
  }
  if (reply.kind === 'rate-limited') headers['retry-after'] = String(reply.retryAfterSeconds ?? 1)
  if (reply.kind === 'rate-limited' && reply.limits === 'api-key')
    Object.assign(headers, apiKeyLimitHeaders(reply.retryAfterSeconds ?? 1))
  if (reply.kind === 'usage-limit') {
    const resetsIn = reply.resetsInSeconds ?? 2 * 3600
    headers['retry-after'] = String(resetsIn)
    Object.assign(headers, unifiedLimitHeaders('rejected', reply.claim ?? 'five_hour', resetsIn))
  }
  if (reply.kind === 'overloaded' || reply.kind === 'server-error') headers['x-should-retry'] = 'true'
  res.writeHead(status, headers)
  res.end(JSON.stringify({ type: 'error', error: { type: spec.type, message }, request_id: headers['request-id'] }))
}

function sseEvent(res: ServerResponse, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

async function sendSuccess(
  res: ServerResponse,
  text: string,
  model: string,
  stream: boolean,
  extraHeaders: Record<string, string> = {},
  delayMs = 0,
): Promise<void> {
  const id = `msg_mock${requestCounter}`
  const usage = { input_tokens: 12, output_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
  const headers = {
    'request-id': requestId(),
    'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
    ...extraHeaders,
  }
  await pause(delayMs)
  if (res.destroyed) return
  if (!stream) {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage,
      }),
    )
    return
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  await sendStream(
    res,
    { id, model, usage: { ...usage, output_tokens: 1 } },
    { type: 'text', text: '' },
    { type: 'text_delta', text },
    'end_turn',
    delayMs,
  )
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A streamed message of one content block, as the API sends it with `stream: true`, each event `delayMs` after
 * the one before; `cutAfter` events, the connection is destroyed instead of ended.
 */
async function sendStream(
  res: ServerResponse,
  message: { id: string; model: string; usage: Record<string, number> },
  block: Record<string, unknown>,
  delta: Record<string, unknown>,
  stopReason: 'end_turn' | 'tool_use',
  delayMs = 0,
  cutAfter?: number,
): Promise<void> {
  const events: [string, unknown][] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: { ...message, type: 'message', role: 'assistant', content: [], stop_reason: null, stop_sequence: null },
      },
    ],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: block }],
    ['ping', { type: 'ping' }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    [
      'message_delta',
      { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 6 } },
    ],
    ['message_stop', { type: 'message_stop' }],
  ]
  for (const [index, [event, data]] of events.entries()) {
    if (index > 0 && delayMs > 0) await pause(delayMs)
    // The client gave up (its timeout, or the attempt was stopped): nothing more to send.
    if (res.destroyed) return
    if (index === cutAfter) {
      res.socket?.destroy()
      return
    }
    sseEvent(res, event, data)
  }
  res.end()
}

function sendToolUse(res: ServerResponse, reply: Extract<Reply, { kind: 'tool-use' }>, model: string): void {
  res.writeHead(200, {
    'request-id': requestId(),
    'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
  })
  const usage = { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
  void sendStream(
    res,
    { id: `msg_mock${requestCounter}`, model, usage },
    { type: 'tool_use', id: `toolu_mock${requestCounter}`, name: reply.name, input: {} },
    { type: 'input_json_delta', partial_json: JSON.stringify(reply.input) },
    'tool_use',
  )
}

/** A success stream cut after its first three events. */
function sendCut(res: ServerResponse, model: string): void {
  res.writeHead(200, { 'request-id': requestId(), 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  const usage = { input_tokens: 12, output_tokens: 1 }
  void sendStream(
    res,
    { id: `msg_mock${requestCounter}`, model, usage },
    { type: 'text', text: '' },
    { type: 'text_delta', text: 'Half a rep' },
    'end_turn',
    0,
    3,
  )
}

function sendGarbage(res: ServerResponse, reply: Extract<Reply, { kind: 'garbage' }>): void {
  if (reply.body === 'html') {
    res.writeHead(reply.status ?? 502, { 'content-type': 'text/html' })
    res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n')
    return
  }
  if (reply.body === 'json') {
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'request-id': requestId() })
    res.end('{"unexpected": [1, 2, 3], "note": "not a message"')
    return
  }
  res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', 'request-id': requestId() })
  res.end('event: message_start\ndata: {not json at all\n\nevent: ???\ndata: \u0000\u0001garbage\n\n')
}

function sendModels(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    'request-id': requestId(),
    'anthropic-organization-id': '9a1b2c3d-0000-4000-8000-00000000c0de',
  })
  res.end(
    JSON.stringify({
      data: [{ type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' }],
      has_more: false,
      first_id: 'claude-haiku-4-5',
      last_id: 'claude-haiku-4-5',
    }),
  )
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startMockApi(initial: Script = () => ({ kind: 'success' })): Promise<MockApi> {
  let script = initial
  const requests: RecordedRequest[] = []
  const hanging = new Set<ServerResponse>()
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req)
    const userAgent = String(req.headers['user-agent'] ?? '')
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      userAgent,
      apiKey: String(req.headers['x-api-key'] ?? ''),
      authorization: String(req.headers.authorization ?? ''),
      credential: String(req.headers['x-api-key'] ?? '') || String(req.headers.authorization ?? '').replace(/^Bearer /, ''),
      body,
      client: clientOf(userAgent),
    }
    const isMessages = recorded.method === 'POST' && recorded.path === '/v1/messages'
    const isModels = recorded.method === 'GET' && recorded.path.startsWith('/v1/models')
    if (!isMessages && !isModels) {
      // Telemetry, count_tokens and anything else Claude Code may call: answer harmlessly, don't script.
      requests.push(recorded)
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }))
      return
    }
    const index = requests.filter((r) => r.path === recorded.path && r.method === recorded.method).length
    requests.push(recorded)
    const reply = script(recorded, index)
    recorded.reply = reply.kind
    if (reply.kind === 'reset') {
      req.socket.destroy()
      return
    }
    if (reply.kind === 'hang') {
      hanging.add(res)
      return
    }
    if (reply.kind === 'garbage') return sendGarbage(res, reply)
    // Listing models costs nothing, so the real API answers it whatever the balance or spend limit.
    if (isModels && (reply.kind === 'credit' || reply.kind === 'spend-limit')) return sendModels(res)
    let parsed: { model?: string; stream?: boolean } = {}
    try {
      parsed = JSON.parse(body) as typeof parsed
    } catch {
      // An unparsable body still gets the scripted reply.
    }
    const model = parsed.model ?? 'claude-sonnet-4-5'
    if (reply.kind === 'cut') {
      // Models are listed in one small body: nothing to cut halfway, so the connection just drops.
      if (isModels) req.socket.destroy()
      else sendCut(res, model)
      return
    }
    if (reply.kind !== 'success' && reply.kind !== 'tool-use') return sendError(res, reply, parsed.model)
    if (isModels) return sendModels(res)
    if (reply.kind === 'tool-use') return sendToolUse(res, reply, model)
    const unified = reply.unified ? unifiedLimitHeaders(reply.unified, 'five_hour', 3 * 3600) : {}
    await sendSuccess(res, reply.text ?? 'Mock reply: all good.', model, parsed.stream === true, unified, reply.delayMs)
  }
  const server: Server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(Number(process.env.MOCK_API_PORT ?? 0), '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messageCalls: (client) => requests.filter((r) => r.path === '/v1/messages' && (client === undefined || r.client === client)),
    setScript: (next) => {
      script = next
    },
    close: async () => {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Overloaded (529) for Claude Code's model calls until `ms` after the first one, then `then`. */
export function overloadedFor(ms: number, then: Reply = { kind: 'success' }): Script {
  let firstCallAt: number | undefined
  return (request) => {
    if (request.client === 'sdk') return { kind: 'success' }
    firstCallAt ??= Date.now()
    return Date.now() - firstCallAt < ms ? { kind: 'overloaded' } : then
  }
}

/**
 * One shared rate limit for every model call, as an organisation's limit is shared by its jobs: a bucket of
 * `capacity` tokens refilled at `perSecond`; a call without a token gets 429 with the real `retry-after`.
 */
export function tokenBucket(capacity: number, perSecond: number): Script {
  let tokens = capacity
  let refilledAt = Date.now()
  return (request) => {
    if (request.path !== '/v1/messages') return { kind: 'success' }
    const now = Date.now()
    tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * perSecond)
    refilledAt = now
    if (tokens >= 1) {
      tokens -= 1
      return { kind: 'success' }
    }
    return { kind: 'rate-limited', retryAfterSeconds: Math.ceil((1 - tokens) / perSecond) }
  }
}

/** `first` for the first `count` Claude Code model calls, then `then`. */
export function sequence(count: number, first: Reply, then: Reply = { kind: 'success' }): Script {
  let seen = 0
  return (request) => {
    if (request.client === 'sdk') return { kind: 'success' }
    return seen++ < count ? first : then
  }
}

/**
 * Run as a script: the file node was given is this one. Bundled into dist/cli/index.js, `import.meta.url` is
 * the bundle's, so the file name is checked too: the command line must never start a mock by itself.
 */
const runAsScript =
  process.argv[1] !== undefined &&
  /mock-api\.ts$/.test(process.argv[1]) &&
  import.meta.url === pathToFileURL(process.argv[1]).href

if (runAsScript) {
  const scenario = process.argv[2] ?? 'success'
  const scripts: Record<string, Script> = {
    success: () => ({ kind: 'success' }),
    'credit-then-success': sequence(1, { kind: 'credit' }),
    'credit-exhausted': () => ({ kind: 'credit' }),
  }
  const chosen = scripts[scenario]
  if (!chosen) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scripts).join(', ')}`)
  const api = await startMockApi(chosen)
  process.stdout.write(`${api.url}\n`)
}

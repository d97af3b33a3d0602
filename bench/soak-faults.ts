// The soak's faults: every kind the mock API can produce, how a run draws one from a seeded generator, and
// the one table of what each kind must end with. Pure: the soak (soak.ts) runs what is drawn here.
import { sequence, type Reply, type Script } from '../src/demo/mock-api.ts'

/** A small seeded generator (mulberry32): the same seed draws the same runs, on any machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

export interface Draw {
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
}

function draws(random: () => number): Draw {
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
  return { int, pick: (items) => items[int(0, items.length - 1)] }
}

/** What the run must end with. */
export interface Expected {
  conclusion: 'success' | 'failure'
  /** The cause output; more than one only where the outcome is honestly ambiguous (see `why`). */
  causes: readonly string[]
  /** Why more than one cause is accepted. */
  why?: string
}

/** Whom a fault hits: Claude Code's model calls only, or every request (the action's own probes too). */
export type Target = 'claude-code' | 'every request'

/** One drawn fault, as printed: its kind and parameters, enough to build the mock's script again. */
export interface Fault {
  kind: string
  reply: Reply
  /** Claude Code's calls that get `reply` before the API recovers; undefined: every call. */
  calls?: number
  target: Target
  /** The action's inputs on top of the soak's own. */
  inputs: Record<string, string>
  /** Claude Code's own retries of a failed call (CLAUDE_CODE_MAX_RETRIES). */
  inRunRetries: number
  /** Cancel the run: the signals, the first `atMs` after the action started, the next a second later. */
  cancel?: { signals: NodeJS.Signals[]; atMs: number }
  /** The credential: an API key, or a subscription's OAuth token. */
  credential: 'api-key' | 'oauth-token'
}

interface FaultKind {
  name: string
  /** What the mock does, for `--list`. */
  mock: string
  expected: Expected
  /** For a cancellation: what the run ends with when it was over before the signal was due. */
  unsignalled?: Expected
  draw(draw: Draw): Omit<Fault, 'kind'>
}

const base = (draw: Draw, reply: Reply, more: Partial<Omit<Fault, 'kind'>> = {}): Omit<Fault, 'kind'> => ({
  reply,
  target: 'claude-code',
  inputs: { 'max-attempts': String(draw.int(1, 3)), 'retry-wait-seconds': '0.2' },
  inRunRetries: draw.int(0, 1),
  credential: 'api-key',
  ...more,
})

const failure = (cause: string): Expected => ({ conclusion: 'failure', causes: [cause] })
const SUCCESS: Expected = { conclusion: 'success', causes: ['none'] }

/** Every Claude Code call gets `reply`, on every attempt: the run must fail with `cause`. */
function persistent(
  name: string,
  mock: string,
  reply: (draw: Draw) => Reply,
  cause: string,
  more: Partial<Fault> = {},
): FaultKind {
  return { name, mock, expected: failure(cause), draw: (draw) => base(draw, reply(draw), more) }
}

/**
 * Claude Code's first one or two calls get `reply`, then the API recovers. Three attempts of at least one call
 * each outlast two failed calls, so the run must succeed (Claude Code's own retry or the action's).
 */
function transient(name: string, mock: string, reply: (draw: Draw) => Reply, more: Partial<Fault> = {}): FaultKind {
  return {
    name,
    mock,
    expected: SUCCESS,
    draw: (draw) => {
      const fault = base(draw, reply(draw), more)
      return { ...fault, calls: draw.int(1, 2), inputs: { ...fault.inputs, 'max-attempts': '3', ...more.inputs } }
    },
  }
}

/** Attempt time limits the hangs and slow answers are measured against: long enough for Claude Code to start. */
const HANG_LIMIT = { 'timeout-minutes': '0.1' }
const ROOMY_LIMIT = { 'timeout-minutes': '0.25' }
const OAUTH: Partial<Fault> = { credential: 'oauth-token' }
const statuses = [500, 502, 503, 504] as const
/**
 * Node itself needs 150–250 ms on a busy 2-core machine before any script runs (a one-line script with a SIGTERM
 * handler dies of the signal at 150 ms): a signal before then ends any step, and no action can report it.
 */
const EARLIEST_CANCEL_MS = 300

export const FAULT_KINDS: readonly FaultKind[] = [
  { name: 'success', mock: 'answers', expected: SUCCESS, draw: (draw) => base(draw, { kind: 'success' }) },
  {
    name: 'tool turn',
    mock: 'asks for a Bash tool call, then answers',
    expected: SUCCESS,
    draw: (draw) => ({
      ...base(draw, { kind: 'tool-use', name: 'Bash', input: { command: 'echo soak', description: 'echo' } }),
      calls: 1,
    }),
  },
  {
    name: 'usage warning',
    mock: "answers a subscription, with the unified headers' allowed_warning",
    expected: SUCCESS,
    draw: (draw) => base(draw, { kind: 'success', unified: 'allowed_warning' }, OAUTH),
  },
  {
    name: 'slow',
    mock: 'answers slowly: headers and each event 100–600 ms apart',
    expected: SUCCESS,
    draw: (draw) => base(draw, { kind: 'success', delayMs: draw.int(100, 600) }, { inputs: ROOMY_LIMIT }),
  },
  // The credit check's one-token request must meet the empty balance too.
  persistent(
    'credit exhausted',
    "400 'credit balance is too low' on every call",
    () => ({ kind: 'credit' }),
    'credit-exhausted',
    { target: 'every request' },
  ),
  transient('credit false alarm', "400 'credit balance is too low', then answers", () => ({ kind: 'credit' })),
  persistent('spend limit', '400 spend limit reached', () => ({ kind: 'spend-limit' }), 'spend-limit'),
  persistent('invalid key', '401 invalid x-api-key', () => ({ kind: 'unauthorized' }), 'api-key-invalid'),
  persistent('forbidden', '403 permission_error', () => ({ kind: 'forbidden' }), 'permission-denied'),
  persistent('model not found', '404 not_found_error', () => ({ kind: 'not-found-model' }), 'model-not-found'),
  persistent('prompt too long', '400 prompt is too long', () => ({ kind: 'prompt-too-long' }), 'context-window-exceeded'),
  persistent('invalid request', '400 max_tokens over the limit', () => ({ kind: 'invalid-request' }), 'invalid-request'),
  persistent('request too large', '413 from Cloudflare', () => ({ kind: 'request-too-large' }), 'request-too-large'),
  persistent(
    'organization disabled',
    '400 organization disabled',
    () => ({ kind: 'organization-disabled' }),
    'organization-disabled',
  ),
  persistent('oauth expired', '401 OAuth token has expired', () => ({ kind: 'oauth-expired' }), 'oauth-token-invalid', OAUTH),
  persistent(
    'usage limit',
    "429 with the unified headers' rejected, resetting in hours",
    (draw) => ({ kind: 'usage-limit', claim: draw.pick(['five_hour', 'seven_day'] as const) }),
    'usage-limit',
    OAUTH,
  ),
  persistent(
    'rate limited',
    '429 rate_limit_error, retry-after 1 s',
    (draw) => ({ kind: 'rate-limited', retryAfterSeconds: 1, limits: draw.pick([undefined, 'api-key'] as const) }),
    'rate-limited',
  ),
  transient('rate limited, recovers', '429, retry-after 1 s, then answers', () => ({
    kind: 'rate-limited',
    retryAfterSeconds: 1,
  })),
  persistent('overloaded', '529 overloaded_error', () => ({ kind: 'overloaded' }), 'overloaded'),
  transient('overloaded, recovers', '529, then answers', () => ({ kind: 'overloaded' })),
  persistent(
    'server error',
    '500, 502, 503 or 504 api_error',
    (draw) => ({ kind: 'server-error', status: draw.pick(statuses) }),
    'server-error',
  ),
  transient('server error, recovers', '5xx, then answers', (draw) => ({ kind: 'server-error', status: draw.pick(statuses) })),
  {
    ...persistent('reset', 'connection reset before any answer', () => ({ kind: 'reset' }), 'network-error'),
    draw: (draw) => base(draw, { kind: 'reset' }, { target: draw.pick(['claude-code', 'every request'] as const) }),
  },
  transient('reset, recovers', 'connection reset, then answers', () => ({ kind: 'reset' })),
  persistent('cut', 'a stream cut halfway', () => ({ kind: 'cut' }), 'network-error'),
  transient('cut, recovers', 'a stream cut halfway, then answers', () => ({ kind: 'cut' })),
  {
    name: 'hang',
    mock: 'accepts the request and never answers',
    expected: failure('timeout'),
    draw: (draw) => ({
      ...base(draw, { kind: 'hang' }, { target: draw.pick(['claude-code', 'every request'] as const) }),
      inputs: { ...HANG_LIMIT, 'max-attempts': String(draw.int(1, 2)), 'retry-wait-seconds': '0.2' },
    }),
  },
  {
    // One hang only: each costs a whole time limit.
    name: 'hang, recovers',
    mock: 'the first call never answered, then answers',
    expected: SUCCESS,
    draw: (draw) => ({
      ...base(draw, { kind: 'hang' }),
      calls: 1,
      inputs: { 'timeout-minutes': '0.15', 'max-attempts': '2', 'retry-wait-seconds': '0.2' },
    }),
  },
  {
    name: 'slower than the limit',
    mock: 'answers, each event 3 s after the one before: past the attempt time limit',
    expected: failure('timeout'),
    draw: (draw) => ({ ...base(draw, { kind: 'success', delayMs: 3000 }), inputs: { ...HANG_LIMIT, 'max-attempts': '1' } }),
  },
  persistent('garbage: html', 'a proxy HTML page with 502', () => ({ kind: 'garbage', body: 'html' }), 'server-error'),
  persistent('garbage: json', '200 with JSON that is no message', () => ({ kind: 'garbage', body: 'json' }), 'claude-error'),
  persistent('garbage: stream', '200 with unparsable events', () => ({ kind: 'garbage', body: 'stream' }), 'claude-error'),
  {
    name: 'cancel',
    mock: 'SIGINT, SIGTERM or both (a second apart, as the runner sends them) at a random moment of a run whose API hangs',
    expected: failure('cancelled'),
    unsignalled: failure('timeout'),
    draw: (draw) => ({
      ...base(draw, { kind: 'hang' }, { target: draw.pick(['claude-code', 'every request'] as const) }),
      inputs: { ...ROOMY_LIMIT, 'max-attempts': '2', 'retry-wait-seconds': '0.2' },
      cancel: { signals: draw.pick([['SIGINT'], ['SIGTERM'], ['SIGINT', 'SIGTERM']]), atMs: draw.int(EARLIEST_CANCEL_MS, 6000) },
    }),
  },
  {
    name: 'cancel between attempts',
    mock: 'a signal at a random moment of a run of overloaded attempts with waits between them',
    expected: failure('cancelled'),
    unsignalled: failure('overloaded'),
    draw: (draw) => ({
      ...base(draw, { kind: 'overloaded' }, { inRunRetries: 0 }),
      inputs: { 'max-attempts': '3', 'retry-wait-seconds': '3', backoff: 'fixed' },
      cancel: { signals: draw.pick([['SIGINT'], ['SIGTERM']]), atMs: draw.int(1000, 7000) },
    }),
  },
]

export const kindNamed = (name: string): FaultKind | undefined => FAULT_KINDS.find((kind) => kind.name === name)

/** The faults of runs 1…`runs` for `seed`: each run's draw depends on the seed alone, never on another run. */
export function drawFaults(seed: number, runs: number): Fault[] {
  const draw = draws(seededRandom(seed))
  return Array.from({ length: runs }, () => {
    const kind = draw.pick(FAULT_KINDS)
    return { kind: kind.name, ...kind.draw(draw) }
  })
}

/** One line naming a fault and its parameters, as the progress shows it. */
export function describeFault(fault: Fault): string {
  const { kind: replyKind, ...reply } = fault.reply
  const parts = [
    `${replyKind}${Object.keys(reply).length > 0 ? JSON.stringify(reply) : ''}`,
    fault.calls === undefined ? 'every call' : `first ${fault.calls} call(s)`,
    fault.target === 'every request' ? 'probes too' : undefined,
    `in-run retries ${fault.inRunRetries}`,
    fault.credential === 'oauth-token' ? 'OAuth token' : undefined,
    ...Object.entries(fault.inputs).map(([name, value]) => `${name} ${value}`),
    fault.cancel ? `${fault.cancel.signals.join('+')} at ${fault.cancel.atMs} ms` : undefined,
  ]
  return `${fault.kind}: ${parts.filter(Boolean).join(', ')}`
}

/** The mock's script for a fault. */
export function scriptFor(fault: Fault): Script {
  const hits = (request: Parameters<Script>[0]): boolean => fault.target === 'every request' || request.client === 'claude-code'
  if (fault.calls !== undefined) {
    const recovering = sequence(fault.calls, fault.reply)
    return (request, index) => (hits(request) ? recovering(request, index) : { kind: 'success' })
  }
  return (request) => (hits(request) ? fault.reply : { kind: 'success' })
}

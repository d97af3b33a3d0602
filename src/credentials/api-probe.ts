// The two requests the action makes to the Anthropic API with the credential Claude Code uses, on the
// official SDK: `models.list` (free) to check the credential before a run, and a one-token
// `messages.create` (billed, a fraction of a cent) to test a credit error. Short timeouts and no SDK
// retries: a probe answers within seconds or reports that it could not. The SDK is loaded on the first
// probe, not at start-up: it is half the bundle, and the first probe runs while Claude Code starts.
import type { Anthropic, APIError } from '@anthropic-ai/sdk'
import type { Credential } from './credential.js'

export type ProbeRequest = 'models.list' | 'messages.create'

export interface ProbeResult {
  request: ProbeRequest
  /** The source of the credential it used. */
  credential: string
  /** The HTTP status; undefined when no answer came (network failure, timeout). */
  status?: number
  errorType?: string
  /** The API's error message, or what kept the request from an answer. */
  message?: string
  requestId?: string
  organizationId?: string
  workspaceId?: string
  durationMs: number
}

export interface ProbeTarget {
  /** ANTHROPIC_BASE_URL of the run's environment; the API itself when undefined. */
  baseUrl?: string
  timeoutMs: number
  /** A cancelled run does not wait for a probe. */
  signal?: AbortSignal
}

/** Subscription tokens need this beta on the Messages API, as Claude Code sends it. */
const OAUTH_BETA = 'oauth-2025-04-20'

type Sdk = typeof import('@anthropic-ai/sdk')

const loadSdk = (): Promise<Sdk> => import('@anthropic-ai/sdk')

function clientFor(sdk: Sdk, credential: Credential, target: ProbeTarget): Anthropic {
  const auth = credential.kind === 'api-key' ? { apiKey: credential.value.trim() } : { authToken: credential.value.trim() }
  return new sdk.Anthropic({
    ...auth,
    baseURL: target.baseUrl || null,
    timeout: target.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    defaultHeaders: credential.kind === 'oauth-token' ? { 'anthropic-beta': OAUTH_BETA } : undefined,
  })
}

function identity(headers: Headers | undefined): Pick<ProbeResult, 'requestId' | 'organizationId' | 'workspaceId'> {
  return {
    requestId: headers?.get('request-id') ?? undefined,
    organizationId: headers?.get('anthropic-organization-id') ?? undefined,
    workspaceId: headers?.get('anthropic-workspace-id') ?? undefined,
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}

async function probe(
  request: ProbeRequest,
  credential: Credential,
  target: ProbeTarget,
  send: (client: Anthropic) => Promise<{ response: Response }>,
): Promise<ProbeResult> {
  const started = Date.now()
  const base = { request, credential: credential.source }
  const sdk = await loadSdk()
  try {
    const { response } = await send(clientFor(sdk, credential, target))
    return { ...base, status: response.status, ...identity(response.headers), durationMs: Date.now() - started }
  } catch (error) {
    const durationMs = Date.now() - started
    // `instanceof` leaves the generic status and headers untyped; these are what an answered request has.
    const answered = error instanceof sdk.APIError ? (error as APIError<number | undefined, Headers | undefined>) : undefined
    if (answered?.status !== undefined) {
      return {
        ...base,
        status: answered.status,
        errorType: answered.type ?? undefined,
        message: answered.apiMessage ?? answered.message,
        ...identity(answered.headers),
        durationMs,
      }
    }
    return { ...base, message: describeFailure(error), durationMs }
  }
}

/** The free check before a run: does the API accept this credential? */
export function probeModels(credential: Credential, target: ProbeTarget): Promise<ProbeResult> {
  return probe('models.list', credential, target, (client) =>
    client.models.list({ limit: 1 }, { signal: target.signal }).withResponse(),
  )
}

/** The smallest billed request: can this credential spend? */
export function probeCredit(credential: Credential, model: string, target: ProbeTarget): Promise<ProbeResult> {
  return probe('messages.create', credential, target, (client) =>
    client.messages
      .create({ model, max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] }, { signal: target.signal })
      .withResponse(),
  )
}

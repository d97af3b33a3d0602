// The worker thread an API probe runs in (bundled on its own as probe-worker/index.js next to each entry):
// it loads the official SDK and makes one request, so the main thread keeps reading Claude Code's output
// while the SDK compiles and the request is under way. Short timeout and no SDK retries: a probe answers
// within seconds or reports that it could not.
import { parentPort, workerData } from 'node:worker_threads'
import type { Anthropic, APIError as AnsweredError } from '@anthropic-ai/sdk'
import type { ProbeJob, ProbeResult } from './api-probe.js'

// Loaded once the thread runs, not with it: a thread stopped while it starts then ends without compiling the SDK.
const { Anthropic: Client, APIError } = await import('@anthropic-ai/sdk')

/** Subscription tokens need this beta on the Messages API, as Claude Code sends it. */
const OAUTH_BETA = 'oauth-2025-04-20'

function clientFor({ credential, baseUrl, timeoutMs }: ProbeJob): Anthropic {
  const auth = credential.kind === 'api-key' ? { apiKey: credential.value.trim() } : { authToken: credential.value.trim() }
  return new Client({
    ...auth,
    baseURL: baseUrl || null,
    timeout: timeoutMs,
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

function send(client: Anthropic, job: ProbeJob): Promise<{ response: Response }> {
  if (job.request === 'models.list') return client.models.list({ limit: 1 }).withResponse()
  return client.messages
    .create({ model: job.model ?? '', max_tokens: 1, messages: [{ role: 'user', content: 'ping' }] })
    .withResponse()
}

async function probe(job: ProbeJob): Promise<ProbeResult> {
  const started = Date.now()
  const base = { request: job.request, credential: job.credential.source }
  try {
    const { response } = await send(clientFor(job), job)
    return { ...base, status: response.status, ...identity(response.headers), durationMs: Date.now() - started }
  } catch (error) {
    const durationMs = Date.now() - started
    // `instanceof` leaves the generic status and headers untyped; these are what an answered request has.
    const answered = error instanceof APIError ? (error as AnsweredError<number | undefined, Headers | undefined>) : undefined
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

parentPort?.postMessage(await probe(workerData as ProbeJob))

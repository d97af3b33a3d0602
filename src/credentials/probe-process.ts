// The process an API probe runs in, started by api-probe.ts (bundled on its own as probe/index.js next to
// each entry): it loads the official SDK, takes one request over the IPC channel, sends back the answer
// and exits. The action's own process meanwhile keeps reading Claude Code's output, and a probe no longer
// needed is killed at once. Short timeout and no SDK retries: a probe answers within seconds or reports
// that it could not.
import { Anthropic, APIError } from '@anthropic-ai/sdk'
import type { ProbeJob, ProbeResult } from './api-probe.js'

/** Subscription tokens need this beta on the Messages API, as Claude Code sends it. */
const OAUTH_BETA = 'oauth-2025-04-20'

function clientFor({ credential, baseUrl, timeoutMs }: ProbeJob): Anthropic {
  const auth = credential.kind === 'api-key' ? { apiKey: credential.value.trim() } : { authToken: credential.value.trim() }
  return new Anthropic({
    ...auth,
    baseURL: baseUrl || null,
    timeout: timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    defaultHeaders: credential.kind === 'oauth-token' ? { 'anthropic-beta': OAUTH_BETA } : undefined,
  })
}

/** The shape of the API's ids; a header that is not one (text, a mention, a line break) is not kept. */
const ID = /^[\w-]{1,128}$/

function identity(headers: Headers | undefined): Pick<ProbeResult, 'requestId' | 'organizationId' | 'workspaceId'> {
  const id = (name: string): string | undefined => {
    const value = headers?.get(name)
    return value && ID.test(value) ? value : undefined
  }
  return {
    requestId: id('request-id'),
    organizationId: id('anthropic-organization-id'),
    workspaceId: id('anthropic-workspace-id'),
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
    const answered = error instanceof APIError ? (error as APIError<number | undefined, Headers | undefined>) : undefined
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

// An action that ended without stopping the probe (killed itself) closes the channel: nobody waits any more.
process.once('disconnect', () => process.exit(0))
process.once('message', (job: ProbeJob) => void probe(job).then((result) => process.send?.(result, () => process.exit(0))))

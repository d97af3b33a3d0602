// Asks the Anthropic API, with @anthropic-ai/sdk, whether a credential works: `models.list` is free; the
// credit probe sends one message with max_tokens 1 (a fraction of a cent). ANTHROPIC_BASE_URL is honoured.
import Anthropic, { APIError } from '@anthropic-ai/sdk'
import type { ProbeCredential } from './credential-checks.js'
import type { ProbeOutcome } from './health.js'

const PROBE_TIMEOUT_MS = 20_000

function client(credential: ProbeCredential, env: NodeJS.ProcessEnv): Anthropic {
  return new Anthropic({
    apiKey: credential.kind === 'api-key' ? credential.apiKey : null,
    authToken: credential.kind === 'auth-token' ? credential.authToken : null,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    maxRetries: 0,
    timeout: PROBE_TIMEOUT_MS,
  })
}

async function probe(call: () => Promise<{ request_id?: string | null }>): Promise<ProbeOutcome> {
  try {
    const { request_id } = await call()
    return { ok: true, message: 'ok', requestId: request_id ?? undefined }
  } catch (error) {
    const status = error instanceof APIError ? (error.status as number | undefined) : undefined
    if (error instanceof APIError && status !== undefined) {
      const body = error.error as { error?: { type?: string; message?: string } } | undefined
      return {
        ok: false,
        status,
        errorType: body?.error?.type,
        message: body?.error?.message ?? error.message,
        requestId: error.requestID ?? undefined,
      }
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}` }
  }
}

/** Whether the API accepts the credential at all. Free. */
export function probeModels(credential: ProbeCredential, env: NodeJS.ProcessEnv): Promise<ProbeOutcome> {
  return probe(async () => {
    const { response } = await client(credential, env).models.list({ limit: 1 }).withResponse()
    return { request_id: response.headers.get('request-id') }
  })
}

/** Whether the credential can spend: one billed request of one output token. */
export function probeCredit(credential: ProbeCredential, model: string, env: NodeJS.ProcessEnv): Promise<ProbeOutcome> {
  return probe(async () => {
    const message = await client(credential, env).messages.create({
      model,
      max_tokens: 1,
      messages: [{ role: 'user', content: 'ping' }],
    })
    return { request_id: message._request_id }
  })
}

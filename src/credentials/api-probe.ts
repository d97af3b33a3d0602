// The two requests the action makes to the Anthropic API with the credential Claude Code uses, on the
// official SDK: `models.list` (free) to check the credential before a run, and a one-token
// `messages.create` (billed, a fraction of a cent) to test a credit error. Each runs in a process of its
// own (probe-process.ts), which alone loads the SDK: the preflight's request runs while Claude Code starts,
// and the action keeps reading Claude Code's output meanwhile. A process, not a worker thread: a probe no
// longer needed is killed at once, where a thread must finish starting before the action can exit.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fork } from 'node:child_process'
import { environmentFor, type Credential } from './credential.js'

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

/** What the probe's process is given: one request, with the credential and where to send it. */
export interface ProbeJob extends Omit<ProbeTarget, 'signal'> {
  request: ProbeRequest
  credential: Credential
  /** The model of the one-token `messages.create`. */
  model?: string
}

/** probe-process.ts, bundled next to each entry (dist/probe/ and dist/cli/probe/) by `npm run bundle`. */
const probeFile = (): string => join(dirname(fileURLToPath(import.meta.url)), 'probe', 'index.js')

function inProcess({ signal, ...job }: ProbeJob & Pick<ProbeTarget, 'signal'>): Promise<ProbeResult> {
  const started = Date.now()
  const unanswered = (message: string): ProbeResult => ({
    request: job.request,
    credential: job.credential.source,
    message,
    durationMs: Date.now() - started,
  })
  return new Promise((resolve) => {
    // Forking holds the main thread for a few milliseconds, so it waits for the next turn of the event
    // loop: by then the attempt that runs alongside has started its process.
    setImmediate(() => {
      if (signal?.aborted) resolve(unanswered('The request was stopped before it was sent.'))
      else send(resolve)
    })
  })

  function send(resolve: (result: ProbeResult) => void): void {
    // The credential goes over the IPC channel, never in an argument or the environment.
    const child = fork(probeFile(), [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: environmentFor(process.env, undefined),
    })
    child.send(job)
    let settled = false
    const settle = (result: ProbeResult): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', stop)
      child.kill('SIGKILL')
      resolve({ ...result, durationMs: Date.now() - started })
    }
    const stop = (): void => settle(unanswered('The request was stopped before the API answered.'))
    signal?.addEventListener('abort', stop, { once: true })
    child.once('message', (result) => settle(result as ProbeResult))
    child.once('error', (error: Error) => settle(unanswered(`The probe failed: ${error.message}`)))
    child.once('exit', (code, killedBy) =>
      settle(unanswered(`The probe's process ended (${killedBy ?? `exit code ${code}`}) without an answer.`)),
    )
  }
}

/** The free check before a run: does the API accept this credential? */
export function probeModels(credential: Credential, target: ProbeTarget): Promise<ProbeResult> {
  return inProcess({ request: 'models.list', credential, ...target })
}

/** The smallest billed request: can this credential spend? */
export function probeCredit(credential: Credential, model: string, target: ProbeTarget): Promise<ProbeResult> {
  return inProcess({ request: 'messages.create', credential, model, ...target })
}

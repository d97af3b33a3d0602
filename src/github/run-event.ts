// What triggered this workflow run, from @actions/github's context: the facts that explain why a secret
// may not have reached the step.
import type { RunEvent } from '../credentials/key-checks.js'

interface PullRequestPayload {
  pull_request?: { head?: { repo?: { fork?: boolean } | null } }
}

/** Loads @actions/github on first use: only a missing credential needs the event explained. */
export async function runEvent(): Promise<RunEvent> {
  const { context } = await import('@actions/github')
  const head = (context.payload as PullRequestPayload).pull_request?.head
  return {
    name: context.eventName || undefined,
    actor: context.actor || undefined,
    ...(head ? { fork: head.repo?.fork === true } : {}),
  }
}

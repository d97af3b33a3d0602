// What triggered this workflow run, from @actions/github's context: the facts that explain why a secret
// may not have reached the step.
import { context } from '@actions/github'
import type { RunEvent } from '../credentials/local-checks.js'

interface PullRequestPayload {
  pull_request?: { head?: { repo?: { fork?: boolean } | null } }
}

export function runEvent(): RunEvent {
  const head = (context.payload as PullRequestPayload).pull_request?.head
  return {
    name: context.eventName || undefined,
    actor: context.actor || undefined,
    ...(head ? { fork: head.repo?.fork === true } : {}),
  }
}

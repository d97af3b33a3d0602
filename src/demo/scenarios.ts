// The scenarios of `claude-code-guard demo`: what the mock API answers, the inputs the action runs with, and
// what the action is expected to make of it. Pure data; the command line's demo runs them (src/cli/demo.ts).
import type { CauseId } from '../diagnosis/catalogue.js'
import type { InputName } from '../settings/settings.js'
import { sequence, type Script } from './mock-api.js'

export interface DemoExpectation {
  conclusion: 'success' | 'failure'
  cause: CauseId | 'none'
  /** Attempts of Claude Code; 0 when the preflight stops the run before the first. */
  attempts: number
  /** The run must end within this many seconds (the point of most scenarios is how soon it ends). */
  withinSeconds: number
}

export interface DemoScenario {
  /** What `claude-code-guard demo NAME` runs. */
  name: string
  /** The one-line title. */
  title: string
  /** What the mock API does, in a few words. */
  mock: string
  /** What the action is expected to do, as a person would say it. */
  expected: string
  /** A fresh script for each run (scripts count the calls they answered). */
  script: () => Script
  /** Inputs on top of the demo's own (a prompt, retry-wait-seconds 1). */
  inputs?: Partial<Record<InputName, string>>
  /** Environment for Claude Code on top of the demo's hermetic one. */
  env?: Record<string, string>
  expect: DemoExpectation
}

/**
 * Claude Code retries a 529 inside its own run (10 times by default, about three minutes); allowed one retry here,
 * it gives up on this many overloaded answers in a row, so the first attempt fails and the action's retry meets
 * the recovered API.
 */
const OVERLOADED_CALLS = 2

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    name: 'success',
    title: 'A run that succeeds',
    mock: 'the API answers',
    expected: "one attempt, Claude Code's result passed through",
    script: () => () => ({ kind: 'success', text: 'Hello from the mock API.' }),
    expect: { conclusion: 'success', cause: 'none', attempts: 1, withinSeconds: 20 },
  },
  {
    name: 'credit-exhausted',
    title: 'A credit error that the one-token check confirms',
    mock: "every message is refused with 400 'Your credit balance is too low'",
    expected:
      'the one-token credit check confirms the empty balance: no retry, a verdict in about a second (the usual retry loop takes ~40 s)',
    script: () => () => ({ kind: 'credit' }),
    expect: { conclusion: 'failure', cause: 'credit-exhausted', attempts: 1, withinSeconds: 15 },
  },
  {
    name: 'credit-false-alarm',
    title: 'A credit false alarm that a retry fixes',
    mock: "Claude Code's first call is refused for credit; the one-token check and every later call succeed",
    expected: 'the one-token check succeeds, so the credit error was spurious: one retry, then success',
    script: () => sequence(1, { kind: 'credit' }),
    expect: { conclusion: 'success', cause: 'none', attempts: 2, withinSeconds: 25 },
  },
  {
    name: 'overload',
    title: 'An overload that recovers',
    mock: `529 overloaded for Claude Code's first ${OVERLOADED_CALLS} calls, then answers (Claude Code may retry once itself, CLAUDE_CODE_MAX_RETRIES=${OVERLOADED_CALLS - 1}; by default it retries a 529 ten times, about three minutes)`,
    expected: 'Claude Code gives up on the overload; the action waits about a second and its retry succeeds',
    script: () => sequence(OVERLOADED_CALLS, { kind: 'overloaded' }),
    // Claude Code's own retries, shortened so the demo stays short: it gives up after one retry of the 529.
    env: { CLAUDE_CODE_MAX_RETRIES: String(OVERLOADED_CALLS - 1) },
    expect: { conclusion: 'success', cause: 'none', attempts: 2, withinSeconds: 25 },
  },
  {
    name: 'invalid-key',
    title: 'An invalid key, stopped at once',
    mock: "every request is refused with 401 'invalid x-api-key'",
    expected:
      "the preflight's free models request is refused as attempt 1 starts: Claude Code is stopped at once, and nothing is retried (alone it would retry the 401 for about three minutes)",
    script: () => () => ({ kind: 'unauthorized' }),
    expect: { conclusion: 'failure', cause: 'api-key-invalid', attempts: 0, withinSeconds: 10 },
  },
]

export const demoScenario = (name: string): DemoScenario | undefined => DEMO_SCENARIOS.find((scenario) => scenario.name === name)

// Writes execution files of the shape claude-code-action v1.0.200 writes to $RUNNER_TEMP/claude-execution-output.json,
// from the real Claude Code CLI against the mock API, into test/fixtures/claude-code-action-1.0.200/<scenario>.json.
// Run: `node test/support/record-execution-files.ts [scenario…]` (CCG_CLAUDE_BIN picks another Claude Code).
//
// The action (base-action/src/run-claude-sdk.ts) pushes every message the Agent SDK's query() yields, breaks after
// the first `result`, and writes JSON.stringify(messages, null, 2). The SDK (@anthropic-ai/claude-agent-sdk 0.3.240)
// spawns the CLI as below, writes an `initialize` control request and the prompt as a user message to its stdin,
// and yields each stdout line JSON.parse'd and unchanged, except the lines it consumes itself (control_response,
// control_request, control_cancel_request, keep_alive, transcript_mirror). This script does the same; see
// test/fixtures/claude-code-action-1.0.200/NOTES.md for the source lines.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { claudeVersion } from './claude.ts'
import { inParallel, runClaude, type Scenario } from './claude-recorder.ts'
import { scenarios as fixtureScenarios } from './record-fixtures.ts'

export const ACTION_VERSION = '1.0.200'
export const AGENT_SDK_VERSION = '0.3.240'

/** Caps Claude Code's in-run retries (default 10, about three minutes) for the scenarios it retries. */
const CAPPED = { CLAUDE_CODE_MAX_RETRIES: '2' }

const withEnv = (scenario: Scenario, env: Record<string, string>, note: string): Scenario => ({
  ...scenario,
  env: { ...scenario.env, ...env },
  note: [scenario.note, note].filter(Boolean).join('; '),
})

export const executionScenarios: Record<string, Scenario> = {
  success: fixtureScenarios.success,
  credit: fixtureScenarios.credit,
  unauthorized: withEnv(fixtureScenarios.unauthorized, CAPPED, '401 invalid x-api-key; CLAUDE_CODE_MAX_RETRIES=2'),
  'oauth-expired': fixtureScenarios['oauth-expired'],
  'rate-limited': withEnv(fixtureScenarios['rate-limited-headers'], CAPPED, '429 for an API key'),
  'usage-limit': fixtureScenarios['usage-limit'],
  overloaded: withEnv(fixtureScenarios.overloaded, CAPPED, '529 overloaded; CLAUDE_CODE_MAX_RETRIES=2'),
  'server-error': withEnv(fixtureScenarios['server-error'], CAPPED, '500 api_error; CLAUDE_CODE_MAX_RETRIES=2'),
  'not-found-model': fixtureScenarios['not-found-model'],
  'prompt-too-long': fixtureScenarios['prompt-too-long'],
}

/** The prompt the action would read from $RUNNER_TEMP/claude-prompts/claude-prompt.txt. */
const PROMPT = 'Say hello'

/**
 * The CLI arguments the SDK builds for the options the action passes in agent mode with no claude_args
 * (parse-sdk-options.ts): settingSources user,project,local, the default permission mode, no model, no max turns.
 */
export const SDK_ARGS = [
  '--output-format',
  'stream-json',
  '--verbose',
  '--input-format',
  'stream-json',
  '--setting-sources=user,project,local',
  '--permission-mode',
  'default',
]

/** The environment the SDK and the action add to process.env for the CLI. */
export const SDK_ENV = {
  CLAUDE_CODE_ENTRYPOINT: 'claude-code-github-action',
  CLAUDE_AGENT_SDK_VERSION: AGENT_SDK_VERSION,
  CLAUDE_CODE_ACTION: '1',
  DETAILED_PERMISSION_MESSAGES: '1',
}

/** Message types the SDK's Query.readMessages() consumes instead of yielding. */
const CONSUMED_BY_SDK = new Set([
  'control_response',
  'control_request',
  'control_cancel_request',
  'keep_alive',
  'transcript_mirror',
])

export interface ExecutionRecording {
  messages: unknown[]
  exitCode: number | null
  seconds: number
  modelCalls: number
  sawResult: boolean
}

/** Runs Claude Code the way the SDK does and collects what the action would write, up to the first result. */
export async function recordExecution(scenario: Scenario): Promise<ExecutionRecording> {
  const messages: unknown[] = []
  let sawResult = false
  const requestId = Math.random().toString(36).substring(2, 15)
  const run = await runClaude(
    { ...scenario, env: { ...SDK_ENV, ...scenario.env } },
    {
      args: SDK_ARGS,
      onStart: (write) => {
        // Query's constructor sends initialize first; query() then writes the string prompt as a user message.
        write(`${JSON.stringify({ request_id: requestId, type: 'control_request', request: { subtype: 'initialize' } })}\n`)
        write(
          `${JSON.stringify({
            type: 'user',
            session_id: '',
            message: { role: 'user', content: [{ type: 'text', text: PROMPT }] },
            parent_tool_use_id: null,
          })}\n`,
        )
      },
      stdin: (line, _write, end) => {
        if (!line.trim() || sawResult) return
        let message: { type?: string }
        try {
          message = JSON.parse(line) as { type?: string }
        } catch {
          return // The SDK logs "Non-JSON stdout" and skips the line.
        }
        if (message.type !== undefined && CONSUMED_BY_SDK.has(message.type)) return
        messages.push(message)
        if (message.type === 'result') {
          sawResult = true
          end() // A single-turn query closes the CLI's stdin on its first result.
        }
      },
    },
  )
  return { messages, exitCode: run.exitCode, seconds: run.seconds, modelCalls: run.modelCalls, sawResult }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = join(import.meta.dirname, '..', 'fixtures', `claude-code-action-${ACTION_VERSION}`)
  mkdirSync(outDir, { recursive: true })
  const wanted = process.argv.slice(2)
  const chosen = Object.entries(executionScenarios).filter(([name]) => wanted.length === 0 || wanted.includes(name))
  const jobs = chosen.map(([name, scenario]) => async () => {
    const recording = await recordExecution(scenario)
    // run-claude-sdk.ts → execution-file.ts: writeFile(executionFile, JSON.stringify(messages, null, 2)).
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify(recording.messages, null, 2))
    const meta = {
      scenario: name,
      action: `claude-code-action v${ACTION_VERSION}`,
      agentSdk: AGENT_SDK_VERSION,
      claudeVersion: claudeVersion(),
      args: SDK_ARGS,
      exitCode: recording.exitCode,
      seconds: recording.seconds,
      modelCalls: recording.modelCalls,
      messages: recording.messages.length,
      endsWithResult: recording.sawResult,
      ...(scenario.reply ? { reply: scenario.reply } : {}),
      credential: scenario.credential ?? 'api-key',
      ...(scenario.env ? { env: scenario.env } : {}),
      ...(scenario.note ? { note: scenario.note } : {}),
    }
    writeFileSync(join(outDir, `${name}.json.meta.json`), `${JSON.stringify(meta, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(meta)}\n`)
  })
  await inParallel(jobs, Number(process.env.RECORD_CONCURRENCY ?? 6))
}

// Records the real Claude Code CLI's output against the mock API, one file per scenario and format,
// into test/fixtures/claude-<version>/. Run: `node test/support/record-fixtures.ts [scenario…]`;
// CCG_CLAUDE_BIN=/path/to/claude records another installed version (into that version's folder).
// Scenarios that Claude Code retries in-run with its default budget take about three minutes each; they run in
// parallel (RECORD_CONCURRENCY at a time, default 8).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { claudeBin, claudeVersion } from './claude.ts'
import { inParallel, runClaude, type Scenario } from './claude-recorder.ts'

/** A few in-run retries instead of Claude Code's default 10, for scenarios that only need the shape of a retry. */
const FEW_RETRIES = { CLAUDE_CODE_MAX_RETRIES: '2' }

export const scenarios: Record<string, Scenario> = {
  // Recorded since 2.1.197, with Claude Code's default retry budget.
  success: { reply: { kind: 'success' } },
  credit: { reply: { kind: 'credit' } },
  'spend-limit': { reply: { kind: 'spend-limit' } },
  unauthorized: { reply: { kind: 'unauthorized' } },
  forbidden: { reply: { kind: 'forbidden' } },
  'rate-limited': { reply: { kind: 'rate-limited', retryAfterSeconds: 1 } },
  overloaded: { reply: { kind: 'overloaded' } },
  'server-error': { reply: { kind: 'server-error', status: 500 } },
  reset: { reply: { kind: 'reset' } },
  // Added with 2.1.332.
  'prompt-too-long': { reply: { kind: 'prompt-too-long' } },
  'invalid-request': { reply: { kind: 'invalid-request' } },
  'request-too-large': { reply: { kind: 'request-too-large' } },
  'organization-disabled': { reply: { kind: 'organization-disabled' } },
  'not-found-model': {
    reply: { kind: 'not-found-model', echoModel: true },
    note: "404 for Claude Code's own model call (and the models list), naming the model it asked for",
  },
  'oauth-expired': {
    reply: { kind: 'oauth-expired' },
    credential: 'oauth',
    env: FEW_RETRIES,
    note: 'CLAUDE_CODE_OAUTH_TOKEN, as a subscription runs; CLAUDE_CODE_MAX_RETRIES=2 bounds any in-run retry of the 401',
  },
  'rate-limited-headers': {
    reply: { kind: 'rate-limited', retryAfterSeconds: 1, limits: 'api-key' },
    env: FEW_RETRIES,
    note: "429 with the API-key organisation's anthropic-ratelimit-* headers; CLAUDE_CODE_MAX_RETRIES=2 (default 10)",
  },
  'usage-limit': {
    reply: { kind: 'usage-limit', claim: 'five_hour', resetsInSeconds: 7200 },
    credential: 'oauth',
    env: FEW_RETRIES,
    note: "A subscription's 429 with anthropic-ratelimit-unified-* (status rejected, five_hour, reset in 2 h); CLAUDE_CODE_MAX_RETRIES=2",
  },
  'oauth-success': {
    reply: { kind: 'success', unified: 'allowed_warning' },
    credential: 'oauth',
    note: "A subscription's success whose unified headers say allowed_warning (five_hour at 92 %)",
  },
  unreachable: {
    unreachable: true,
    note: 'ANTHROPIC_BASE_URL is a closed loopback port (connection refused), default retry budget',
  },
  'unreachable-max-retries': {
    unreachable: true,
    env: FEW_RETRIES,
    note: 'ANTHROPIC_BASE_URL is a closed loopback port, CLAUDE_CODE_MAX_RETRIES=2',
  },
}

export type Format = 'stream-json' | 'text'

export const extensionOf = (format: Format): string => (format === 'stream-json' ? 'jsonl' : 'txt')

async function record(outDir: string, name: string, scenario: Scenario, format: Format): Promise<void> {
  const args = ['-p', 'Say hello', '--output-format', format, ...(format === 'stream-json' ? ['--verbose'] : [])]
  const run = await runClaude(scenario, { args })
  const ext = extensionOf(format)
  writeFileSync(join(outDir, `${name}.${ext}`), run.stdout)
  if (run.stderr) writeFileSync(join(outDir, `${name}.${ext}.stderr`), run.stderr)
  const meta = {
    scenario: name,
    format,
    claudeVersion: claudeVersion(),
    exitCode: run.exitCode,
    ...(run.signal ? { signal: run.signal } : {}),
    seconds: run.seconds,
    modelCalls: run.modelCalls,
    ...(scenario.reply ? { reply: scenario.reply } : {}),
    credential: run.setup.credential,
    baseUrl: run.setup.baseUrl,
    ...(Object.keys(run.setup.env).length > 0 ? { env: run.setup.env } : {}),
    ...(scenario.note ? { note: scenario.note } : {}),
  }
  writeFileSync(join(outDir, `${name}.${ext}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(meta)}\n`)
}

/**
 * `claude auth status` with no credential, with ANTHROPIC_API_KEY and with CLAUDE_CODE_OAUTH_TOKEN, HOME an empty
 * temporary directory: stdout is not a terminal, so it prints JSON (exit 1 when not logged in).
 */
async function recordAuthStatus(outDir: string): Promise<void> {
  const credentials = { none: 'none', 'api-key': 'api-key', 'oauth-token': 'oauth' } as const
  for (const [name, credential] of Object.entries(credentials)) {
    const run = await runClaude({ credential, unreachable: true }, { args: ['auth', 'status'] })
    writeFileSync(join(outDir, `auth-status-${name}.json`), run.stdout)
    const meta = { command: 'claude auth status', claudeVersion: claudeVersion(), credential, exitCode: run.exitCode }
    writeFileSync(join(outDir, `auth-status-${name}.json.meta.json`), `${JSON.stringify(meta, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(meta)}\n`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = join(import.meta.dirname, '..', 'fixtures', `claude-${claudeVersion()}`)
  mkdirSync(outDir, { recursive: true })
  if (process.argv[2] === 'auth-status') {
    await recordAuthStatus(outDir)
    process.exit(0)
  }
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !(name in scenarios))
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; one of ${Object.keys(scenarios).join(', ')}`)
  const chosen = Object.entries(scenarios).filter(([name]) => wanted.length === 0 || wanted.includes(name))
  process.stderr.write(`recording ${chosen.length} scenarios with ${claudeBin()} (${claudeVersion()}) into ${outDir}\n`)
  const jobs = chosen.flatMap(([name, scenario]) =>
    (['stream-json', 'text'] as const).map((format) => () => record(outDir, name, scenario, format)),
  )
  await inParallel(jobs, Number(process.env.RECORD_CONCURRENCY ?? 8))
}

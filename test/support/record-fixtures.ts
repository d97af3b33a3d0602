// Records the real Claude Code CLI's output against the mock API, one file per scenario and format,
// into test/fixtures/claude-<version>/. Run: `node test/support/record-fixtures.ts [scenario…]`.
// Scenarios that Claude Code retries in-run take about three minutes each; they run in parallel.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startMockApi, type Reply } from './mock-anthropic.ts'
import { claudeBin, claudeVersion } from './claude.ts'

const scenarios: Record<string, Reply> = {
  success: { kind: 'success' },
  credit: { kind: 'credit' },
  'spend-limit': { kind: 'spend-limit' },
  unauthorized: { kind: 'unauthorized' },
  forbidden: { kind: 'forbidden' },
  'rate-limited': { kind: 'rate-limited', retryAfterSeconds: 1 },
  overloaded: { kind: 'overloaded' },
  'server-error': { kind: 'server-error', status: 500 },
  reset: { kind: 'reset' },
}

const outDir = join(import.meta.dirname, '..', 'fixtures', `claude-${claudeVersion()}`)
mkdirSync(outDir, { recursive: true })

async function record(name: string, reply: Reply, format: 'stream-json' | 'text'): Promise<void> {
  const api = await startMockApi(() => reply)
  const cwd = mkdtempSync(join(tmpdir(), 'ccg-record-'))
  const args = ['-p', 'Say hello', '--output-format', format, ...(format === 'stream-json' ? ['--verbose'] : [])]
  const started = Date.now()
  const child = spawn(claudeBin(), args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: 'sk-ant-api03-FIXTUREFIXTUREFIXTUREFIXTURE-AAAA',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      HOME: cwd,
    },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  await api.close()
  const ext = format === 'stream-json' ? 'jsonl' : 'txt'
  writeFileSync(join(outDir, `${name}.${ext}`), stdout)
  if (stderr) writeFileSync(join(outDir, `${name}.${ext}.stderr`), stderr)
  const meta = {
    scenario: name,
    format,
    exitCode: code,
    seconds: (Date.now() - started) / 1000,
    modelCalls: api.messageCalls().length,
  }
  writeFileSync(join(outDir, `${name}.${ext}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(meta)}\n`)
}

const wanted = process.argv.slice(2)
const chosen = Object.entries(scenarios).filter(([name]) => wanted.length === 0 || wanted.includes(name))
await Promise.all(chosen.flatMap(([name, reply]) => [record(name, reply, 'stream-json'), record(name, reply, 'text')]))

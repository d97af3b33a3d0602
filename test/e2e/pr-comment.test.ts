// The pull request comment, end to end: the bundled action against a mock GitHub REST API on loopback.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderGfm } from '../../scripts/screenshots.ts'
import { renderComment } from '../../src/render/comment.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { startMockGitHub, type MockGitHub } from '../support/mock-github.ts'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const TOKEN = 'ghs_mockTokenForTheCommentTest0123'
const FAIL = 'echo "Error: Credit balance is too low" >&2; exit 1'

function pullRequestEvent(): string {
  const path = join(tempDir('ccg-event-'), 'event.json')
  writeFileSync(path, JSON.stringify({ pull_request: { number: 7 }, repository: { name: 'widgets', owner: { login: 'acme' } } }))
  return path
}

let api: MockGitHub
beforeEach(async () => {
  api = await startMockGitHub()
})
afterEach(async () => api.close())

const run = (command: string, extra: Record<string, string> = {}, eventPath = pullRequestEvent()) =>
  runAction({
    // The credential checks are not what is tested here (and would need the API).
    inputs: {
      command,
      'max-attempts': '1',
      'comment-on-failure': 'true',
      'github-token': TOKEN,
      preflight: 'false',
      'verify-credit': 'false',
      ...extra,
    },
    env: {
      GITHUB_API_URL: api.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'Review',
      GITHUB_JOB: 'claude',
    },
  })

describe('comment-on-failure', () => {
  it('creates one comment on failure, updates it on a rerun, and marks it fixed on success', async () => {
    api.comments.push({ id: 1, body: 'LGTM', html_url: 'https://github.com/acme/widgets/pull/7#c1', user: { login: 'octocat' } })
    const first = await run(FAIL)
    expect(first.exitCode).toBe(1)
    expect(api.comments).toHaveLength(2)
    const comment = api.comments[1]
    expect(comment.body).toMatch(/^<!-- claude-code-guard:Review\/claude -->/)
    expect(comment.body).toContain('Credit balance is too low (`credit-balance-low`)')
    expect(comment.body).toContain('**How to fix**')
    expect(comment.body).toContain('https://console.anthropic.com/settings/billing')
    expect(comment.body).toContain('(https://github.com/acme/widgets/actions/runs/4242)')
    expect(api.requests.every((request) => request.authorization === `token ${TOKEN}`)).toBe(true)

    const second = await run(FAIL)
    expect(second.exitCode).toBe(1)
    expect(api.comments).toHaveLength(2)
    expect(api.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1)

    const fixed = await run('echo all good')
    expect(fixed.exitCode).toBe(0)
    expect(api.comments).toHaveLength(2)
    expect(api.comments[1].body).toContain('✅ Claude Code succeeded')
    expect(api.comments[0].body).toBe('LGTM')
  })

  it('keeps one comment per matrix leg: one leg’s success leaves another leg’s failure standing', async () => {
    const ubuntu = { matrix: JSON.stringify({ os: 'ubuntu-latest', node: 20 }) }
    const macos = { matrix: JSON.stringify({ os: 'macos-latest', node: 20 }) }
    await run(FAIL, ubuntu)
    await run('echo all good', macos)
    expect(api.comments).toHaveLength(1)
    expect(api.comments[0].body).toMatch(/^<!-- claude-code-guard:Review\/claude _os_ubuntu-latest_ node_20_ -->/)
    await run(FAIL, macos)
    expect(api.comments).toHaveLength(2)
    expect(api.comments[0].body).toContain('Job: `Review / claude (os=ubuntu-latest, node=20)`')
    expect(api.comments[1].body).toContain('Job: `Review / claude (os=macos-latest, node=20)`')
    await run('echo all good', macos)
    expect(api.comments[0].body).toContain('Credit balance is too low')
    expect(api.comments[1].body).toContain('✅ Claude Code succeeded')
    // Outside a matrix the runner gives `null`: one comment for the job, as before.
    await run(FAIL, { matrix: 'null' })
    expect(api.comments[2].body).toMatch(/^<!-- claude-code-guard:Review\/claude -->/)
  })

  it('does not comment on a success that follows no failure', async () => {
    const result = await run('echo all good')
    expect(result.exitCode).toBe(0)
    expect(api.comments).toHaveLength(0)
    expect(api.requests.map((request) => request.method)).toEqual(['GET'])
  })

  it('only warns when the token may not comment; the step result stands', async () => {
    api.denyAll()
    const failed = await run(FAIL)
    expect(failed.exitCode).toBe(1)
    expect(failed.outputs.cause).toBe('credit-balance-low')
    expect(failed.stdout).toMatch(/::warning::Could not comment on pull request #7 \(HTTP 403: Resource not accessible/)
    const passed = await run('echo all good')
    expect(passed.exitCode).toBe(0)
  })

  it('stays silent when off, and outside pull requests', async () => {
    const off = await run(FAIL, { 'comment-on-failure': 'false' })
    expect(off.exitCode).toBe(1)
    const push = join(tempDir('ccg-event-'), 'event.json')
    writeFileSync(push, JSON.stringify({ ref: 'refs/heads/main' }))
    const onPush = await run(FAIL, {}, push)
    expect(onPush.stdout).toContain('not for a pull request')
    expect(api.requests).toHaveLength(0)
  })
})

describe('renderComment', () => {
  const report: RunReport = {
    mode: 'run',
    conclusion: 'failure',
    cause: 'internal-error',
    startedAt: '',
    finishedAt: '',
    attempts: [],
    maxAttempts: 0,
    stopReason: 'Nothing was run.',
    totalCostUsd: 0,
    exitCode: null,
    internalError: 'cannot read <b>/tmp/x</b>',
  }
  it('escapes text that did not come from the catalogue', () => {
    const body = renderComment(report, { key: 'CI/test', where: 'actions' })
    expect(body).toContain('claude-code-guard failed')
    expect(renderGfm(body)).not.toContain('<b>')
    expect(renderGfm(body)).toContain('cannot read &lt;b&gt;/tmp/x&lt;/b&gt;')
  })
})

// The pull request comment cannot be steered: the action updates only a comment its own token wrote,
// whoever else copies its marker, and text from the API (the organisation id) never becomes a mention.
// The bundled action against a mock GitHub, and an API stand-in whose answers carry a hostile id.
import { writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JOB_TOKEN_LOGIN, startMockGitHub, TOKEN_OWNER, type MockGitHub } from '../support/mock-github.ts'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'
import { holds } from './guarantees.ts'
import { TEST_KEY } from './mock-api.ts'

const GUARANTEE = 'the pull request comment cannot be steered'
const JOB_TOKEN = 'ghs_jobTokenForTheCommentTest000000'
const PERSONAL_TOKEN = 'ghp_personalTokenForTheCommentTest00'
const MARKER = '<!-- claude-code-guard:Review/claude -->'
const FAIL = 'echo "Error: Credit balance is too low" >&2; exit 1'

let github: MockGitHub
beforeEach(async () => {
  github = await startMockGitHub()
})
afterEach(async () => github.close())

function pullRequestEvent(): string {
  const path = join(tempDir('ccg-event-'), 'event.json')
  writeFileSync(path, JSON.stringify({ pull_request: { number: 7 }, repository: { name: 'widgets', owner: { login: 'acme' } } }))
  return path
}

const comment = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    inputs: { 'max-attempts': '1', 'comment-on-failure': 'true', preflight: 'false', 'verify-credit': 'false', ...inputs },
    env: {
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: pullRequestEvent(),
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKFLOW: 'Review',
      GITHUB_JOB: 'claude',
      ...env,
    },
  })

describe('the comment the action updates', () => {
  it("is its own token's: a comment by someone else with the marker is left alone", async () => {
    const planted = { id: 1, body: `${MARKER}\nplanted by the pull request's author`, html_url: 'https://github.com/c/1' }
    github.comments.push({ ...planted, user: { login: 'mallory' } })
    await comment({ command: FAIL, 'github-token': JOB_TOKEN })
    await comment({ command: FAIL, 'github-token': JOB_TOKEN })
    await comment({ command: FAIL, 'github-token': PERSONAL_TOKEN })
    await comment({ command: FAIL, 'github-token': PERSONAL_TOKEN })
    await holds(GUARANTEE, 'a planted comment with the marker, for the job token and a personal token', () => {
      expect(github.comments[0].body).toBe(planted.body)
      // One comment for each token, each updated on the rerun.
      expect(github.comments.map((item) => item.user.login)).toEqual(['mallory', JOB_TOKEN_LOGIN, TOKEN_OWNER])
      expect(github.requests.filter((request) => request.method === 'PATCH').map((request) => request.path)).toEqual([
        `/repos/acme/widgets/issues/comments/${github.comments[1].id}`,
        `/repos/acme/widgets/issues/comments/${github.comments[2].id}`,
      ])
    })
  })
})

describe('text from the API in the comment', () => {
  const servers: Server[] = []
  afterEach(() => {
    for (const server of servers.splice(0)) server.close()
  })

  /** The API's answer to the credit check, with the organisation id it is given. */
  async function creditApi(organizationId: string): Promise<string> {
    const server = createServer((_request, res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'anthropic-organization-id': organizationId })
      res.end(
        JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low.' } }),
      )
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('shows the organisation id as code, and an id that is a mention not at all', async () => {
    const hostile = await comment(
      { command: FAIL, 'github-token': JOB_TOKEN, 'anthropic-api-key': TEST_KEY, 'verify-credit': 'true' },
      { ANTHROPIC_BASE_URL: await creditApi('@acme/everyone') },
    )
    const plain = await comment(
      { command: FAIL, 'github-token': PERSONAL_TOKEN, 'anthropic-api-key': TEST_KEY, 'verify-credit': 'true' },
      { ANTHROPIC_BASE_URL: await creditApi('9a1b2c3d-0000-4000-8000-00000000c0de') },
    )
    await holds(GUARANTEE, 'an organisation id from the API', () => {
      expect(hostile.outputs.cause).toBe('credit-exhausted')
      expect(github.comments[0].body).toContain('Buy credits for the organisation that owns this key')
      expect(github.comments[0].body).not.toContain('@acme')
      expect(hostile.stdout + hostile.summary).not.toContain('@acme')
      expect(plain.outputs.cause).toBe('credit-exhausted')
      expect(github.comments[1].body).toContain('Buy credits for organisation `9a1b2c3d-0000-4000-8000-00000000c0de`')
    })
  })
})

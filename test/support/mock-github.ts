// A stand-in for the GitHub REST API's issue comments, served on 127.0.0.1, holding comments in memory.
// A token says who it is as GitHub does: `GET /user` names a personal token's user, and answers 403 to an
// app's installation token (`ghs_…`, as the job's token is), whose comments are by `github-actions[bot]`.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface MockComment {
  id: number
  body: string
  html_url: string
  user: { login: string }
}

/** Who comments with the job's token. */
export const JOB_TOKEN_LOGIN = 'github-actions[bot]'
/** Who a personal token belongs to. */
export const TOKEN_OWNER = 'octo-maintainer'

const loginOf = (authorization: string): string => (/^token ghs_/.test(authorization) ? JOB_TOKEN_LOGIN : TOKEN_OWNER)

export interface MockGitHub {
  url: string
  comments: MockComment[]
  requests: { method: string; path: string; authorization: string }[]
  /** Answer every request with 403, as for a fork's read-only token. */
  denyAll(): void
  close(): Promise<void>
}

export async function startMockGitHub(): Promise<MockGitHub> {
  const comments: MockComment[] = []
  const requests: MockGitHub['requests'] = []
  let denied = false
  let nextId = 1000
  const send = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const method = req.method ?? 'GET'
      const path = (req.url ?? '/').split('?')[0]
      requests.push({ method, path, authorization: String(req.headers.authorization ?? '') })
      if (denied) return send(res, 403, { message: 'Resource not accessible by integration', status: '403' })
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string }) : undefined
      const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path)
      const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)
      const authorization = String(req.headers.authorization ?? '')
      if (path === '/user' && method === 'GET') {
        if (loginOf(authorization) === JOB_TOKEN_LOGIN) {
          return send(res, 403, { message: 'Resource not accessible by integration', status: '403' })
        }
        return send(res, 200, { login: TOKEN_OWNER, type: 'User' })
      }
      if (list && method === 'GET') return send(res, 200, comments)
      if (list && method === 'POST' && body) {
        const comment = {
          id: nextId++,
          body: body.body,
          html_url: `https://github.com${path}#c${nextId}`,
          user: { login: loginOf(authorization) },
        }
        comments.push(comment)
        return send(res, 201, comment)
      }
      const existing = one ? comments.find((comment) => comment.id === Number(one[1])) : undefined
      if (existing && method === 'PATCH' && body) {
        existing.body = body.body
        return send(res, 200, existing)
      }
      send(res, 404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    comments,
    requests,
    denyAll: () => {
      denied = true
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

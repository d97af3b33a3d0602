// patches/@actions+core+*.patch makes @actions/core load its OIDC client when getIDToken is called rather
// than at import, so the action's start-up bundle holds no undici. getIDToken must still work.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as core from '@actions/core'
import { afterEach, expect, it, vi } from 'vitest'

afterEach(() => vi.unstubAllEnvs())

it("getIDToken still fetches the token from the runner's OIDC endpoint", async () => {
  const asked: { url?: string; authorization?: string }[] = []
  const server = createServer((req, res) => {
    asked.push({ url: req.url, authorization: req.headers.authorization })
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ value: 'header.payload.signature' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', `http://127.0.0.1:${port}/token?api-version=2.0`)
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'request-token')
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    expect(await core.getIDToken('sts.example.com')).toBe('header.payload.signature')
    expect(asked).toEqual([{ url: '/token?api-version=2.0&audience=sts.example.com', authorization: 'Bearer request-token' }])
  } finally {
    vi.restoreAllMocks()
    server.close()
  }
})

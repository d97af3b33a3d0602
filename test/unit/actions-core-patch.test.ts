// patches/@actions+core+*.patch makes @actions/core load its OIDC client when getIDToken is called, and
// @actions/exec when platform.getDetails is, rather than at import: the action's start-up bundle holds
// neither undici nor exec's builtins. Both must still work.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
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

it.runIf(process.platform === 'linux')('platform.getDetails still runs lsb_release through @actions/exec', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'ccg-lsb-'))
  try {
    writeFileSync(join(bin, 'lsb_release'), "#!/bin/sh\nprintf 'Testix\\n42.1\\n'\n")
    chmodSync(join(bin, 'lsb_release'), 0o755)
    vi.stubEnv('PATH', `${bin}${delimiter}${process.env.PATH ?? ''}`)
    expect(await core.platform.getDetails()).toMatchObject({ name: 'Testix', version: '42.1', isLinux: true })
  } finally {
    rmSync(bin, { recursive: true, force: true })
  }
})

// A local npm registry on 127.0.0.1 serving a tiny stand-in for @anthropic-ai/claude-code, so the install
// path runs the real npm without the network. The stand-in's `claude --version` prints its version, and
// its install script writes the names of the variables it was given to $CCG_INSTALL_ENV_FILE, when set.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { tempDir } from './temp-dirs.ts'

export const PACKAGE = '@anthropic-ai/claude-code'

export interface MockRegistry {
  url: string
  /** Paths requested, in order. */
  requests: string[]
  /** The environment that points npm at this registry, with a private cache and no npm-side retries. */
  npmEnv: Record<string, string>
  /** Drop the connection of the next `count` requests (a network error to npm). */
  failNext(count: number): void
  close(): Promise<void>
}

const INSTALL_SCRIPT =
  "const file = process.env.CCG_INSTALL_ENV_FILE; if (file) require('fs').writeFileSync(file, Object.keys(process.env).join('\\n'))"

function packFake(version: string, dir: string): Buffer {
  const source = join(dir, `src-${version}`)
  mkdirSync(source, { recursive: true })
  writeFileSync(
    join(source, 'package.json'),
    JSON.stringify({
      name: PACKAGE,
      version,
      bin: { claude: 'cli.js' },
      files: ['cli.js'],
      scripts: { postinstall: `node -e "${INSTALL_SCRIPT}"` },
    }),
  )
  writeFileSync(join(source, 'cli.js'), `#!/usr/bin/env node\nconsole.log('${version} (Claude Code)')\n`, { mode: 0o755 })
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: source, encoding: 'utf8' }).trim()
  return readFileSync(join(dir, name.split('\n').at(-1) ?? name))
}

export async function startMockRegistry(versions: string[], latest = versions.at(-1) ?? ''): Promise<MockRegistry> {
  const dir = tempDir('ccg-registry-')
  const tarballs = new Map(versions.map((version) => [version, packFake(version, dir)]))
  const requests: string[] = []
  let failures = 0
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '/')
    requests.push(path)
    if (failures > 0) {
      failures -= 1
      req.socket.destroy()
      return
    }
    if (path === `/${PACKAGE}`) {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const entries = [...tarballs].map(([version, tarball]): [string, object] => [
        version,
        {
          name: PACKAGE,
          version,
          bin: { claude: 'cli.js' },
          hasInstallScript: true,
          dist: {
            tarball: `${base}/tarballs/claude-code-${version}.tgz`,
            shasum: createHash('sha1').update(tarball).digest('hex'),
            integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          },
        },
      ])
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ name: PACKAGE, 'dist-tags': { latest }, versions: Object.fromEntries(entries) }))
      return
    }
    const tarball = /^\/tarballs\/claude-code-(.+)\.tgz$/.exec(path)
    const body = tarball ? tarballs.get(tarball[1]) : undefined
    if (body) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(body)
      return
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: 'Not found' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const userconfig = join(dir, 'npmrc')
  writeFileSync(userconfig, '')
  return {
    url,
    requests,
    npmEnv: {
      npm_config_registry: url,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_userconfig: userconfig,
      npm_config_fetch_retries: '0',
      npm_config_audit: 'false',
    },
    failNext: (count) => {
      failures = count
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

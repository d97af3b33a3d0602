// The command as npm installs it: `npm pack`, then `npm install -g` of the tarball into a throwaway prefix,
// with the declared dependencies from npm's cache (npm ci put them there), and the installed
// `claude-code-guard` runs. The package stays private: the npm name belongs to another project.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
  private?: boolean
}
let work: string
let packed: string[]

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ccg-package-'))
  const quiet = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']
  const pack = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work, ...quiet], { cwd: root, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[]
  packed = pack[0].files.map((file) => file.path)
  execFileSync('npm', ['install', '-g', '--prefix', join(work, 'global'), join(work, pack[0].filename), ...quiet], {
    cwd: work,
    encoding: 'utf8',
  })
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

const installed = (...args: string[]): string =>
  execFileSync(join(work, 'global', 'bin', 'claude-code-guard'), args, { cwd: work, encoding: 'utf8' })

describe('npm pack, then npm install -g of the tarball', () => {
  it('packs the command line only, and stays private', () => {
    expect(manifest.private).toBe(true)
    expect(packed).toContain('dist/cli/index.js')
    expect(packed).toContain('dist/cli/probe/index.js')
    expect(packed.filter((path) => !/^dist\/cli\/|^(package\.json|README\.md|LICENSE)$/.test(path))).toEqual([])
  })

  it('gives a working claude-code-guard command: --version and --help', () => {
    expect(installed('--version')).toBe(`${manifest.version}\n`)
    expect(installed('--help')).toMatch(/^Usage: claude-code-guard \[options\] \[command\]\n[^]*\n {2}diagnose /)
  })
})

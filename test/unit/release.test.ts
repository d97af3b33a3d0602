// The release script on a throwaway clone: the version, the dated changelog, the docs' `uses:` lines
// and the two tags.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
let clone: string

beforeAll(() => {
  clone = join(mkdtempSync(join(tmpdir(), 'ccg-release-')), 'repo')
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone])
  // The scripts and the docs' inputs as they are now, committed in the clone (the suite may run on a dirty tree).
  for (const file of [
    'scripts/release.ts',
    'scripts/docs.ts',
    'scripts/source-hash.ts',
    'package.json',
    'README.md',
    'CHANGELOG.md',
  ]) {
    writeFileSync(join(clone, file), readFileSync(join(root, file)))
  }
  cpSync(join(root, 'patches'), join(clone, 'patches'), { recursive: true })
  execFileSync('ln', ['-s', join(root, 'node_modules'), join(clone, 'node_modules')])
  writeFileSync(join(clone, '.git', 'info', 'exclude'), 'node_modules\n')
  const git = (...args: string[]): string => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8' })
  git('add', '--all')
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '--allow-empty', '-m', 'test state')
  git('config', 'user.name', 'Release Test')
  git('config', 'user.email', 'release@test')
})
afterAll(() => rmSync(join(clone, '..'), { recursive: true, force: true }))

const release = (version: string) =>
  spawnSync(
    'node',
    ['--experimental-transform-types', '--no-warnings', '--import', './scripts/ts-resolve.js', 'scripts/release.ts', version],
    {
      cwd: clone,
      encoding: 'utf8',
    },
  )

describe('npm run release', () => {
  it('refuses a version that is not newer, and one that is no version', () => {
    expect(release('0.0.1').stderr).toContain('is not newer than')
    expect(release('next').stderr).toContain('give the version to release')
  })

  // The release bundles dist/ anew (the command line carries its version): ncc takes a while.
  it(
    'sets the version (also in the bundled command line), dates the changelog, rewrites every uses: line, tags vX.Y.Z and moves vX',
    { timeout: 240_000 },
    () => {
      const run = release('7.1.0')
      expect(run.status, run.stderr).toBe(0)
      expect((JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { version: string }).version).toBe('7.1.0')
      expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toMatch(/## \[Unreleased\]\n\n## \[7\.1\.0\] - \d{4}-\d\d-\d\d\n/)
      const readme = readFileSync(join(clone, 'README.md'), 'utf8')
      expect(readme).toContain('uses: claude-code-guard/claude-code-guard@v7')
      expect(readme).not.toMatch(/uses: [\w.-]+\/claude-code-guard@v(?!7\b)\d/)
      expect(execFileSync('node', [join(clone, 'dist', 'cli', 'index.js'), '--version'], { encoding: 'utf8' })).toBe('7.1.0\n')
      const tags = execFileSync('git', ['-C', clone, 'tag', '--points-at', 'HEAD'], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
      expect(tags.sort()).toEqual(['v7', 'v7.1.0'])
      expect(execFileSync('git', ['-C', clone, 'status', '--porcelain'], { encoding: 'utf8' })).toBe('')
    },
  )
})

// Cuts a release, as actions/typescript-action does: `npm run release -- 1.2.3` sets the version in
// package.json, dates the CHANGELOG's Unreleased entry, regenerates the docs (every `uses:` line names the
// new major tag) and the bundle (it carries the version), commits, tags `v1.2.3` and moves the major tag `v1` to the same commit. It refuses a dirty
// tree, a version that does not go up, and a stale dist/. Pushing is left to you: it prints the commands.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sourceHash, storedHash } from './source-hash.ts'

const root = join(import.meta.dirname, '..')
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()

function fail(message: string): never {
  process.stderr.write(`release: ${message}\n`)
  process.exit(1)
}

const parse = (version: string): number[] => version.split('.').map(Number)

function isNewer(next: string, current: string): boolean {
  const [a, b] = [parse(next), parse(current)]
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i]
  return false
}

const version = process.argv[2] ?? ''
if (!/^\d+\.\d+\.\d+$/.test(version)) fail('give the version to release, e.g. `npm run release -- 1.2.3`.')
if (git('status', '--porcelain') !== '') fail('the working tree has changes: commit or stash them first.')
if (storedHash() !== sourceHash()) fail('dist/ is not a bundle of the current source: run `npm run bundle` and commit it.')

const manifestPath = join(root, 'package.json')
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string }
if (!isNewer(version, manifest.version)) fail(`${version} is not newer than the current ${manifest.version}.`)
manifest.version = version
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)

const changelogPath = join(root, 'CHANGELOG.md')
const changelog = readFileSync(changelogPath, 'utf8')
if (!changelog.includes('## [Unreleased]')) fail('CHANGELOG.md has no "## [Unreleased]" entry to release.')
const today = new Date().toISOString().slice(0, 10)
writeFileSync(changelogPath, changelog.replace('## [Unreleased]', `## [Unreleased]\n\n## [${version}] - ${today}`))

execFileSync('npm', ['run', '--silent', 'docs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
// The command line's `--version` is bundled in, so the release's dist/ is bundled with the new version.
execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
const major = `v${version.split('.')[0]}`
// A new bundle may name its chunks anew: add what it wrote, not only what was tracked.
git('add', '--all')
git('commit', '--quiet', '--message', `Release v${version}`)
git('tag', '--annotate', `v${version}`, '--message', `v${version}`)
git('tag', '--force', '--annotate', major, '--message', `v${version}`)
process.stdout.write(
  `Tagged v${version} and moved ${major} to it. Push them with:\n  git push origin HEAD v${version}\n  git push --force origin ${major}\n`,
)

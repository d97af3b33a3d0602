// Where the real Claude Code CLI lives, and its version: the devDependency by default, or any other installed
// Claude Code executable named by CCG_CLAUDE_BIN (e.g. /work/cc-2.1.197/node_modules/.bin/claude), so the
// e2e suite and the fixture recorder can run against another version.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

/** The executable chosen by CCG_CLAUDE_BIN, or the devDependency's. */
export const claudeBin = (): string => process.env.CCG_CLAUDE_BIN || join(root, 'node_modules', '.bin', 'claude')

/**
 * A directory whose `claude` is {@link claudeBin}, to put first on PATH (the action runs `claude` by name).
 * When the chosen executable is not itself called `claude` (e.g. `…/bin/claude.exe`), a symlink named `claude`
 * is made for it in a temporary directory.
 */
export function claudeBinDir(): string {
  const bin = claudeBin()
  if (basename(bin) === 'claude') return dirname(bin)
  const dir = join(tmpdir(), `ccg-claude-bin-${claudeVersion()}`)
  mkdirSync(dir, { recursive: true })
  if (!existsSync(join(dir, 'claude'))) symlinkSync(realpathSync(bin), join(dir, 'claude'))
  return dir
}

let cachedVersion: { bin: string; version: string } | undefined

/** The version of {@link claudeBin}: from the package.json next to it, else from `claude --version`. */
export function claudeVersion(): string {
  const bin = claudeBin()
  if (cachedVersion?.bin === bin) return cachedVersion.version
  const version = versionFromManifest(bin) ?? versionFromCli(bin)
  cachedVersion = { bin, version }
  return version
}

/** Walks up from the real executable (…/@anthropic-ai/claude-code/bin/claude.exe) to its package.json. */
function versionFromManifest(bin: string): string | undefined {
  let dir: string
  try {
    dir = dirname(realpathSync(bin))
  } catch {
    return undefined
  }
  for (let i = 0; i < 3; i++, dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) continue
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string }
    if (parsed.name?.startsWith('@anthropic-ai/claude-code') && parsed.version) return parsed.version
  }
  return undefined
}

function versionFromCli(bin: string): string {
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, DISABLE_AUTOUPDATER: '1' } })
  const match = /^(\d+\.\d+\.\d+\S*)/.exec(out.trim())
  if (!match) throw new Error(`cannot read the version of ${bin} from --version: ${out.trim()}`)
  return match[1]
}

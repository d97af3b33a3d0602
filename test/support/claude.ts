// Where the real Claude Code CLI installed as a devDependency lives, and its version.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')

export const claudeBin = (): string => join(root, 'node_modules', '.bin', 'claude')

export function claudeVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(root, 'node_modules', '@anthropic-ai', 'claude-code', 'package.json'), 'utf8'),
  ) as { version: string }
  return manifest.version
}

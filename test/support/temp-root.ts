// Global setup: one temporary folder for the whole run. TMPDIR points at it before the workers start, so
// they and every process they spawn with their environment make their temporary files inside it; the
// teardown removes it, with whatever a test left there.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const RUN_ROOT_PREFIX = 'ccg-test-run-'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), RUN_ROOT_PREFIX))
  const previous = process.env.TMPDIR
  process.env.TMPDIR = root
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(root, { recursive: true, force: true })
  }
}

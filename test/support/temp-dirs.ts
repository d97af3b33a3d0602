// The temporary folders the tests make, removed when a test file is done (test/support/remove-temp-dirs.ts,
// a setup file, calls `removeTempDirs` after all its tests), so the suite leaves nothing behind. Outside
// vitest (the bench, the screenshots) they stay, as any mkdtemp does. The per-run TMPDIR of
// test/support/temp-root.ts catches whatever a test or a process it starts makes by itself.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const made: string[] = []

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

// The suite leaves no temporary folder behind: the workers, and the processes they start, run with the
// per-run TMPDIR of test/support/temp-root.ts, and the helpers' folders go when a file's tests are done.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RUN_ROOT_PREFIX } from '../support/temp-root.ts'
import { tempDir } from '../support/temp-dirs.ts'

describe('temporary folders', () => {
  it("run every worker, and every process it starts, inside the run's own TMPDIR", () => {
    expect(basename(tmpdir()).startsWith(RUN_ROOT_PREFIX)).toBe(true)
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(require("node:os").tmpdir())'], {
      encoding: 'utf8',
    })
    expect(child).toBe(tmpdir())
  })

  it('made by a helper live under it', () => {
    const made = tempDir('ccg-probe-')
    expect(made.startsWith(`${tmpdir()}/ccg-probe-`)).toBe(true)
    expect(existsSync(made)).toBe(true)
  })
})

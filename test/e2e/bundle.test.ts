// What the runner compiles at every start of the action (and a person at every start of the command line):
// the entry bundles. The SDK and undici are about a megabyte each and load only on use, the SDK in the API
// probe's own process and undici with the OIDC or GitHub client; @actions/exec (with the builtins it loads)
// comes only with @actions/core's platform details. A static import of any of them that slips back in fails here.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const dist = join(import.meta.dirname, '..', '..', 'dist')
const SDK_MODULE = 'CONCATENATED MODULE: ./node_modules/@anthropic-ai/sdk/'
const UNDICI_ERROR = 'undici.error.UND_ERR'
const EXEC_MODULE = 'CONCATENATED MODULE: ./node_modules/@actions/exec/'

describe.each(['index.js', 'cli/index.js'])('dist/%s', (entry) => {
  const text = readFileSync(join(dist, entry), 'utf8')

  it('holds neither the SDK, nor undici, nor @actions/exec', () => {
    expect(text).not.toContain(SDK_MODULE)
    expect(text).not.toContain(UNDICI_ERROR)
    expect(text).not.toContain(EXEC_MODULE)
  })

  it("has the API probe's process bundled next to it, with the SDK", () => {
    const probe = join(dist, entry, '..', 'probe', 'index.js')
    expect(existsSync(probe)).toBe(true)
    expect(readFileSync(probe, 'utf8')).toContain(SDK_MODULE)
  })
})

// The README's tables are generated from action.yml and the cause catalogue; this fails when they are stale,
// and checks that the README's examples only use declared inputs and outputs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { causesPath, formattedCausesDocument, readActionSpec, root, updateReadme } from '../../scripts/docs.ts'
import { CATALOGUE, RETRY_POLICY_TEXT } from '../../src/diagnosis/catalogue.ts'

const readme = readFileSync(join(root, 'README.md'), 'utf8')
const spec = readActionSpec()

describe('README.md', () => {
  it('is up to date with action.yml and the catalogue (run `npm run docs`)', async () => {
    expect(await updateReadme(readme, spec)).toBe(readme)
  })

  it('goes stale when action.yml changes', async () => {
    const changed = structuredClone(spec)
    changed.inputs['max-attempts'].description = 'A new description.'
    const updated = await updateReadme(readme, changed)
    expect(updated).not.toBe(readme)
    expect(updated).toContain('A new description.')
  })

  it('docs/causes.md is up to date with the catalogue (run `npm run docs`)', async () => {
    expect(readFileSync(causesPath, 'utf8')).toBe(await formattedCausesDocument())
  })

  it('lists every input, output and cause, and names the tested Claude Code version', () => {
    for (const name of [...Object.keys(spec.inputs), ...Object.keys(spec.outputs)]) expect(readme).toContain(`| \`${name}\``)
    const causes = readFileSync(causesPath, 'utf8')
    for (const cause of CATALOGUE) {
      expect(readme).toContain(
        `- [\`${cause.id}\`](docs/causes.md#${cause.id}): ${cause.title} (retried: ${RETRY_POLICY_TEXT[cause.retry]})`,
      )
      expect(causes).toContain(`## ${cause.id}\n`)
    }
    expect(readme).toContain(`| \`${spec.inputs['claude-version'].default}\``)
    expect(readme).toContain(`This release is tested with Claude Code **${spec.inputs['claude-version'].default}**`)
  })

  it('refuses a README without the markers', async () => {
    await expect(updateReadme('# README\n', spec)).rejects.toThrow(/no generated tested-version section/)
  })

  it('uses only declared inputs and outputs in its examples', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1])
    const steps = blocks
      .flatMap((block) => {
        const doc = parse(block) as unknown
        const found: Record<string, unknown>[] = []
        const walk = (node: unknown): void => {
          if (Array.isArray(node)) node.forEach(walk)
          else if (node && typeof node === 'object') {
            const step = node as Record<string, unknown>
            if (typeof step.uses === 'string' && step.uses.includes('claude-code-guard')) found.push(step)
            Object.values(step).forEach(walk)
          }
        }
        walk(doc)
        return found
      })
      .filter((step) => step.with !== undefined)
    expect(steps.length).toBeGreaterThanOrEqual(6)
    const known = Object.keys(spec.inputs)
    for (const step of steps) for (const input of Object.keys(step.with as object)) expect(known).toContain(input)
    for (const [, output] of readme.matchAll(/steps\.claude\.outputs\.([\w-]+)/g))
      expect(Object.keys(spec.outputs)).toContain(output)
  })
})

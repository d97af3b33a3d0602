// The README's tables are generated from action.yml, and docs/causes.md from the catalogue; this fails when
// they are stale. It also holds the README to its size and its first-screen link, the examples of the
// README and docs/ to the declared inputs and outputs, and their relative links to files and headings
// that exist.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  causesPath,
  docPages,
  formattedCausesDocument,
  generatedFiles,
  readActionSpec,
  readmePath,
  root,
  updateReadme,
} from '../../scripts/docs.ts'
import { CATALOGUE } from '../../src/diagnosis/catalogue.ts'

const readme = readFileSync(readmePath, 'utf8')
const spec = readActionSpec()
/** The README and every page of docs/ a person reads, with their text. */
const pages = [readmePath, ...docPages()].map((path) => ({ path, text: readFileSync(path, 'utf8') }))
const name = (path: string): string => relative(root, path)

describe('README.md', () => {
  it('is up to date with action.yml (run `npm run docs`)', () => {
    expect(updateReadme(readme, spec)).toBe(readme)
  })

  it('goes stale when action.yml changes', () => {
    const changed = structuredClone(spec)
    changed.inputs['max-attempts'].description = 'A new description.'
    changed.outputs.cause.description = 'Another description.'
    changed.inputs['claude-version'].default = '9.9.9'
    const updated = updateReadme(readme, changed)
    expect(updated).not.toBe(readme)
    expect(updated).toContain('| `max-attempts` | `3` | A new description. |')
    expect(updated).toContain('| `cause` | Another description. |')
    expect(updated).toContain('tested with Claude Code **9.9.9**')
  })

  it('lists every input and output in compact tables, and names the tested Claude Code version', () => {
    for (const [input, { default: value }] of Object.entries(spec.inputs)) {
      expect(readme).toContain(`| \`${input}\` | ${value ? `\`${value}\`` : ''} | `)
    }
    for (const output of Object.keys(spec.outputs)) expect(readme).toContain(`| \`${output}\` | `)
    expect(readme).toContain('| Input | Default | Description |\n| --- | --- | --- |')
    expect(readme).not.toMatch(/-{4}/)
    expect(readme).toContain(`This release is tested with Claude Code **${spec.inputs['claude-version'].default}**`)
  })

  it('refuses a README without the markers', () => {
    expect(() => updateReadme('# README\n', spec)).toThrow(/no generated tested-version section/)
  })

  it('is at most 12 KB and links docs/troubleshooting.md before its first section', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024)
    const firstScreen = readme.slice(0, readme.indexOf('\n## '))
    expect(firstScreen).toContain('](docs/troubleshooting.md)')
  })
})

describe('docs/', () => {
  it('docs/causes.md is up to date with the catalogue, and lists every cause (run `npm run docs`)', async () => {
    const causes = readFileSync(causesPath, 'utf8')
    expect(causes).toBe(await formattedCausesDocument())
    for (const cause of CATALOGUE) expect(causes).toContain(`\n## ${cause.id}\n`)
  })

  it("every file `npm run docs` writes is up to date, the pages' `uses:` lines included", async () => {
    for (const { path, text } of await generatedFiles()) expect(readFileSync(path, 'utf8'), name(path)).toBe(text)
  })
})

/** The steps of this action in a YAML example, wherever they sit (a step list, a job, a workflow). */
function guardSteps(block: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (node && typeof node === 'object') {
      const step = node as Record<string, unknown>
      if (typeof step.uses === 'string' && step.uses.includes('claude-code-guard')) found.push(step)
      Object.values(step).forEach(walk)
    }
  }
  walk(parse(block))
  return found
}

describe('the examples in README.md and docs/', () => {
  const examples = pages.flatMap(({ path, text }) =>
    [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => ({ path, text: match[1], steps: guardSteps(match[1]) })),
  )

  it('use only declared inputs', () => {
    const steps = examples.flatMap((example) => example.steps.filter((step) => step.with !== undefined))
    expect(steps.length).toBeGreaterThanOrEqual(10)
    const known = Object.keys(spec.inputs)
    for (const step of steps) for (const input of Object.keys(step.with as object)) expect(known).toContain(input)
  })

  it("read only declared outputs of this action's steps", () => {
    const outputs = examples.flatMap(({ text, steps }) =>
      steps
        .map((step) => step.id)
        .filter((id) => typeof id === 'string')
        .flatMap((id) => [...text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, 'g'))].map((match) => match[1])),
    )
    expect(new Set(outputs).size).toBeGreaterThanOrEqual(8)
    for (const output of outputs) expect(Object.keys(spec.outputs)).toContain(output)
  })
})

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

function anchorsOf(text: string): Set<string> {
  const withoutCode = text.replace(/```[\s\S]*?```/g, '')
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1])))
}

describe('the links of README.md, CONTRIBUTING.md and docs/', () => {
  const linked = [...pages, { path: join(root, 'CONTRIBUTING.md'), text: readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8') }]

  it('point at files and headings that exist', () => {
    let count = 0
    for (const { path, text } of linked) {
      const prose = text.replace(/```[\s\S]*?```/g, '')
      for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue
        count += 1
        const [file, hash] = target.split('#')
        const to = file === '' ? path : resolve(dirname(path), file)
        expect(existsSync(to), `${name(path)} links ${target}`).toBe(true)
        if (hash !== undefined && to.endsWith('.md')) {
          expect([...anchorsOf(readFileSync(to, 'utf8'))], `${name(path)} links ${target}`).toContain(hash)
        }
      }
    }
    expect(count).toBeGreaterThanOrEqual(40)
  })
})

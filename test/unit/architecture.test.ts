// The layout the code promises in docs/architecture.md: folders as layers, each importing only from the
// layers below it, and no import cycle anywhere in src/ or bench/.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/temp-dirs.ts'

const root = join(import.meta.dirname, '..', '..')

/** Bottom first: a module may import from its own layer and from those before it. */
const LAYERS = [
  ['text', 'secrets'],
  ['process'],
  ['claude'],
  ['diagnosis'],
  ['settings'],
  ['demo'],
  ['credentials'],
  ['install'],
  ['report'],
  ['health'],
  ['guard'],
  ['render'],
  ['runner', 'github'],
  ['cli', 'main.ts', 'index.ts'],
]

const rankOf = (file: string): number => {
  const top = relative(join(root, 'src'), file).split('/')[0]
  const rank = LAYERS.findIndex((layer) => layer.includes(top))
  if (rank === -1) throw new Error(`${relative(root, file)} is in no layer: add ${top} to LAYERS and to docs/architecture.md`)
  return rank
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The project files a module imports, statically or with `import()`, resolved to .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) => match[1])
  return specifiers.map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'))
}

function cycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]))
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      found.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)))
      return
    }
    state.set(file, 'open')
    for (const target of graph.get(file) ?? []) visit(target, [...path, file])
    state.set(file, 'done')
  }
  for (const file of files) visit(file, [])
  return found
}

describe('architecture', () => {
  const src = sources(join(root, 'src'))

  it('has no import cycle in src/ or bench/', () => {
    expect(cycles(src)).toEqual([])
    expect(cycles(sources(join(root, 'bench')))).toEqual([])
  })

  it('imports only from the same layer or the layers below', () => {
    const upward = src.flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith(join(root, 'src')) && rankOf(target) > rankOf(file))
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    )
    expect(upward).toEqual([])
  })

  it('finds a cycle where there is one', () => {
    const dir = tempDir('ccg-cycle-')
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js'\n")
    writeFileSync(join(dir, 'b.ts'), "const a = await import('./a.js')\n")
    writeFileSync(join(dir, 'c.ts'), "import { b } from './b.js'\n")
    try {
      expect(cycles([join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'c.ts')])).toHaveLength(1)
      expect(cycles([join(dir, 'c.ts'), join(dir, 'b.ts')])).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names every folder of src/ in docs/architecture.md', () => {
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8')
    for (const layer of LAYERS.flat().filter((name) => !name.endsWith('.ts'))) expect(doc).toContain(`\`src/${layer}/\``)
  })
})

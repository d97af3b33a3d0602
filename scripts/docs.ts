// Generates the README's reference tables — inputs, outputs, causes — from action.yml and the cause
// catalogue, between marker comments, formatted by Prettier. `npm run docs` rewrites README.md;
// `npm run docs -- --check` exits 1 when it is out of date (a test does the same).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as prettier from 'prettier'
import { parse } from 'yaml'
import { CATALOGUE, type FixStep } from '../src/diagnostics/catalogue.ts'

export const root = join(import.meta.dirname, '..')

export interface ActionSpec {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

export function readActionSpec(): ActionSpec {
  return parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionSpec
}

/** Makes text safe inside a markdown table cell. */
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

function inputsTable(spec: ActionSpec): string {
  const rows = Object.entries(spec.inputs).map(([name, input]) => [
    `\`${name}\``,
    input.default === undefined || input.default === '' ? '' : `\`${cell(input.default)}\``,
    cell(input.description),
  ])
  return table(['Input', 'Default', 'Description'], rows)
}

function outputsTable(spec: ActionSpec): string {
  return table(
    ['Output', 'Description'],
    Object.entries(spec.outputs).map(([name, output]) => [`\`${name}\``, cell(output.description)]),
  )
}

function fixStep(step: FixStep): string {
  if (!step.link) return step.text
  if (step.link.target.kind === 'url') return `${step.text} [${step.link.label}](${step.link.target.url})`
  return `${step.text} (Settings → Secrets and variables → Actions)`
}

function causesTable(): string {
  const rows = CATALOGUE.map((cause) => [
    `\`${cause.id}\``,
    cause.retryable ? 'yes' : 'no',
    cell(`**${cause.title}.** ${cause.meaning}`),
    cell(cause.fix.map((step, index) => `${index + 1}. ${fixStep(step)}`).join('<br>')),
  ])
  return table(['Cause', 'Retried', 'What it means', 'How to fix'], rows)
}

function testedVersion(spec: ActionSpec): string {
  return `This release is tested with Claude Code **${spec.inputs['claude-version']?.default ?? '?'}**, the default of \`claude-version\`; \`latest\` takes the newest.`
}

export const SECTIONS = {
  'tested-version': testedVersion,
  inputs: inputsTable,
  outputs: outputsTable,
  causes: causesTable,
} as const satisfies Record<string, (spec: ActionSpec) => string>

const begin = (name: string): string => `<!-- BEGIN GENERATED ${name}: edit action.yml or the catalogue, then npm run docs -->`
const end = (name: string): string => `<!-- END GENERATED ${name} -->`

/** The README with every generated section rewritten. Throws when a section's markers are missing. */
export async function updateReadme(readme: string, spec: ActionSpec): Promise<string> {
  let text = readme
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = text.indexOf(begin(name))
    const stop = text.indexOf(end(name))
    if (start === -1 || stop < start)
      throw new Error(`README.md has no generated ${name} section: add the lines\n${begin(name)}\n${end(name)}`)
    text = `${text.slice(0, start)}${begin(name)}\n\n${render(spec)}\n\n${text.slice(stop)}`
  }
  const options = await prettier.resolveConfig(join(root, 'README.md'))
  return prettier.format(text, { ...options, filepath: join(root, 'README.md') })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = join(root, 'README.md')
  const readme = readFileSync(path, 'utf8')
  const updated = await updateReadme(readme, readActionSpec())
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      process.stderr.write('README.md is out of date with action.yml or the cause catalogue: run `npm run docs`.\n')
      process.exit(1)
    }
    process.stdout.write('README.md is up to date.\n')
  } else {
    writeFileSync(path, updated)
    process.stdout.write(updated === readme ? 'README.md was up to date.\n' : 'README.md updated.\n')
  }
}

// Generates the reference parts of the docs from action.yml and the cause catalogue: the README's tables
// of inputs and outputs and its tested-version line, between marker comments, written compactly and not
// formatted by Prettier (README.md is in .prettierignore, so that it stays small); and the whole of
// docs/causes.md, formatted by Prettier. It also writes every `uses:` line of this action in the README and
// docs/*.md from package.json. `npm run docs` rewrites them; `npm run docs -- --check` exits 1 when any is
// out of date (a test does the same).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import * as prettier from 'prettier'
import { parse } from 'yaml'
import { CATALOGUE, RETRY_POLICY_TEXT, type Cause, type FixStep } from '../src/diagnosis/catalogue.ts'
import type { Origin } from '../src/diagnosis/text-signs.ts'

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

const ORIGIN_NAMES: Record<Origin, string> = {
  anthropic: 'the Anthropic API',
  github: 'GitHub',
  cloud: 'a cloud provider (Bedrock, Vertex AI, Foundry)',
}

function recognition(cause: Cause): string {
  const { statuses, errorKinds, patterns, answeredBy } = cause.recognise
  const from = answeredBy ? ` from ${answeredBy.map((origin) => ORIGIN_NAMES[origin]).join(' or ')}` : ''
  const parts = [
    statuses?.length ? `HTTP ${statuses.join(', ')}${from}` : undefined,
    errorKinds?.length ? `error kinds ${errorKinds.map((kind) => `\`${kind}\``).join(', ')}` : undefined,
    patterns?.length ? `${patterns.length} wording families` : undefined,
  ].filter(Boolean)
  return parts.length > 0 ? parts.join('; ') : 'only by the action’s own checks'
}

/** docs/causes.md: one section a cause, with its meaning, retry policy, recognition and fix. */
export function causesDocument(): string {
  const sections = CATALOGUE.map((cause) =>
    [
      `## ${cause.id}`,
      '',
      `**${cause.title}.** ${cause.meaning}`,
      '',
      `- Retried: ${RETRY_POLICY_TEXT[cause.retry]}`,
      `- Recognised by: ${recognition(cause)}`,
      '',
      'How to fix:',
      '',
      ...cause.fix({ where: 'actions' }).map((step, index) => `${index + 1}. ${fixStep(step)}`),
    ].join('\n'),
  )
  return [
    '<!-- Generated from src/diagnosis/catalogue.ts by `npm run docs`: edit the catalogue, not this file. -->',
    '',
    '# Causes',
    '',
    'Every failure claude-code-guard names, in the order it checks them. The `cause` output holds the id. Where the evidence calls for it, the job summary shows a variant of the fix (the organisation to fund, a subscription key shadowed by an API key, the time a limit resets).',
    '',
    'How a failure is recognised: first whether the run failed at all (its result, or in a saved log any sign of failure: an error marker, an exit status, a signal, a stack frame, an error line; prose that only quotes an error, such as a pull request description, is not a failed run). Then the clue that decides: a structured field (the result, an API error body) before a line that shows a failure, before a line of output, before a sentence of prose. Within a clue, its words decide before its error kind, and its kind before its bare HTTP status, which means what it means only from whoever answered: a 401 from GitHub is not a bad Anthropic key, a 403 from Bedrock is not an Anthropic permission. A cloud provider’s refusal, including an IAM, STS or organisation-policy (SCP) explicit deny, is `cloud-credentials-invalid`: the fix is in the cloud account, not in the Anthropic Console. Among causes the same clue shows, the first in this list wins.',
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n')
}

function testedVersion(spec: ActionSpec): string {
  return `This release is tested with Claude Code **${spec.inputs['claude-version']?.default ?? '?'}**, the default of \`claude-version\`; \`latest\` takes the newest.`
}

export const SECTIONS = {
  'tested-version': testedVersion,
  inputs: inputsTable,
  outputs: outputsTable,
} as const satisfies Record<string, (spec: ActionSpec) => string>

const begin = (name: string): string => `<!-- BEGIN GENERATED ${name}: edit action.yml, then npm run docs -->`
const end = (name: string): string => `<!-- END GENERATED ${name} -->`

async function formatted(text: string, path: string): Promise<string> {
  const options = await prettier.resolveConfig(path)
  return prettier.format(text, { ...options, filepath: path })
}

export const causesPath = join(root, 'docs', 'causes.md')

export const formattedCausesDocument = (): Promise<string> => formatted(causesDocument(), causesPath)

/** The action's `uses:` name, from package.json's `repository` and the major tag of its `version`. */
export function usesName(manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson): string {
  const match = /github\.com[/:]([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(manifest.repository.url)
  if (!match) throw new Error(`package.json's repository.url names no GitHub repository: ${manifest.repository.url}`)
  return `${match[1]}@v${manifest.version.split('.')[0]}`
}

interface PackageJson {
  version: string
  repository: { url: string }
}

/** Every `uses:` of this action in a text, as it must be written to work when copied. */
export const withUsesName = (text: string, name = usesName()): string =>
  text.replace(/(uses: )[\w.-]+\/claude-code-guard@v\d+\b/g, `$1${name}`)

/** The README with every generated section rewritten, as it is written: not formatted by Prettier. Throws when a section's markers are missing. */
export function updateReadme(readme: string, spec: ActionSpec): string {
  let text = withUsesName(readme)
  for (const [name, render] of Object.entries(SECTIONS)) {
    const start = text.indexOf(begin(name))
    const stop = text.indexOf(end(name))
    if (start === -1 || stop < start)
      throw new Error(`README.md has no generated ${name} section: add the lines\n${begin(name)}\n${end(name)}`)
    text = `${text.slice(0, start)}${begin(name)}\n\n${render(spec)}\n\n${text.slice(stop)}`
  }
  return text
}

export const readmePath = join(root, 'README.md')

/** The hand-written pages of docs/ (every .md file there but the generated causes.md), whose `uses:` lines are written here. */
export function docPages(): string[] {
  const dir = join(root, 'docs')
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && join(dir, name) !== causesPath)
    .sort()
    .map((name) => join(dir, name))
}

/** Every file `npm run docs` writes, with the text it should hold. */
export async function generatedFiles(): Promise<{ path: string; text: string }[]> {
  return [
    { path: readmePath, text: updateReadme(readFileSync(readmePath, 'utf8'), readActionSpec()) },
    { path: causesPath, text: await formattedCausesDocument() },
    ...docPages().map((path) => ({ path, text: withUsesName(readFileSync(path, 'utf8')) })),
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await generatedFiles()
  const current = (path: string): string => (existsSync(path) ? readFileSync(path, 'utf8') : '')
  const stale = files.filter(({ path, text }) => current(path) !== text).map(({ path }) => path.slice(root.length + 1))
  if (process.argv.includes('--check')) {
    if (stale.length > 0) {
      process.stderr.write(
        `Out of date with action.yml, the cause catalogue or package.json: ${stale.join(', ')}. Run \`npm run docs\`.\n`,
      )
      process.exit(1)
    }
    process.stdout.write('README.md and docs/ are up to date.\n')
  } else {
    for (const { path, text } of files) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
    process.stdout.write(stale.length > 0 ? `Written: ${stale.join(', ')}.\n` : 'README.md and docs/ were up to date.\n')
  }
}

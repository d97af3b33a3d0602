// action.yml, the workflows and dependabot.yml, parsed as YAML and checked against the code: every input
// the settings parser reads and every output the action sets is declared, and every declared one is used.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parse } from 'yaml'
import { RUN_OPTIONS } from '../../src/cli/commands.ts'
import { OUTPUT_NAMES, RunnerFiles } from '../../src/runner/action-io.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { Redactor } from '../../src/secrets/redact.ts'
import { INPUT_NAMES, parseSettings, PINNED_CLAUDE_VERSION, type InputName } from '../../src/settings/settings.ts'
import { parseOutputFile } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const root = join(import.meta.dirname, '..', '..')
const readYaml = (path: string): unknown => parse(readFileSync(join(root, path), 'utf8'))

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const action = readYaml('action.yml') as ActionYml
const declaredInputs = Object.keys(action.inputs)
const declaredOutputs = Object.keys(action.outputs)

const anyFile = { readText: () => 'a prompt', isDirectory: () => true }

/** The names parseSettings reads for these inputs (the rest read as empty, i.e. their defaults). */
function namesRead(given: Partial<Record<InputName, string>>): Set<string> {
  const read = new Set<string>()
  parseSettings((name) => {
    read.add(name)
    return given[name] ?? ''
  }, anyFile)
  return read
}

describe('action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the settings parser reads, in the same order', () => {
    expect(declaredInputs).toEqual([...INPUT_NAMES])
    const read = new Set([...namesRead({ prompt: 'hi' }), ...namesRead({ command: 'make' })])
    expect([...read].sort()).toEqual([...declaredInputs].sort())
  })

  it('gives every input a description, and defaults that mean what the parser assumes when empty', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy()
      // An expression default (`${{ github.token }}`) is the runner's to fill in.
      if (input.default === undefined || input.default.includes('${{')) continue
      const withDefault = parseSettings((n) => (n === name ? String(input.default) : n === 'prompt' ? 'hi' : ''), anyFile)
      const empty = parseSettings((n) => (n === 'prompt' ? 'hi' : ''), anyFile)
      expect(withDefault, `default of ${name}`).toEqual(empty)
    }
  })

  it("gives the command line's `run` options the inputs' defaults, shown in its help", () => {
    for (const [name, option] of Object.entries(RUN_OPTIONS)) expect(option.default, name).toBe(action.inputs[name].default)
  })

  it('defaults claude-version to the tested version, the Claude Code devDependency', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
    expect(action.inputs['claude-version'].default).toBe(PINNED_CLAUDE_VERSION)
    expect(manifest.devDependencies['@anthropic-ai/claude-code']).toBe(PINNED_CLAUDE_VERSION)
  })

  describe('outputs', () => {
    afterEach(() => {
      vi.unstubAllEnvs()
    })
    it('declares exactly the outputs the action sets', () => {
      expect(declaredOutputs).toEqual([...OUTPUT_NAMES])
      const file = join(tempDir('ccg-outputs-'), 'output')
      writeFileSync(file, '')
      vi.stubEnv('GITHUB_OUTPUT', file)
      const report: RunReport = {
        mode: 'run',
        conclusion: 'success',
        cause: 'none',
        startedAt: '',
        finishedAt: '',
        attempts: [],
        maxAttempts: 1,
        stopReason: '',
        totalCostUsd: 0,
        exitCode: 0,
      }
      const log = {
        info: vi.fn(),
        warning: vi.fn(),
        debug: vi.fn(),
        transcript: vi.fn(),
        output: vi.fn(),
        startAttempt: vi.fn(),
        endAttempt: vi.fn(),
      }
      const files = new RunnerFiles(log, new Redactor())
      files.setOutputs(report)
      files.finish()
      expect(Object.keys(parseOutputFile(readFileSync(file, 'utf8'))).sort()).toEqual([...declaredOutputs].sort())
      expect(log.warning).not.toHaveBeenCalled()
    })
  })
})

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
  run?: string
  env?: Record<string, unknown>
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>
}

const workflowFiles = readdirSync(join(root, '.github', 'workflows')).filter((file) => /\.ya?ml$/.test(file))
const workflows = workflowFiles.map((file) => [file, readYaml(join('.github', 'workflows', file)) as Workflow] as const)

describe('workflows', () => {
  it('include ci.yml and check-dist.yml, on push and pull request', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'check-dist.yml']))
    for (const [, workflow] of workflows)
      expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
  })

  it.each(workflows)('%s grants only read access to the contents', (_file, workflow) => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
    for (const job of Object.values(workflow.jobs)) expect(job.permissions ?? {}).not.toHaveProperty('contents', 'write')
  })

  it.each(workflows)('%s pins every action to a full commit SHA', (_file, workflow) => {
    const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses).filter((u) => u !== undefined))
    for (const ref of uses.filter((u) => !u.startsWith('./'))) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)
  })

  it.each(workflows)('%s passes only declared inputs to the action and reads only declared outputs', (_file, workflow) => {
    for (const job of Object.values(workflow.jobs)) {
      const ownSteps = job.steps.filter((step) => step.uses === './')
      for (const step of ownSteps) for (const input of Object.keys(step.with ?? {})) expect(declaredInputs).toContain(input)
      const ids = new Set(ownSteps.map((step) => step.id).filter((id) => id !== undefined))
      const text = JSON.stringify(job)
      for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        if (ids.has(id)) expect(declaredOutputs).toContain(output)
      }
    }
  })

  it('runs the action itself against the mock API and checks its outputs in a later step', () => {
    const ci = workflows.find(([file]) => file === 'ci.yml')?.[1]
    const steps = Object.values(ci?.jobs ?? {}).flatMap((job) => job.steps)
    const start = steps.findIndex((step) => step.run?.includes('src/demo/mock-api.ts'))
    const own = steps.findIndex((step) => step.uses === './')
    const check = steps.findIndex((step) => JSON.stringify(step.env ?? {}).includes(`steps.${steps[own]?.id}.outputs.`))
    expect(start).toBeGreaterThanOrEqual(0)
    expect(own).toBeGreaterThan(start)
    expect(check).toBeGreaterThan(own)
  })
})

describe('dependabot.yml', () => {
  it('updates npm packages and GitHub Actions', () => {
    const config = readYaml('.github/dependabot.yml') as { updates: { 'package-ecosystem': string }[] }
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
  })
})

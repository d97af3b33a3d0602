// Global setup of the test run: a folder where the reliability suite records its cases, and a
// teardown that prints them as one table: guarantee, cases tried, held.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import type { CaseResult } from './guarantees.ts'

export function formatTable(results: readonly CaseResult[]): string {
  const rows = new Map<string, { tried: number; held: number }>()
  for (const result of results) {
    const row = rows.get(result.guarantee) ?? { tried: 0, held: 0 }
    row.tried += 1
    row.held += result.held ? 1 : 0
    rows.set(result.guarantee, row)
  }
  const lines = [...rows].map(([guarantee, row]) => [
    guarantee,
    String(row.tried),
    row.held === row.tried ? 'yes' : `NO (${row.held})`,
  ])
  const table = [['guarantee', 'cases tried', 'held'], ...lines]
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((line) => line[column].length)))
  return table.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')).join('\n')
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'ccg-reliability-'))
  project.provide('reliabilityDir', dir)
  return () => {
    const results = readdirSync(dir).flatMap((file) =>
      readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CaseResult),
    )
    rmSync(dir, { recursive: true, force: true })
    if (results.length > 0) console.log(`\nReliability guarantees\n\n${formatTable(results)}\n`)
  }
}

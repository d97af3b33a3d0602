// Replays a recorded Claude Code output through the observer and classifier, as an attempt would.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { classify } from '../../src/diagnosis/classify.ts'
import type { Diagnosis } from '../../src/diagnosis/clues.ts'
import { AttemptObserver, type ObserverOptions, type Observation, type OutputFormat } from '../../src/diagnosis/observation.ts'
import { claudeVersion } from './claude.ts'

/** The recorded versions: the oldest one still tested, and the pinned one. */
export const FIXTURE_VERSIONS = ['2.1.197', '2.1.332'] as const

export const fixtureDir = (version: string = claudeVersion()): string =>
  join(import.meta.dirname, '..', 'fixtures', `claude-${version}`)

export interface Replay {
  observation: Observation
  diagnosis: Diagnosis | undefined
}

export function replayFixture(scenario: string, format: OutputFormat, version?: string, options?: ObserverOptions): Replay {
  const ext = format === 'stream-json' ? 'jsonl' : 'txt'
  const dir = fixtureDir(version)
  const text = readFileSync(join(dir, `${scenario}.${ext}`), 'utf8')
  const meta = JSON.parse(readFileSync(join(dir, `${scenario}.${ext}.meta.json`), 'utf8')) as { exitCode: number }
  const observer = new AttemptObserver(format, options)
  for (const line of text.split('\n')) if (line !== '') observer.addLine('stdout', line)
  const diagnosis = classify(observer.observation, { exitCode: meta.exitCode, signal: null })
  return { observation: observer.observation, diagnosis }
}

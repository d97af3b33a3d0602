// Replays a recorded Claude Code output through the observer and classifier, as an attempt would.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { classify } from '../../src/diagnosis/classify.ts'
import type { Diagnosis } from '../../src/diagnosis/clues.ts'
import { AttemptObserver, type Observation, type OutputFormat } from '../../src/diagnosis/observation.ts'
import { claudeVersion } from './claude.ts'

export const fixtureDir = join(import.meta.dirname, '..', 'fixtures', `claude-${claudeVersion()}`)

export interface Replay {
  observation: Observation
  diagnosis: Diagnosis | undefined
}

export function replayFixture(scenario: string, format: OutputFormat): Replay {
  const ext = format === 'stream-json' ? 'jsonl' : 'txt'
  const text = readFileSync(join(fixtureDir, `${scenario}.${ext}`), 'utf8')
  const meta = JSON.parse(readFileSync(join(fixtureDir, `${scenario}.${ext}.meta.json`), 'utf8')) as { exitCode: number }
  const observer = new AttemptObserver(format)
  for (const line of text.split('\n')) if (line !== '') observer.addLine('stdout', line)
  const diagnosis = classify(observer.observation, { exitCode: meta.exitCode, signal: null, timedOut: false, cancelled: false })
  return { observation: observer.observation, diagnosis }
}

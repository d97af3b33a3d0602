// A real failure log, pasted into the texts people write around it, is read by where it stands: in a
// bug report or a question it is still that run's failure, with the same cause; quoted in a pull
// request, a feature request, a guide or a changelog it is no failed run. The logs are the corpus's
// own (test/corpus/), so no setting here is written against one sentence.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusDir, diagnoseSample, samples } from '../../scripts/corpus.ts'
import { classify } from '../../src/diagnosis/classify.ts'
import { readSavedLog } from '../../src/diagnosis/saved-log.ts'
import { isProse } from '../../src/diagnosis/text-signs.ts'

const causeOf = (text: string): string => {
  const log = readSavedLog(text)
  return classify(log.observation, log.outcome)?.cause ?? 'none'
}
const fenced = (text: string): string => `\`\`\`\n${text}\n\`\`\`\n`

const REPORTS: Record<string, (log: string) => string> = {
  'a report that says what it prints': (log) =>
    `## Description\nSince this morning every run fails. This is what it prints:\n\n${fenced(log)}`,
  'a question with the log pasted bare': (log) =>
    `Hi, our nightly job stopped working yesterday. The log says:\n\n${log}\n\nAny idea what is wrong?`,
  'the issue form': (log) =>
    `[BUG] Claude Code fails in GitHub Actions\n\n### Environment\n- Platform: linux\n- Version: 2.1.90\n\n### What's Wrong?\n\n${fenced(log)}`,
  'a writer who keeps getting it': (log) => `I keep getting this error when I run claude in CI:\n\n${fenced(log)}`,
  'a GitHub Actions job log': (log) =>
    `${log
      .split('\n')
      .map((line) => `2026-01-05T10:00:01.1234567Z ${line}`)
      .join('\n')}\n2026-01-05T10:00:09.0000000Z ##[error]Process completed with exit code 1.`,
  'a terminal, after the command': (log) => `$ claude -p "review this PR"\n${log}`,
  'a Markdown quote': (log) =>
    `Getting this in CI since the update:\n\n${log
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')}\n\nAny ideas?`,
  'an indented code block': (log) =>
    `Our CI fails with:\n\n${log
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n')}\n`,
  'Windows line ends': (log) => log.replace(/\n/g, '\r\n'),
  'docker compose logs, each line after its container': (log) =>
    log
      .split('\n')
      .map((line) => `claude-runner-1  | ${line}`)
      .join('\n'),
  'lines copied with their numbers': (log) =>
    log
      .split('\n')
      .map((line, n) => `${n + 1} ${line}`)
      .join('\n'),
  'a report in the third person, under a summary heading': (log) =>
    `## Summary\n\nWhen the nightly workflow resumes the agent, the worker exits on every attempt:\n\n${fenced(log)}\n## Environment\n- Platform: linux`,
  'a /bug report’s errors': (log) =>
    `**Errors**\n${fenced(JSON.stringify([{ error: log, timestamp: '2026-05-02T00:05:46.855Z' }]))}`,
}

const QUOTES: Record<string, (log: string) => string> = {
  'a pull request': (log) =>
    `## Summary\nThis PR makes the retry loop handle the error below.\n\n${fenced(log)}\n## Test plan\n- added a unit test`,
  'a pull request that names its fix': (log) =>
    `## Problem\nThe pipe stops on the error below.\n\n${fenced(log)}\n## Fix\nThe client now retries it once.`,
  'a feature request': (log) =>
    `When Claude Code prints the following, it would be great if it retried on its own:\n\n${fenced(log)}`,
  'a guide': (log) => `## Troubleshooting\n\nIf you see an error like this one, check your settings first:\n\n${fenced(log)}`,
  'a changelog': (log) => `## 2.1.40\n\n- Fixed a crash when the API returned the error below\n\n${fenced(log)}`,
}

// Logs alone: the failures the rules read right, with no fence, heading or sentence of their own to change.
const logs = samples()
  .filter((sample) => sample.cause !== 'none' && sample.knownMiss === undefined && sample.format !== 'prose')
  .map((sample) => ({ sample, text: readFileSync(join(corpusDir, sample.file), 'utf8') }))
  .filter(({ text }) => !text.includes('```') && !/^\s{0,3}#{1,6}\s/m.test(text) && !text.split('\n').some(isProse))
  .filter(({ sample }) => diagnoseSample(sample).cause === sample.cause)

describe('a failure log in the texts people write around it', () => {
  it('takes hundreds of the corpus’s logs', () => expect(logs.length).toBeGreaterThan(300))

  for (const [setting, wrap] of Object.entries(REPORTS)) {
    it(`in ${setting}, keeps its cause`, () => {
      const changed = logs.filter(({ sample, text }) => causeOf(wrap(text)) !== sample.cause).map(({ sample }) => sample.file)
      expect(changed).toEqual([])
    })
  }
  for (const [setting, wrap] of Object.entries(QUOTES)) {
    it(`quoted in ${setting}, is no failed run`, () => {
      const failed = logs.filter(({ text }) => causeOf(wrap(text)) !== 'none').map(({ sample }) => sample.file)
      expect(failed).toEqual([])
    })
  }
})

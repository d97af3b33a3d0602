// One report, three renderings: every cause of the catalogue (and a success, a diagnosed log, a credential
// check that stopped the run) through the job summary, the pull request comment and the terminal. The
// summary and the comment are rendered as GitHub renders them (GFM, the same renderer as the screenshots)
// and read as a person sees them: no entity or markup shows as text, "How to fix" comes second.
import { describe, expect, it } from 'vitest'
import { gfm, renderGfm, visibleText } from '../../scripts/screenshots.ts'
import { resolveCredentials } from '../../src/credentials/credential.ts'
import { missingCredentialFindings } from '../../src/credentials/key-checks.ts'
import { CAUSE_IDS, causeOf, type CauseId, type FixFacts } from '../../src/diagnosis/catalogue.ts'
import { credentialChecks } from '../../src/health/checks.ts'
import { renderChecks } from '../../src/render/checks.ts'
import { renderComment } from '../../src/render/comment.ts'
import { fixLines, headline, plain, type RenderContext } from '../../src/render/pieces.ts'
import { renderSummary, SUMMARY_LIMIT_BYTES } from '../../src/render/summary.ts'
import { renderText } from '../../src/render/terminal.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { attemptRecord as attempt } from '../support/attempt-record.ts'

const actions: RenderContext = { serverUrl: 'https://github.com', repository: 'acme/widgets', where: 'actions' }
const terminal: RenderContext = { where: 'terminal' }
const comment = { ...actions, key: 'Review/claude', runUrl: 'https://github.com/acme/widgets/actions/runs/1' }

const base = (overrides: Partial<RunReport>): RunReport => ({
  mode: 'run',
  conclusion: 'failure',
  cause: 'claude-error',
  startedAt: '2026-11-24T10:00:00.000Z',
  finishedAt: '2026-11-24T10:00:42.000Z',
  attempts: [],
  maxAttempts: 3,
  stopReason: 'All 3 attempts failed.',
  totalCostUsd: 0,
  exitCode: 1,
  reportFile: '/home/runner/work/_temp/claude-code-guard/report.json',
  ...overrides,
})

/** A failed run for a cause, as the guard would report it. */
function failure(cause: CauseId): RunReport {
  if (cause === 'input-invalid') {
    return base({
      cause,
      inputError: { input: 'max-attempts', message: `Input 'max-attempts' is "lots": use a whole number from 1 to 10.` },
      stopReason: 'Nothing was run: an input is invalid.',
    })
  }
  if (cause === 'internal-error') {
    return base({
      cause,
      internalError: 'cannot write the report: EACCES <runner temp>',
      stopReason: 'The action itself failed.',
    })
  }
  const record = (number: number) =>
    attempt({
      number,
      cause,
      evidence: [{ source: 'stderr', text: `API Error: something about ${cause} & more (see https://example.com/x_y)` }],
      tail: ['Starting…', `Error: ${cause}`],
      waitAfterMs: number < 3 ? 2000 : 0,
      model: 'claude-opus-4-8[1m]',
    })
  const retried = ['backoff', 'steady'].includes(causeOf(cause).retry)
  return base({
    cause,
    attempts: retried ? [record(1), record(2), record(3)] : [record(1)],
    ...(cause === 'cancelled' ? { stopReason: 'Cancelled (SIGTERM) after attempt 1; not retried.' } : {}),
  })
}

const success = base({
  conclusion: 'success',
  cause: 'none',
  exitCode: 0,
  totalCostUsd: 0.0123,
  sessionId: '0f3c9a2e-1111-4222-8333-444455556666',
  result: 'All good: the review is posted.',
  attempts: [attempt({ cause: 'none', exitCode: 0, evidence: [], turns: 3, costUsd: 0.0123, model: 'claude-sonnet-4-5[1m]' })],
})

const missingOnFork = base({
  cause: 'api-key-missing',
  stopReason: 'Stopped before the first attempt.',
  credentials: {
    credentials: [],
    checks: [
      {
        credential: 'none',
        findings: [
          { severity: 'error', cause: 'api-key-missing', text: 'No credential is set: the inputs are all empty.' },
          {
            severity: 'note',
            cause: 'api-key-missing',
            text: 'This run was triggered by `pull_request` from a fork: GitHub passes no secrets to pull requests from forks.',
          },
        ],
      },
    ],
    conflicts: [],
    probes: [],
    notes: [],
    fixFacts: {},
    stop: {
      cause: 'api-key-missing',
      evidence: [
        { source: 'preflight', text: 'No credential is set: the inputs are all empty.' },
        {
          source: 'preflight',
          text: 'This run was triggered by `pull_request` from a fork: GitHub passes no secrets to pull requests from forks.',
        },
      ],
    },
  },
})

const diagnosed = base({
  mode: 'diagnose',
  cause: 'credit-balance-low',
  maxAttempts: 1,
  logFile: '/home/runner/work/_temp/claude-execution-output.json',
  stopReason: 'Diagnosed from the saved log.',
  attempts: [attempt({ cause: 'credit-balance-low' })],
})

const REPORTS: [string, RunReport][] = [
  ...CAUSE_IDS.map((cause): [string, RunReport] => [cause, failure(cause)]),
  ['success', success],
  ['success after a retry', { ...success, attempts: [attempt({ waitAfterMs: 2000 }), { ...success.attempts[0], number: 2 }] }],
  ['missing key on a fork pull request', missingOnFork],
  ['diagnose', diagnosed],
  ['diagnose, success', { ...diagnosed, conclusion: 'success', cause: 'none', attempts: [success.attempts[0]] }],
]

/** The HTML the Markdown itself carries (markdown-it passes it through as GitHub passes `<details>`). */
function rawHtml(markdown: string): string[] {
  return gfm
    .parse(markdown, {})
    .flatMap((token) => [token, ...(token.children ?? [])])
    .filter((token) => token.type === 'html_block' || token.type === 'html_inline')
    .flatMap((token) => token.content.match(/<\/?[a-z][^>]*>|<!--[\s\S]*?-->/gi) ?? [])
}

/** The page's top-level blocks in order, each fold one `details`: `h2`, `p`, `h3 How to fix`, `table`… */
function topBlocks(markdown: string): string[] {
  const blocks: string[] = []
  let folded = 0
  const tokens = gfm.parse(markdown, {})
  tokens.forEach((token, index) => {
    if (token.level !== 0) return
    if (token.type === 'html_block') {
      if (/<details>/.test(token.content) && folded++ === 0) blocks.push('details')
      if (/<\/details>/.test(token.content)) folded--
      return
    }
    if (folded > 0 || !token.type.endsWith('_open')) return
    const inline = tokens[index + 1]?.type === 'inline' ? tokens[index + 1].content : ''
    blocks.push(token.tag === 'h3' ? `h3 ${inline}` : token.tag)
  })
  return blocks
}

/** Checks the page a person sees: nothing escaped shows as text. */
function expectReadable(markdown: string): string {
  const html = renderGfm(markdown)
  const text = visibleText(html)
  // No entity and no tag shows as text; no escape shows (a `\*` left visible, or a stray backtick).
  expect(text).not.toMatch(/&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i)
  expect(text).not.toMatch(/<\/?(?:code|td|th|tr|table|ul|ol|li|a|pre|details|summary|br|p|strong|em|b)\b/i)
  expect(text).not.toMatch(/\\[\\`*_[\]<>|~#&$-]/)
  expect(text).not.toContain('`')
  // HTML only for <details>, and the comment's marker.
  for (const tag of rawHtml(markdown)) expect(tag).toMatch(/^<\/?(?:details|summary)>$|^<!-- claude-code-guard:/)
  // No runs of blank lines.
  expect(markdown).not.toMatch(/\n\s*\n\s*\n/)
  return text
}

describe.each(REPORTS)('%s', (_name, report) => {
  const head = headline(report, actions)
  const title = plain(head.title).replace(/`/g, '')

  it('job summary: headline, then How to fix, then what was tried and the evidence, the rest folded; under 1 MiB', () => {
    const summary = renderSummary(report, actions)
    expect(Buffer.byteLength(summary)).toBeLessThan(Math.min(SUMMARY_LIMIT_BYTES, 1024 * 1024))
    const text = expectReadable(summary)
    expect(text.startsWith(`${head.ok ? '✅' : '❌'} ${title}\n`)).toBe(true)
    const blocks = topBlocks(summary)
    const details = blocks.indexOf('details')
    if (report.conclusion === 'failure') {
      // Second: after the headline and its one paragraph (and the error, for the action's own failure).
      const fix = blocks.indexOf('h3 How to fix')
      expect(blocks.slice(0, fix)).toEqual(head.error === undefined ? ['h2', 'p'] : ['h2', 'p', 'blockquote'])
      expect(text.indexOf('How to fix')).toBeLessThan(text.indexOf('Run details'))
      expect(details === -1 || fix < details).toBe(true)
      // Everything after the first fold is folded.
      expect(blocks.slice(details).every((block) => block === 'details')).toBe(true)
      // No runner path shown outside the folds, and how to keep the report instead.
      expect(summary).toContain('actions/upload-artifact')
      expect(summary.slice(0, summary.indexOf('<details>'))).not.toContain('/home/runner')
    } else {
      expect(summary).not.toContain('How to fix')
      // At most a dozen lines outside the folds.
      const outside = summary.replace(/<details>[\s\S]*?<\/details>/g, '').trim()
      expect(outside.split('\n').length).toBeLessThanOrEqual(12)
    }
    // No jargon: no `start: new`, no unexplained `[1m]`.
    expect(text).not.toMatch(/\bnew\b.*\bsession\b|start: new/)
    for (const match of text.matchAll(/\[1m\]/g)) expect(text.slice(match.index - 80, match.index)).toMatch(/context window/)
  })

  it('comment: the same headline and fix, and a link to the run', () => {
    const body = renderComment(report, comment)
    const text = expectReadable(body)
    expect(text).toContain(title)
    if (report.conclusion === 'failure') {
      expect(text).toContain(`(${head.cause?.id ?? ''})`)
      expect(body).toContain('**How to fix**')
      expect(body).toContain('(https://github.com/acme/widgets/actions/runs/1)')
    }
  })

  it('terminal: the same headline and fix, in a terminal’s words', () => {
    const text = renderText(report, terminal)
    const own = headline(report, terminal)
    expect(text.startsWith(`${own.ok ? '✓' : '✗'} ${plain(own.title)}`)).toBe(true)
    if (report.conclusion === 'failure') expect(text).toMatch(/\nHow to fix:\n {2}1\. /)
    // Workflow things only for the causes that are about a workflow (claude-code-action's permissions).
    if (!report.cause.startsWith('github-')) {
      expect(text).not.toMatch(/\$\{\{|\bforks?\b|\bworkflow\b|the job’s|`with:`|(?<!--)timeout-minutes`/i)
    }
    expect(text).not.toMatch(/attempt 1 of 1\b/)
    // The model's `[1m]` suffix said in words.
    expect(text).not.toContain('[1m]')
    if (report.attempts.some((record) => record.model)) expect(text).toMatch(/Model: claude-\S+ \(1M-token context window\)/)
  })
})

describe('the headline logic', () => {
  it('is one: the summary, the comment and the terminal say the same title and what happened', () => {
    for (const [, report] of REPORTS) {
      const head = headline(report, actions)
      const happened = plain(head.happened).replace(/`/g, '')
      for (const page of [renderSummary(report, actions), renderComment(report, comment)]) {
        expect(visibleText(renderGfm(page)).replace(/\s+/g, ' ')).toContain(happened.replace(/\s+/g, ' '))
      }
      const words = plain(headline(report, terminal).happened).split(/\s+/).join(' ')
      expect(renderText(report, terminal).replace(/\n {2}/g, ' ')).toContain(words)
    }
  })

  it('phrases why the run stopped for people', () => {
    const say = (report: RunReport, where = actions) => plain(headline(report, where).happened)
    expect(say(failure('overloaded'))).toMatch(/All 3 attempts failed\.$/)
    expect(say(failure('api-key-invalid'))).toMatch(
      /Attempt 1 of 3 failed and was not retried: the same credential would fail the same way\.$/,
    )
    expect(say(failure('model-not-found'))).toMatch(/Attempt 1 of 3 failed and was not retried: a retry cannot fix this\.$/)
    expect(say({ ...failure('claude-error'), maxAttempts: 1 })).toMatch(/It was the only attempt: `max-attempts` is 1\.$/)
    expect(say({ ...failure('claude-error'), maxAttempts: 1 }, terminal)).toMatch(/`--max-attempts` is 1\.$/)
    expect(say(missingOnFork)).toBe('No credential is set: the inputs are all empty. Claude Code was not started.')
    expect(say(diagnosed)).toMatch(/^Diagnosed the run from its log: the API refused/)
    expect(plain(headline(diagnosed, terminal).happened)).toMatch(/^Diagnosed the saved log `\/home\/runner/)
    expect(say(REPORTS.find(([name]) => name === 'success after a retry')?.[1] ?? success)).toBe(
      'Attempt 1 failed (Credit balance is too low); attempt 2 succeeded.',
    )
    // A diagnosed log is not an attempt of ours: no "attempt 1 of 3", no attempts table.
    const summary = renderSummary(diagnosed, actions)
    expect(summary).not.toMatch(/attempt 1 of|What was tried/i)
    expect(summary).toContain('### Evidence (from the log)')
  })

  it('says a missing key once, names the fork, and finds no credential check "found No credential"', () => {
    const summary = renderSummary(missingOnFork, actions)
    expect(summary.split('No credential is set')).toHaveLength(2)
    expect(summary).toContain('- **check:** This run was triggered by `pull_request` from a fork')
    expect(summary).not.toMatch(/found No/)
  })
})

describe('the command line on a laptop', () => {
  const WORKFLOW = /\$\{\{|\bforks?\b|\bworkflow\b|Dependabot|the inputs anthropic-api-key/i
  /** What only a GitHub Actions job has: secrets expressions, fork pull requests, the job's `timeout-minutes`. */
  const ACTIONS_ONLY = /\$\{\{|\bsecrets\.|\bforks?\b|(?<!--)timeout-minutes/i
  const FACTS: Omit<FixFacts, 'where'>[] = [
    {},
    { fallbackSet: true },
    { keyShadowsSubscription: true },
    { organizationId: 'org-1' },
    { unverifiedReason: 'the API did not answer' },
    { resetsAt: '2026-11-24T12:00:00.000Z' },
    { input: 'max-attempts' },
  ]

  it.each(CAUSE_IDS)('%s: the terminal says nothing only a GitHub Actions job has', (cause) => {
    const texts = [
      renderText(failure(cause), terminal),
      renderChecks([{ name: 'check', status: 'fail', cause, detail: 'failed' }], terminal),
      ...FACTS.flatMap((facts) => fixLines(causeOf(cause).fix({ ...facts, where: 'terminal' }), terminal)),
    ]
    for (const text of texts) expect(text).not.toMatch(ACTIONS_ONLY)
  })

  it('has a terminal variant of the missing credential: no inputs, secrets or events', () => {
    const texts = missingCredentialFindings({ name: 'pull_request', fork: true }, 'terminal').map((finding) => finding.text)
    expect(texts).toHaveLength(1)
    for (const text of texts) expect(text).not.toMatch(WORKFLOW)
    expect(
      missingCredentialFindings(undefined)
        .map((finding) => finding.text)
        .join(' '),
    ).toMatch(ACTIONS_ONLY)
  })

  it('run: a missing key speaks of the shell, not of secrets, forks or inputs', () => {
    const findings = missingCredentialFindings(undefined)
    const evidence = findings.map((finding) => ({ source: 'preflight' as const, text: finding.text }))
    const report = base({
      cause: 'api-key-missing',
      credentials: {
        ...missingOnFork.credentials!,
        checks: [{ credential: 'none', findings }],
        stop: { cause: 'api-key-missing', evidence },
      },
    })
    const text = renderText(report, terminal)
    expect(text).toMatch(
      /^✗ No credential \(api-key-missing\)\n {2}No credential reached Claude Code: there is no API key or token in this shell’s environment\./,
    )
    expect(text).toContain('export ANTHROPIC_API_KEY=')
    expect(text).not.toMatch(WORKFLOW)
    // The job summary of the same report keeps every finding: it is read on GitHub.
    const summary = renderSummary(report, terminal)
    expect(summary).toContain('`${{ secrets.NAME }}`')
  })

  it('diagnose: no credential is a failure with a terminal’s fix, without the notes written for a job', () => {
    const text = renderChecks(credentialChecks(resolveCredentials({}, {}), undefined, 'terminal'), terminal)
    expect(text).toMatch(
      /✗ credential +No credential is set: ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_CODE_OAUTH_TOKEN are all empty in this environment/,
    )
    expect(text).toMatch(/\n✗ No credential \(api-key-missing\)\n {2}No credential reached Claude Code/)
    expect(text).not.toMatch(WORKFLOW)
    expect(text).toMatch(/cause: api-key-missing\n$/)
  })
})

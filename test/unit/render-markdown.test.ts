// The Markdown the summary and the comment are written in: what Claude Code printed shows literally on
// GitHub's page, whatever it holds, and the action's own text keeps its code; plain characters stay plain.
import { describe, expect, it } from 'vitest'
import { renderGfm, visibleText } from '../../scripts/screenshots.ts'
import { mdCode, mdFence, mdOwn, mdQuote, mdTable, mdText } from '../../src/render/markdown.ts'
import { renderComment } from '../../src/render/comment.ts'
import { renderSummary } from '../../src/render/summary.ts'
import type { RunReport } from '../../src/report/run-report.ts'
import { attemptRecord as attempt } from '../support/attempt-record.ts'

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '**bold** and _italic_ and ~~struck~~',
  '[link](http://x) ![image](http://x/i.png)',
  'a | table | row',
  '</details>',
  '<details><summary>fake</summary>',
  '`code` and ``more``',
  '# heading',
  '> quote',
  '- list item',
  '1. numbered',
  '---',
  '&amp; &lt;b&gt; &#60;',
  '<!-- comment -->',
  '\\*escaped\\* and a trailing backslash \\',
  'It’s Claude\'s: "quoted" (parenthesised) 100% $5 and $6',
]

/**
 * Shown literally: the visible text holds the line, and no element of its markup appears. A bare URL may
 * be linked (GitHub links them too), but only as itself: no link text can hide where it goes.
 */
function expectLiteral(markdown: string, lines: readonly string[]): void {
  const html = renderGfm(markdown)
  const text = visibleText(html)
  for (const line of lines) expect(text).toContain(line)
  expect(html).not.toMatch(/<img|<strong>bold|<em>italic|<del>|<h1>|<summary>fake|<!-- comment|<li>list item/)
  for (const [, target, shown] of html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)) {
    if (target.startsWith('http://x')) expect(shown).toBe(target)
  }
}

describe('mdText, mdCode, mdOwn', () => {
  it.each(HOSTILE)('shows %j literally, on a line, in a list and in a table cell', (line) => {
    expectLiteral(`Text: ${mdText(line, { atStart: false })}`, [line])
    expectLiteral(mdText(line), [line])
    expectLiteral(`- ${mdText(line)}`, [line])
    expectLiteral(mdTable(['a', 'b'], [[mdText(line), mdCode(line, { cell: true })]]), [line])
    expectLiteral(`A code span: ${mdCode(line)}`, [line.replace(/\s+$/, '')])
  })

  it('escapes only what GFM needs: apostrophes, quotes, dots and intraword underscores stay plain', () => {
    expect(mdText(`It's "fine" (really). ANTHROPIC_API_KEY`)).toBe(`It's "fine" (really). ANTHROPIC_API_KEY`)
    expect(mdText('a < b & c')).toBe('a < b & c')
    expect(mdText('<b> &amp; _x_ *y* [z] `w` | ~')).toBe('\\<b> \\&amp; \\_x\\_ \\*y\\* \\[z\\] \\`w\\` \\| \\~')
    expect(mdText('# not a heading')).toBe('\\# not a heading')
    expect(mdText('costs $5')).toBe('costs $5')
    expect(mdText('costs $5 and $6')).toBe('costs \\$5 and \\$6')
  })

  it('keeps the action’s own code as code and escapes the rest', () => {
    expect(mdOwn('Pass it: `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`.')).toBe(
      'Pass it: `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`.',
    )
    expect(mdOwn('a *b* `c|d`', { cell: true })).toBe('a \\*b\\* `c\\|d`')
    expect(mdOwn('an odd ` backtick')).toBe('an odd \\` backtick')
    expect(mdCode('has `ticks`')).toBe('`` has `ticks` ``')
  })

  it('fences and quotes keep every line, whatever it holds', () => {
    const text = HOSTILE.join('\n')
    expectLiteral(mdFence(`${text}\n\`\`\`\n\`\`\`\`\nend`), HOSTILE)
    expectLiteral(mdQuote(HOSTILE), HOSTILE)
  })
})

describe('hostile output through the summary and the comment', () => {
  const report = (overrides: Partial<RunReport>): RunReport => ({
    mode: 'run',
    conclusion: 'failure',
    cause: 'claude-error',
    startedAt: '2026-11-24T10:00:00.000Z',
    finishedAt: '2026-11-24T10:00:30.000Z',
    attempts: [
      attempt({
        cause: 'claude-error',
        evidence: HOSTILE.map((text) => ({ source: 'stderr', text })),
        tail: HOSTILE,
        model: '<b>model</b>',
        sessionId: '`session`',
      }),
    ],
    maxAttempts: 1,
    stopReason: 'The only attempt failed.',
    totalCostUsd: 0,
    exitCode: 1,
    sessionId: '**session** | id',
    ...overrides,
  })
  const context = { where: 'actions' as const, serverUrl: 'https://github.com', repository: 'acme/widgets' }

  it('a failure: the evidence and the last lines show as literal text', () => {
    const summary = renderSummary(report({}), context)
    expectLiteral(summary, HOSTILE)
    // The fold holding the last lines still ends where it should: what follows is not inside it.
    const html = renderGfm(`${summary}\nAFTER`)
    expect(html.lastIndexOf('</details>')).toBeLessThan(html.indexOf('AFTER'))
    expect(visibleText(html)).toContain('How to fix')
  })

  it('a success: Claude’s answer shows as literal text, its first lines and the whole folded', () => {
    const summary = renderSummary(
      report({
        conclusion: 'success',
        cause: 'none',
        result: HOSTILE.join('\n'),
        attempts: [attempt({ cause: 'none', exitCode: 0, evidence: [], costUsd: 0.01, turns: 2 })],
      }),
      context,
    )
    expectLiteral(summary, HOSTILE)
    expect(summary).toContain('<details><summary>The whole answer (16 lines)</summary>')
  })

  it('an input error and an internal error: their messages show as literal text', () => {
    expectLiteral(renderSummary(report({ attempts: [], inputError: { input: 'prompt', message: HOSTILE.join(' ') } }), context), [
      HOSTILE.join(' '),
    ])
    const internal = report({ attempts: [], internalError: HOSTILE.join('\n') })
    expectLiteral(renderSummary(internal, context), HOSTILE)
    expectLiteral(renderComment(internal, { ...context, key: 'CI/test' }), HOSTILE)
  })
})

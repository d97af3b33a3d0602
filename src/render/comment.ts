// Renders the pull request comment: a short headline, the cause, the fix and a link to the run on
// failure; a note that it passed on a later success. Pure. The hidden marker lets the next run find and
// update the same comment instead of adding another.
import { causeOf } from '../diagnosis/catalogue.js'
import type { RunReport } from '../report/run-report.js'
import { escapeHtml, fixFor, fixLines, type RenderContext } from './pieces.js'

export interface CommentContext extends RenderContext {
  /** Link to the workflow run. */
  runUrl?: string
  /** Which workflow and job the comment belongs to, so parallel workflows keep their own comments. */
  key: string
}

export function commentMarker(key: string): string {
  return `<!-- claude-code-guard:${key.replace(/[^\w .:/-]/g, '_')} -->`
}

const runLink = (context: CommentContext, text: string): string => (context.runUrl ? `[${text}](${context.runUrl})` : text)

function failureBody(report: RunReport, context: CommentContext): string {
  if (report.internalError !== undefined || report.cause === 'none') {
    const reason = report.internalError ?? 'Failed.'
    return `### ❌ claude-code-guard: the step failed\n\n${escapeHtml(reason)}\n\n${runLink(context, 'See the run')} for the details.\n`
  }
  const cause = causeOf(report.cause)
  const steps = fixLines(fixFor({ ...report, cause: cause.id }, context), context, (label, url) =>
    url ? ` ([${label}](${url}))` : '',
  )
  return [
    `### ❌ Claude Code failed: ${cause.title} (\`${cause.id}\`)`,
    '',
    cause.meaning,
    '',
    `${escapeHtml(report.stopReason)} ${runLink(context, 'See the run')} for the evidence and the job summary.`,
    '',
    '**How to fix**',
    '',
    ...steps,
    '',
  ].join('\n')
}

function successBody(report: RunReport, context: CommentContext): string {
  const attempts = report.attempts.length > 1 ? ` after ${report.attempts.length} attempts` : ''
  return `### ✅ Claude Code succeeded${attempts}\n\nThe failure reported here before is gone: ${runLink(context, 'this run')} passed.\n`
}

export function renderComment(report: RunReport, context: CommentContext): string {
  const body = report.conclusion === 'success' ? successBody(report, context) : failureBody(report, context)
  return `${commentMarker(context.key)}\n${body}`
}

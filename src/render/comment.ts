// Renders the pull request comment: the headline and what happened, the fix, and a link to the run on
// failure; a note that it passed on a later success. Pure; the same pieces as the job summary. The hidden
// marker lets the next run find and update the same comment instead of adding another.
import type { RunReport } from '../report/run-report.js'
import { mdBlocks, mdCode, mdLink } from './markdown.js'
import { mdFixList, mdHeadline } from './md-pieces.js'
import { causeOfReport, fixFor, headline, type RenderContext } from './pieces.js'

export interface CommentContext extends RenderContext {
  /** Link to the workflow run. */
  runUrl?: string
  /** Which workflow, job and matrix leg the comment belongs to, so each keeps its own comment. */
  key: string
  /** The job as a person names it (`Review / claude (os=ubuntu-latest)`), shown in the comment. */
  job?: string
}

export function commentMarker(key: string): string {
  return `<!-- claude-code-guard:${key.replace(/[^\w .:/-]/g, '_')} -->`
}

const runLink = (context: CommentContext, text: string): string => (context.runUrl ? mdLink(text, context.runUrl) : text)

const jobLine = (context: CommentContext): string => (context.job ? `\n\nJob: ${mdCode(context.job)}` : '')

function failureBody(report: RunReport, context: CommentContext): string {
  const head = headline(report, context)
  const cause = causeOfReport(report)
  return mdBlocks([
    mdHeadline(head, '###', head.cause ? ` (${mdCode(head.cause.id)})` : ''),
    cause !== 'none' && `**How to fix**\n\n${mdFixList(fixFor({ ...report, cause }, context), context)}`,
    `${runLink(context, 'See the run')} for the evidence and the job summary.${jobLine(context)}`,
  ])
}

function successBody(report: RunReport, context: CommentContext): string {
  return mdBlocks([
    mdHeadline(headline(report, context), '###'),
    `The failure reported here before is gone: ${runLink(context, 'this run')} passed.${jobLine(context)}`,
  ])
}

/** A comment is read on GitHub: it always speaks of the workflow. */
export function renderComment(report: RunReport, where: CommentContext): string {
  const context: CommentContext = { ...where, where: 'actions' }
  const body = report.conclusion === 'success' ? successBody(report, context) : failureBody(report, context)
  return `${commentMarker(context.key)}\n${body}\n`
}

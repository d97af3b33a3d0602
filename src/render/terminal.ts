// Renders the run report as plain text for a terminal: the command line's counterpart of the job summary,
// from the same pieces (headline, how to fix, evidence, attempts), in a terminal's words: no secrets
// expressions, forks or jobs. Pure.
import { describeFingerprint } from '../credentials/credential.js'
import type { RunReport } from '../report/run-report.js'
import {
  attemptRows,
  causeOfReport,
  contextWindow,
  describeInstall,
  evidenceToShow,
  fixFor,
  fixLines,
  headline,
  modelName,
  plain,
  rateLimitWarning,
  runFacts,
  duration,
  speaksWorkflow,
  type RenderContext,
} from './pieces.js'

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`)

/** Words wrapped at `width` columns; a word longer than that keeps its own line. */
function wrap(text: string, width = 98): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

function headlineLines(report: RunReport, context: RenderContext): string[] {
  const head = headline(report, context)
  const id = head.cause ? ` (${head.cause.id})` : ''
  const title = `${head.ok ? '✓' : '✗'} ${plain(head.title)}${id}${head.ok ? '.' : ''}`
  return [title, ...indent(wrap(plain(head.happened))), ...(head.error !== undefined ? indent(head.error.split('\n')) : [])]
}

export function renderText(report: RunReport, context: RenderContext): string {
  const warning = rateLimitWarning(report)
  const sections: string[][] = [[...headlineLines(report, context), ...(warning ? indent(wrap(`⚠ ${warning}`)) : [])]]
  const cause = causeOfReport(report)
  if (report.conclusion === 'failure' && cause !== 'none') {
    sections.push(['How to fix:', ...indent(fixLines(fixFor({ ...report, cause }, context), context))])
  }
  if (report.conclusion === 'success' && report.result) sections.push(['Result:', ...indent(report.result.split('\n'))])
  const evidence = evidenceToShow(report, context)
  if (evidence) {
    sections.push([
      `Evidence (${evidence.from}):`,
      ...indent(evidence.items.map((item) => `[${item.source}] ${item.text}`)),
      ...(evidence.omitted > 0 ? indent([`… and ${evidence.omitted} more in the report file`]) : []),
    ])
  }
  if (report.mode === 'run' && report.attempts.length > 0) {
    sections.push([
      'Attempts:',
      ...indent(
        attemptRows(report).map((row) =>
          [
            `#${row.number}`,
            row.ok ? 'succeeded' : `${row.result} (${row.cause})`,
            row.stopped ? row.exit : `exit code ${row.exit}`,
            row.duration,
            row.started ? `started ${plain(row.started)}` : '',
            plain(row.then),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ])
  }
  const credentials = (report.credentials?.credentials ?? []).filter((print) => print.role !== 'ignored')
  const notes = [...(report.credentials?.conflicts ?? []), ...(report.credentials?.notes ?? [])].filter(
    (note) => context.where === 'actions' || !speaksWorkflow(note),
  )
  const facts = runFacts(report)
  const costLine = [
    facts.cost ? `Cost: ${facts.cost}` : '',
    facts.tokens ? `tokens: ${facts.tokens}` : '',
    facts.turns !== undefined ? `turns: ${facts.turns}` : '',
    report.attempts.length > 0 ? `time: ${duration(facts.durationMs)}` : '',
  ].filter(Boolean)
  const lines = [
    ...credentials.map((print) => `Credential (${print.role}): ${describeFingerprint(print)}`),
    ...notes.map((note) => `Note: ${note}`),
    report.install ? describeInstall(report.install) : '',
    costLine.join(' · ').replace(/^./, (first) => first.toUpperCase()),
    facts.model
      ? `Model: ${modelName(facts.model)}${contextWindow(facts.model) ? ` (${contextWindow(facts.model)}-token context window)` : ''}`
      : '',
    facts.session ? `Session: ${facts.session}` : '',
    report.mode === 'diagnose' && report.logFile ? `Log: ${report.logFile}` : '',
    report.reportFile ? `Report: ${report.reportFile}` : '',
  ].filter(Boolean)
  if (lines.length > 0) sections.push(lines)
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`
}

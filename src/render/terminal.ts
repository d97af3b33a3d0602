// Renders the run report as plain text for a terminal: the command line's counterpart of the job summary
// (headline, evidence, how to fix, attempts). Pure.
import { describeFingerprint } from '../credentials/credential.js'
import { causeOf } from '../diagnosis/catalogue.js'
import type { RunReport } from '../report/run-report.js'
import { describeInstall, fixFor, fixLines, seconds, type RenderContext } from './pieces.js'

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`)

function headline(report: RunReport): string[] {
  if (report.conclusion === 'success') {
    const retried = report.attempts.length > 1 ? ` after ${report.attempts.length} attempts` : ''
    return [`✓ Claude Code succeeded${retried}.`]
  }
  if (report.cause === 'none') return ['✗ Failed.']
  const cause = causeOf(report.cause)
  return [`✗ ${cause.title} (${cause.id})`, ...indent([cause.meaning, report.stopReason])]
}

export function renderText(report: RunReport, context: RenderContext): string {
  const lastFailure = report.attempts.findLast((attempt) => attempt.cause !== 'none')
  const sections: string[][] = [headline(report)]
  if (report.conclusion === 'success' && report.result) sections.push(['Result:', ...indent(report.result.split('\n'))])
  const stop = report.credentials?.stop
  const evidence = lastFailure
    ? { from: `attempt ${lastFailure.number}`, items: lastFailure.evidence }
    : { from: 'before the first attempt', items: stop?.evidence ?? [] }
  if (report.conclusion === 'failure' && evidence.items.length > 0) {
    sections.push([`Evidence (${evidence.from}):`, ...indent(evidence.items.map((item) => `[${item.source}] ${item.text}`))])
  }
  if (report.conclusion === 'failure' && report.cause !== 'none') {
    sections.push(['How to fix:', ...indent(fixLines(fixFor({ ...report, cause: report.cause }, context), context))])
  }
  if (report.attempts.length > 0) {
    sections.push([
      'Attempts:',
      ...indent(
        report.attempts.map((attempt) =>
          [
            `#${attempt.number}`,
            `exit ${String(attempt.exitCode)}${attempt.signal ? ` (${attempt.signal})` : ''}`,
            attempt.cause === 'none' ? 'success' : attempt.cause,
            seconds(attempt.durationMs),
            attempt.waitAfterMs > 0 ? `then waited ${seconds(attempt.waitAfterMs)}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ])
  }
  const credentials = (report.credentials?.credentials ?? []).filter((print) => print.role !== 'ignored')
  const facts = [
    ...credentials.map((print) => `Credential (${print.role}): ${describeFingerprint(print)}`),
    report.install ? describeInstall(report.install) : '',
    report.attempts.some((attempt) => attempt.costUsd !== undefined) ? `Cost: $${report.totalCostUsd.toFixed(4)}` : '',
    report.sessionId ? `Session: ${report.sessionId}` : '',
    report.reportFile ? `Report: ${report.reportFile}` : '',
  ].filter(Boolean)
  if (facts.length > 0) sections.push(facts)
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`
}

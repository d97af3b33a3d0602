// Renders the health checks of `claude-code-guard diagnose` for a terminal: one line a check, then the
// verdict and, for a failure, its fix. Pure. Notes written for a GitHub Actions job (secrets expressions,
// forks) are left out when it runs in a terminal.
import { causeOf } from '../diagnosis/catalogue.js'
import { checksVerdict, type Check, type CheckStatus } from '../health/checks.js'
import { fixLines, meaningOf, speaksWorkflow, type RenderContext } from './pieces.js'

const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' }

export function renderChecks(checks: readonly Check[], context: RenderContext): string {
  const shown = checks.filter((check) => context.where === 'actions' || check.status === 'fail' || !speaksWorkflow(check.detail))
  const width = Math.max(...shown.map((check) => check.name.length))
  const lines = shown.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`)
  const verdict = checksVerdict(checks)
  if (verdict.healthy) return `${lines.join('\n')}\n\nHealthy.\n`
  const cause = causeOf(verdict.cause ?? 'claude-error')
  const fix = fixLines(cause.fix({ where: context.where }), context).map((line) => `  ${line}`)
  return `${lines.join('\n')}\n\n✗ ${cause.title} (${cause.id})\n  ${meaningOf(cause, context)}\n\nHow to fix:\n${fix.join('\n')}\n\ncause: ${cause.id}\n`
}

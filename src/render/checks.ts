// Renders the health checks of `claude-code-guard diagnose` for a terminal: one line a check, then the
// verdict and, for a failure, its fix. Pure.
import { causeOf } from '../diagnosis/catalogue.js'
import { checksVerdict, type Check, type CheckStatus } from '../health/checks.js'
import { fixLines, type RenderContext } from './pieces.js'

const MARK: Record<CheckStatus, string> = { ok: '✓', info: '·', warn: '!', fail: '✗' }

export function renderChecks(checks: readonly Check[], context: RenderContext): string {
  const width = Math.max(...checks.map((check) => check.name.length))
  const lines = checks.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`)
  const verdict = checksVerdict(checks)
  if (verdict.healthy) return `${lines.join('\n')}\n\nHealthy.\n`
  const cause = causeOf(verdict.cause ?? 'claude-error')
  const fix = fixLines(cause.fix({ where: context.where }), context).map((line) => `  ${line}`)
  return `${lines.join('\n')}\n\n${cause.title} (${cause.id}): ${cause.meaning}\nHow to fix:\n${fix.join('\n')}\n\ncause: ${cause.id}\n`
}

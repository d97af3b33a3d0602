// The pieces every view of a report shares (the job summary, the pull request comment, the terminal):
// links, the fix for the report's cause, durations, the install line. Pure.
import { causeOf, type CauseId, type FixFacts, type FixStep, type LinkTarget } from '../diagnosis/catalogue.js'
import type { InstallRecord } from '../install/claude-install.js'
import type { RunReport } from '../report/run-report.js'

export interface RenderContext {
  /** GITHUB_SERVER_URL, e.g. https://github.com */
  serverUrl?: string
  /** GITHUB_REPOSITORY, owner/name */
  repository?: string
  /** Where the text is read: fixes differ between a job and a terminal. */
  where: FixFacts['where']
}

/**
 * The links' context from the environment. The action is always read in Actions; the command line only
 * when GITHUB_ACTIONS says it runs in a job.
 */
export function renderContext(env: NodeJS.ProcessEnv, where?: RenderContext['where']): RenderContext {
  return {
    serverUrl: env.GITHUB_SERVER_URL,
    repository: env.GITHUB_REPOSITORY,
    where: where ?? (env.GITHUB_ACTIONS === 'true' ? 'actions' : 'terminal'),
  }
}

export function href(target: LinkTarget, context: RenderContext): string | undefined {
  if (target.kind === 'url') return target.url
  if (!context.repository) return undefined
  return `${context.serverUrl ?? 'https://github.com'}/${context.repository}/settings/secrets/actions`
}

/** The fix for a failed report's cause, in the variant its evidence calls for. */
export function fixFor(report: RunReport & { cause: CauseId }, context: RenderContext): FixStep[] {
  return causeOf(report.cause).fix({
    ...report.credentials?.fixFacts,
    where: context.where,
    ...(report.resetsAt ? { resetsAt: report.resetsAt } : {}),
    ...(report.inputError ? { input: report.inputError.input } : {}),
  })
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`|]/g, (char) => `&#${char.charCodeAt(0)};`)
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export function describeInstall(install: InstallRecord): string {
  if (install.error !== undefined) return `Installing Claude Code ${install.requested} failed: ${install.error}`
  const how = install.reused ? 'reused from' : `installed in ${seconds(install.durationMs)} into`
  return `Claude Code ${install.version ?? install.requested} ${how} ${install.directory ?? '?'}`
}

/** Fix steps, numbered, each followed by its link as `link` writes it. */
export function fixLines(
  steps: readonly FixStep[],
  context: RenderContext,
  link: (label: string, url: string | undefined) => string = (label, url) => ` (${label}${url ? `: ${url}` : ''})`,
): string[] {
  return steps.map((step, index) => {
    const suffix = step.link ? link(step.link.label, href(step.link.target, context)) : ''
    return `${index + 1}. ${step.text}${suffix}`
  })
}

// Creates or updates the one pull request comment of this workflow job, with @actions/github's Octokit
// (GITHUB_API_URL honoured, so GitHub Enterprise Server works). A failure to comment — no permission, a
// fork's read-only token — is a warning: the comment is a courtesy, the step's result stands.
import type { context as githubContext } from '@actions/github'
import type { GuardLog } from '../guard/guard.js'
import { renderContext } from '../render/pieces.js'
import { commentMarker, renderComment } from '../render/comment.js'
import type { RunReport } from '../report/run-report.js'
import type { Redactor } from '../secrets/redact.js'
import type { CommentSettings } from '../settings/settings.js'

interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** The pull request the run belongs to, from the event payload; undefined for other events. */
function pullRequestOf(context: typeof githubContext): PullRequestRef | undefined {
  const number =
    context.payload.pull_request?.number ?? (context.payload.issue?.pull_request ? context.payload.issue.number : undefined)
  if (typeof number !== 'number' || !process.env.GITHUB_REPOSITORY) return undefined
  return { ...context.repo, number }
}

/**
 * Who the token comments as: the user of a personal or OAuth token. The job's token is an app's
 * installation token, which may not ask (GitHub answers 403); its comments are by github-actions[bot].
 */
async function commenter(octokit: ReturnType<typeof import('@actions/github').getOctokit>): Promise<string> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login
  } catch {
    return 'github-actions[bot]'
  }
}

function describeError(error: unknown): string {
  const status = (error as { status?: number }).status
  const message = error instanceof Error ? error.message : String(error)
  return status ? `HTTP ${status}: ${message}` : message
}

export async function commentOnPullRequest(
  report: RunReport,
  settings: CommentSettings,
  { log, redactor, env }: { log: GuardLog; redactor: Redactor; env: NodeJS.ProcessEnv },
): Promise<void> {
  if (!settings.onFailure) return
  // Loaded only when a comment is wanted: it is the costliest import at start-up.
  const github = await import('@actions/github')
  const pr = pullRequestOf(github.context)
  if (!pr) {
    log.info('comment-on-failure: this run is not for a pull request; no comment.')
    return
  }
  if (!settings.githubToken) {
    log.warning('comment-on-failure: no github-token; cannot comment on the pull request.')
    return
  }
  // One comment per workflow, job and matrix leg: one leg's success never touches another leg's failure.
  const key = `${env.GITHUB_WORKFLOW ?? 'workflow'}/${env.GITHUB_JOB ?? 'job'}${settings.leg ? ` (${settings.leg})` : ''}`
  const job = `${env.GITHUB_WORKFLOW ?? 'workflow'} / ${env.GITHUB_JOB ?? 'job'}${settings.leg ? ` (${settings.leg})` : ''}`
  const marker = commentMarker(key)
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const runUrl = env.GITHUB_RUN_ID ? `${serverUrl}/${pr.owner}/${pr.repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined
  try {
    const octokit = github.getOctokit(settings.githubToken, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' })
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
    })
    // Only the token's own comment is updated: anyone can write a comment that starts with the marker.
    const marked = comments.filter((comment) => comment.body?.startsWith(marker))
    const login = marked.length > 0 ? await commenter(octokit) : undefined
    const existing = marked.find((comment) => comment.user?.login === login)
    // A success only ever updates a failure comment; it never starts a conversation of its own.
    if (report.conclusion === 'success' && !existing) return
    const body = redactor.redact(
      renderComment(report, {
        ...renderContext(env, 'actions'),
        key,
        job,
        runUrl,
        serverUrl,
        repository: `${pr.owner}/${pr.repo}`,
      }),
    )
    if (existing) {
      await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body })
      log.info(`Updated the comment on pull request #${pr.number}: ${existing.html_url}`)
    } else {
      const created = await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body })
      log.info(`Commented on pull request #${pr.number}: ${created.data.html_url}`)
    }
  } catch (error) {
    log.warning(
      `Could not comment on pull request #${pr.number} (${describeError(error)}). Give the job \`permissions: pull-requests: write\`; pull requests from forks only get a read-only token.`,
    )
  }
}

// Whether Claude Code is logged in by itself (`claude /login`: a Claude subscription or a Console account),
// as `claude auth status` says. It prints JSON when its stdout is not a terminal, and exits 1 when logged
// out; `loggedIn` is what counts, not the exit code. Asked only when no credential variable is set, so a
// run with a key never has Claude Code read its stored login.
import { execFile } from 'node:child_process'

export interface ClaudeLogin {
  loggedIn: boolean
  /** As Claude Code names it: `claude.ai`, `api_key`, `oauth_token`, `none`. */
  authMethod: string
  /** For a `claude.ai` login: `pro`, `max`, … */
  subscriptionType?: string
}

/** The login `claude auth status` printed; undefined for anything that is not its JSON. */
export function parseAuthStatus(stdout: string): ClaudeLogin | undefined {
  let value: unknown
  try {
    value = JSON.parse(stdout)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { loggedIn, authMethod, subscriptionType } = value as Record<string, unknown>
  if (typeof loggedIn !== 'boolean') return undefined
  return {
    loggedIn,
    authMethod: typeof authMethod === 'string' ? authMethod : 'unknown',
    ...(typeof subscriptionType === 'string' ? { subscriptionType } : {}),
  }
}

/** `logged in with Claude Code (claude.ai, max)`. */
export const describeLogin = (login: ClaudeLogin): string =>
  `logged in with Claude Code (${[login.authMethod, login.subscriptionType].filter(Boolean).join(', ')})`

/** Claude Code answers in a second or so; a login it cannot tell quickly is treated as none. */
const AUTH_STATUS_TIMEOUT_MS = 10_000

/** Asks `claude auth status` (the executable found on env's PATH); undefined when it cannot say. */
export function askClaudeLogin(claudePath: string, env: NodeJS.ProcessEnv): Promise<ClaudeLogin | undefined> {
  return new Promise((resolve) => {
    execFile(claudePath, ['auth', 'status'], { env, timeout: AUTH_STATUS_TIMEOUT_MS }, (_error, stdout) =>
      resolve(parseAuthStatus(String(stdout))),
    )
  })
}

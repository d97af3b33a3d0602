// Checks a credential can pass or fail without the network: blank, stray whitespace, quotes, characters
// no key contains, a prefix of the wrong kind; and why no credential at all may have reached the step.
// Pure. A finding names what is wrong, never the value.
import type { CauseId } from '../diagnosis/catalogue.js'
import { KIND_NAMES, type Credential } from './credential.js'

export interface Finding {
  /** Errors stop the credential from being used; warnings are shown and kept as evidence; notes explain an error. */
  severity: 'error' | 'warning' | 'note'
  cause: CauseId
  text: string
}

/** What the run's trigger says about secrets: from GITHUB_EVENT_NAME, GITHUB_ACTOR and the event payload. */
export interface RunEvent {
  name?: string
  actor?: string
  /** Whether a pull request's head repository is a fork. */
  fork?: boolean
}

const NAMED_CHARACTERS: Record<string, string> = {
  '\n': 'a line break (\\n)',
  '\r': 'a carriage return (\\r)',
  '\t': 'a tab',
  ' ': 'a space',
  '"': 'a double quote',
  "'": 'a single quote',
  '`': 'a backtick',
}

function nameOf(char: string): string {
  const named = NAMED_CHARACTERS[char]
  if (named) return named
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  return /^[\x21-\x7e]$/.test(char) ? `"${char}" (${code})` : code
}

const QUOTES = /["'`]/
/** API keys and OAuth tokens are `sk-ant-` and letters, digits, `-` and `_`; gateway tokens may hold any printable ASCII. */
const KEY_CHARACTER = /[A-Za-z0-9_-]/
const TOKEN_CHARACTER = /[\x21-\x7e]/

const distinct = (chars: string[]): string[] => [...new Set(chars)]

function characterFindings(credential: Credential): Finding[] {
  const { value, source } = credential
  const findings: Finding[] = []
  const malformed = (text: string): void => void findings.push({ severity: 'error', cause: 'api-key-malformed', text })
  // Surrounding whitespace is harmless (HTTP trims header values, and the attempts get the trimmed value),
  // so it is a warning: stopping a run that would work helps nobody.
  const surrounding = (where: 'starts' | 'ends', chars: string): void => {
    if (!chars) return
    const names = distinct([...chars])
      .map(nameOf)
      .join(' and ')
    findings.push({
      severity: 'warning',
      cause: 'api-key-malformed',
      text: `${source} ${where} with ${names}; it is passed on trimmed. Remove it from the secret.`,
    })
  }
  surrounding('starts', /^\s+/.exec(value)?.[0] ?? '')
  surrounding('ends', /\s+$/.exec(value)?.[0] ?? '')
  const core = value.trim()
  const inner = distinct([...core].filter((char) => /\s/.test(char)))
  if (inner.length > 0) malformed(`${source} contains ${inner.map(nameOf).join(', ')} inside it.`)
  const quotes = distinct([...core].filter((char) => QUOTES.test(char)))
  if (quotes.length > 0) {
    const wrapped = QUOTES.test(core[0]) && core.at(-1) === core[0]
    malformed(`${source} ${wrapped ? 'is wrapped in quotes' : `contains ${quotes.map(nameOf).join(', ')}`}: keys contain none.`)
  }
  const allowed = credential.kind === 'auth-token' ? TOKEN_CHARACTER : KEY_CHARACTER
  const stray = distinct([...core].filter((char) => !/\s/.test(char) && !QUOTES.test(char) && !allowed.test(char)))
  if (stray.length > 0)
    malformed(`${source} contains characters no ${KIND_NAMES[credential.kind]} contains: ${stray.map(nameOf).join(', ')}.`)
  return findings
}

function prefixFindings(credential: Credential): Finding[] {
  const core = credential.value.trim().replace(/^["'`]|["'`]$/g, '')
  const { source } = credential
  if (credential.kind === 'api-key' && core.startsWith('sk-ant-oat')) {
    return [
      {
        severity: 'error',
        cause: 'api-key-malformed',
        text: `${source} holds an OAuth token (sk-ant-oat…), not an API key: pass it as \`claude-code-oauth-token\` (CLAUDE_CODE_OAUTH_TOKEN).`,
      },
    ]
  }
  if (credential.kind === 'oauth-token' && core.startsWith('sk-ant-api')) {
    return [
      {
        severity: 'error',
        cause: 'api-key-malformed',
        text: `${source} holds an API key (sk-ant-api…), not an OAuth token: pass it as \`anthropic-api-key\` (ANTHROPIC_API_KEY).`,
      },
    ]
  }
  if (credential.kind !== 'auth-token' && !core.startsWith('sk-ant-')) {
    return [
      {
        severity: 'warning',
        cause: 'api-key-malformed',
        text: `${source} does not start with sk-ant- as Anthropic ${KIND_NAMES[credential.kind]}s do; that is right only for a gateway at ANTHROPIC_BASE_URL.`,
      },
    ]
  }
  return []
}

/** Every local finding for one credential; empty when it looks right. */
export function checkCredential(credential: Credential): Finding[] {
  if (credential.value.trim() === '') {
    return [{ severity: 'error', cause: 'api-key-missing', text: `${credential.source} is set but blank (only whitespace).` }]
  }
  return [...characterFindings(credential), ...prefixFindings(credential)]
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment'])

/**
 * Why no credential reached the step, most likely reason first, as far as the run's event tells; in a
 * terminal, what is missing from the shell (there are no secrets, inputs or events there).
 */
export function missingCredentialFindings(event: RunEvent | undefined, where: 'actions' | 'terminal' = 'actions'): Finding[] {
  if (where === 'terminal') {
    return [
      {
        severity: 'error',
        cause: 'api-key-missing',
        text: 'No credential is set: ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_CODE_OAUTH_TOKEN are all empty in this environment, and no login of Claude Code’s own was found.',
      },
    ]
  }
  const missing = (text: string): Finding => ({ severity: 'note', cause: 'api-key-missing', text })
  const findings: Finding[] = [
    {
      severity: 'error',
      cause: 'api-key-missing',
      text: 'No credential is set: the inputs anthropic-api-key and claude-code-oauth-token and the variables ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_CODE_OAUTH_TOKEN are all empty.',
    },
  ]
  const trigger = event?.name ? `This run was triggered by \`${event.name}\`` : undefined
  if (event?.name && PULL_REQUEST_EVENTS.has(event.name) && event.fork === true) {
    findings.push(missing(`${trigger} from a fork: GitHub passes no secrets to pull requests from forks.`))
  } else if (event?.actor === 'dependabot[bot]') {
    findings.push(missing(`${trigger ?? 'This run'} by Dependabot: it reads Dependabot secrets, not Actions secrets.`))
  } else if (trigger) {
    findings.push(
      missing(`${trigger}${event?.fork === false ? ' from this repository (not a fork)' : ''}: secrets are available to it.`),
    )
  }
  findings.push(missing("Check that the secret's name in `${{ secrets.NAME }}` matches the repository secret exactly."))
  return findings
}

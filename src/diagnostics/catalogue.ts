// The one catalogue of failure causes. Each entry says how the cause is recognised, whether a retry can
// fix it, and how a person fixes it. Adding a cause means adding one entry here.
//
// Recognition is by signal, checked in catalogue order (first match wins, so specific causes come
// before generic ones): HTTP statuses (from stream-json `api_error_status` / `api_retry.error_status`),
// error kinds (Claude Code's `api_retry.error` and assistant `error` fields, the API's `error.type`),
// and text patterns (result text, stderr, and every line of a `command`'s output).
// Every pattern must run in linear time: plain alternations, no nested quantifiers.

export const CAUSE_IDS = [
  'spend-limit',
  'credit-exhausted',
  'credit-false-alarm',
  'credit-balance-low',
  'usage-limit',
  'api-key-missing',
  'api-key-malformed',
  'api-key-invalid',
  'permission-denied',
  'rate-limited',
  'overloaded',
  'network-error',
  'server-error',
  'timeout',
  'claude-not-found',
  'session-not-found',
  'cancelled',
  'claude-error',
] as const

export type CauseId = (typeof CAUSE_IDS)[number]

export type LinkTarget =
  | { kind: 'url'; url: string }
  /** This repository's Actions secrets page, built from GITHUB_SERVER_URL and GITHUB_REPOSITORY. */
  | { kind: 'repository-secrets' }

export interface FixStep {
  text: string
  link?: { label: string; target: LinkTarget }
}

export interface Recognition {
  statuses?: readonly number[]
  /** Error kinds as Claude Code or the API name them (`rate_limit`, `billing_error`, `overloaded_error`…). */
  errorKinds?: readonly string[]
  patterns?: readonly RegExp[]
}

export interface Cause {
  id: CauseId
  title: string
  /** One sentence of what it means, for the headline. */
  meaning: string
  /** Whether another attempt can succeed (what `retry-on: transient` retries). */
  retryable: boolean
  /**
   * Whether this run of Claude Code can never recover from it: when its in-run retries show this cause,
   * the CLI is stopped at once instead of retrying for minutes.
   */
  endsRunEarly: boolean
  /** Whether another credential can succeed where this one failed: the run goes on with `fallback-api-key`. */
  fallbackHelps?: true
  /** Never retried, whatever `retry-on` says (the run was cancelled). */
  final?: true
  /**
   * Retried after the first wait every time, not backed off: a false alarm passes in seconds, and the
   * advice for it is a few retries 10 s apart; doubling would only make a run that will succeed slower.
   */
  steadyWait?: true
  /** Empty for causes only the credential checks establish (they refine or precede what Claude Code shows). */
  recognise: Recognition
  fix: readonly FixStep[]
}

export const CONSOLE = {
  billing: {
    label: 'Anthropic Console · Billing',
    target: { kind: 'url', url: 'https://console.anthropic.com/settings/billing' },
  },
  keys: { label: 'Anthropic Console · API keys', target: { kind: 'url', url: 'https://console.anthropic.com/settings/keys' } },
  limits: { label: 'Anthropic Console · Limits', target: { kind: 'url', url: 'https://console.anthropic.com/settings/limits' } },
  status: { label: 'Anthropic status page', target: { kind: 'url', url: 'https://status.anthropic.com' } },
  secrets: { label: 'this repository’s Actions secrets', target: { kind: 'repository-secrets' } },
  creditIssue: {
    label: 'Claude Code issues about the false credit error',
    target: { kind: 'url', url: 'https://github.com/anthropics/claude-code/issues?q=%22Credit+balance+is+too+low%22' },
  },
  install: { label: 'Claude Code set-up', target: { kind: 'url', url: 'https://docs.claude.com/en/docs/claude-code/setup' } },
  rateLimits: { label: 'API rate limits', target: { kind: 'url', url: 'https://docs.claude.com/en/api/rate-limits' } },
} as const satisfies Record<string, FixStep['link']>

export const CATALOGUE: readonly Cause[] = [
  {
    id: 'spend-limit',
    title: 'Spend limit reached',
    meaning:
      'The organisation has reached the monthly spend limit it set itself; requests fail until the limit is raised or the month turns.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {
      errorKinds: ['enforced_spend_limit_reached'],
      patterns: [/reached your specified (?:API )?usage limits/i, /hit your monthly spend limit/i, /spend limit reached/i],
    },
    fix: [
      {
        text: 'Raise the monthly spend limit of the organisation that owns this key, or wait for the date the error names.',
        link: CONSOLE.limits,
      },
    ],
  },
  {
    id: 'credit-exhausted',
    title: 'Credit exhausted (verified)',
    meaning:
      'Claude Code reported a low credit balance, and a one-token request with the same key failed the same way: the organisation that owns this key has no usable credit.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {},
    fix: [
      { text: 'Buy credits for the organisation that owns this key (its id is in the evidence).', link: CONSOLE.billing },
      {
        text: 'If you meant to use a Claude subscription, remove ANTHROPIC_API_KEY from the step: in `-p` mode the key wins over CLAUDE_CODE_OAUTH_TOKEN.',
      },
      { text: 'If credits were bought minutes ago, wait a few minutes and re-run the job.' },
      { text: 'Set `fallback-api-key` to a key of another, funded organisation or workspace to keep CI running.' },
    ],
  },
  {
    id: 'credit-false-alarm',
    title: 'False credit alarm',
    meaning:
      'Claude Code reported a low credit balance, but a one-token request with the same key succeeded: the key can spend, so the error was spurious.',
    retryable: true,
    steadyWait: true,
    endsRunEarly: false,
    recognise: {},
    fix: [
      {
        text: 'Nothing to fix on your side: this is a known Claude Code false alarm, and a retry is the remedy.',
        link: CONSOLE.creditIssue,
      },
      { text: 'If it keeps happening, raise `max-attempts`.' },
    ],
  },
  {
    id: 'credit-balance-low',
    title: 'Credit balance is too low',
    meaning:
      'The API refused the request for lack of prepaid credit. The message also appears while credits bought minutes ago are still arriving, and as a known false alarm on funded accounts.',
    retryable: true,
    steadyWait: true,
    endsRunEarly: true,
    recognise: {
      errorKinds: ['billing_error'],
      patterns: [/credit balance (?:is )?too low/i],
    },
    fix: [
      {
        text: 'Check the credit balance of the organisation that owns this key, and buy credits there if it is zero.',
        link: CONSOLE.billing,
      },
      {
        text: 'If you meant to use a Claude subscription, remove ANTHROPIC_API_KEY from the step: in `-p` mode the key wins over CLAUDE_CODE_OAUTH_TOKEN.',
      },
      { text: 'If credits were bought minutes ago, wait a few minutes and re-run the job.' },
      { text: 'If the account is funded, this is a known false alarm; a retry usually succeeds.', link: CONSOLE.creditIssue },
    ],
  },
  {
    id: 'usage-limit',
    title: 'Subscription usage limit reached',
    meaning: 'The Claude subscription behind the OAuth token has used up its session or weekly allowance.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {
      patterns: [
        /usage limit reached/i,
        /hit your (?:session|weekly|daily|5-hour|opus|sonnet|usage) limit/i,
        /(?:session|weekly|5-hour) limit reached/i,
      ],
    },
    fix: [
      {
        text: 'Wait for the limit to reset (the message names the time), or use an API key with credit for CI runs.',
        link: CONSOLE.keys,
      },
    ],
  },
  {
    id: 'api-key-missing',
    title: 'No API key',
    meaning: 'Claude Code found no credential: the secret is not set or not passed to this step.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {
      patterns: [/Not logged in/i, /(?:API key|ANTHROPIC_API_KEY) (?:is )?(?:not set|missing|required)/i, /Please run \/login/],
    },
    fix: [
      {
        text: 'Add the key as a repository secret and pass it: `anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}`.',
        link: CONSOLE.secrets,
      },
      {
        text: 'Pull requests from forks get no secrets; Dependabot runs read Dependabot secrets, not Actions secrets; check the secret’s exact name.',
      },
    ],
  },
  {
    id: 'api-key-malformed',
    title: 'Malformed credential',
    meaning:
      'The credential holds something no key holds (a line break, spaces, quotes, stray characters) or is the wrong kind of token for where it was given.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {},
    fix: [
      {
        text: 'Save the secret again with only the key: no line break, spaces or quotes around it.',
        link: CONSOLE.secrets,
      },
      {
        text: 'An API key (`sk-ant-api…`) goes in `anthropic-api-key`; a subscription token (`sk-ant-oat…`) in `claude-code-oauth-token`.',
      },
    ],
  },
  {
    id: 'api-key-invalid',
    title: 'Invalid API key',
    meaning: 'The API rejected the key (HTTP 401): it is wrong, revoked, or belongs to another service.',
    retryable: false,
    endsRunEarly: true,
    fallbackHelps: true,
    recognise: {
      statuses: [401],
      errorKinds: ['authentication_error'],
      patterns: [/Invalid API key/i, /invalid x-api-key/i, /authentication_error/, /OAuth token (?:has )?(?:expired|revoked)/i],
    },
    fix: [
      { text: 'Create a new key in the Anthropic Console and store it in the repository secret.', link: CONSOLE.keys },
      { text: 'Check that the secret holds the whole key with no spaces or line breaks.', link: CONSOLE.secrets },
    ],
  },
  {
    id: 'permission-denied',
    title: 'Permission denied',
    meaning: 'The API accepted the key but refused the request (HTTP 403): the key may not use this model, workspace or feature.',
    retryable: false,
    endsRunEarly: true,
    recognise: {
      statuses: [403],
      errorKinds: ['permission_error'],
      patterns: [/permission_error/, /does not have permission/i, /API Error: 403/],
    },
    fix: [
      {
        text: 'Check the key’s workspace and its model access in the Console, or choose another model with `--model`.',
        link: CONSOLE.keys,
      },
    ],
  },
  {
    id: 'rate-limited',
    title: 'Rate limited',
    meaning:
      'The organisation sent more requests or tokens than its rate limit allows (HTTP 429); it clears after the time the API names.',
    retryable: true,
    endsRunEarly: false,
    recognise: {
      statuses: [429],
      errorKinds: ['rate_limit', 'rate_limit_error'],
      patterns: [/Request rejected \(429\)/, /rate_limit_error/, /\brate limit(?:ed)?\b/i],
    },
    fix: [
      {
        text: 'Let the retries wait it out; for lasting relief, run fewer jobs at once or ask for a higher rate limit.',
        link: CONSOLE.rateLimits,
      },
    ],
  },
  {
    id: 'overloaded',
    title: 'API overloaded',
    meaning: 'Anthropic’s API is temporarily overloaded (HTTP 529); it usually passes within minutes.',
    retryable: true,
    endsRunEarly: false,
    recognise: {
      statuses: [529],
      errorKinds: ['overloaded', 'overloaded_error'],
      patterns: [/\bOverloaded\b/, /overloaded_error/, /API Error: 529/],
    },
    fix: [{ text: 'Retry later; check the status page if it persists.', link: CONSOLE.status }],
  },
  {
    id: 'network-error',
    title: 'Network error',
    meaning:
      'The connection to the API failed (reset, refused, DNS or TLS); the runner’s network or a proxy is the usual suspect.',
    retryable: true,
    endsRunEarly: false,
    recognise: {
      errorKinds: ['network_error'],
      patterns: [
        /\bECONNRESET\b/,
        /\bECONNREFUSED\b/,
        /\bETIMEDOUT\b/,
        /\bENOTFOUND\b/,
        /\bEAI_AGAIN\b/,
        /Connection error/i,
        /Unable to connect to API/i,
        /socket hang up/i,
        /fetch failed/i,
      ],
    },
    fix: [
      {
        text: 'Retry; if it persists, check the runner’s proxy settings (HTTPS_PROXY) and that ANTHROPIC_BASE_URL, if set, is reachable.',
      },
    ],
  },
  {
    id: 'server-error',
    title: 'API server error',
    meaning: 'The API failed on its side (HTTP 5xx); a retry usually succeeds.',
    retryable: true,
    endsRunEarly: false,
    recognise: {
      statuses: [500, 502, 503, 504],
      errorKinds: ['server_error', 'api_error'],
      patterns: [/API Error: 5\d\d/, /Internal server error/i, /\bapi_error\b/],
    },
    fix: [{ text: 'Retry later; check the status page if it persists.', link: CONSOLE.status }],
  },
  {
    id: 'timeout',
    title: 'Attempt timed out',
    meaning: 'The attempt ran past `timeout-minutes` and was stopped, with every process it started.',
    retryable: true,
    endsRunEarly: false,
    recognise: { errorKinds: ['attempt_timeout'], patterns: [/Request timed out/i] },
    fix: [{ text: 'Raise `timeout-minutes`, or limit the work with `--max-turns` in `claude-args`.' }],
  },
  {
    id: 'claude-not-found',
    title: 'Claude Code could not be started',
    meaning: 'The Claude Code executable was not found or could not be run.',
    retryable: false,
    endsRunEarly: false,
    recognise: { errorKinds: ['spawn_failed'], patterns: [/claude: (?:command )?not found/] },
    fix: [
      {
        text: 'Install it in an earlier step: `npm install -g @anthropic-ai/claude-code`, or point `claude-path` at the executable.',
        link: CONSOLE.install,
      },
    ],
  },
  {
    id: 'session-not-found',
    title: 'Session to resume not found',
    meaning:
      'Claude Code was asked to resume a session it cannot find: sessions live under $HOME/.claude of the machine that ran them.',
    retryable: false,
    endsRunEarly: false,
    recognise: { patterns: [/No conversation found with session ID/] },
    fix: [
      {
        text: 'Drop `--resume` from `claude-args`, or restore the `~/.claude` folder of the earlier run (e.g. with actions/cache) before this step.',
      },
    ],
  },
  {
    id: 'cancelled',
    title: 'Cancelled',
    meaning: 'The run was cancelled (the job was cancelled or timed out); the attempt was stopped with every process it started.',
    retryable: false,
    endsRunEarly: false,
    final: true,
    recognise: {},
    fix: [
      {
        text: 'Re-run the job. If the job’s own `timeout-minutes` cancelled it, raise that limit or set this step’s `timeout-minutes` below it.',
      },
    ],
  },
  {
    id: 'claude-error',
    title: 'Claude Code failed',
    meaning:
      'Claude Code ended with an error that is not an API problem (max turns, a tool failure, a crash or an unknown exit).',
    retryable: false,
    endsRunEarly: false,
    recognise: {},
    fix: [
      { text: 'Read the evidence and the last lines of output below; the raw stream is in the report file.' },
      { text: 'If the run hit `--max-turns`, raise it in `claude-args`.' },
    ],
  },
]

const byId = new Map(CATALOGUE.map((cause) => [cause.id, cause]))

export function causeOf(id: CauseId): Cause {
  const cause = byId.get(id)
  if (!cause) throw new Error(`cause ${id} is not in the catalogue`)
  return cause
}

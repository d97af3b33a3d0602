// The one catalogue of failure causes. Each entry says what the cause is, how it is recognised, how a
// retry behaves, and how a person fixes it, in every variant the evidence can call for. Adding a cause
// means adding one entry here.
//
// Recognition is by clue: the message's words first, then its error kind (Claude Code's `api_retry.error`
// and assistant `error` fields, the API's `error.type`), then its bare HTTP status (stream-json
// `api_error_status`, `api_retry.error_status`, a status in a pasted log), each meaning what it means only
// from whoever answered. Within each, catalogue order decides (first match wins, so specific causes come
// before generic ones). Patterns are families of wordings, never one sentence.
// Every pattern must run in linear time: plain alternations, no nested quantifiers.

import type { Origin } from './text-signs.js'

export const CAUSE_IDS = [
  'input-invalid',
  'internal-error',
  'runner-unsupported',
  'spend-limit',
  'credit-exhausted',
  'credit-false-alarm',
  'credit-balance-low',
  'usage-limit',
  'organization-disabled',
  'oauth-token-invalid',
  'cloud-credentials-invalid',
  'api-key-missing',
  'api-key-malformed',
  'api-key-invalid',
  'github-oidc-permission',
  'github-actor-permission',
  'github-token-permission',
  'permission-denied',
  'model-not-found',
  'context-window-exceeded',
  'request-too-large',
  'usage-policy-refusal',
  'invalid-request',
  'rate-limited',
  'overloaded',
  'server-error',
  'network-error',
  'timeout',
  'claude-not-found',
  'session-not-found',
  'cancelled',
  'claude-error',
] as const

export type CauseId = (typeof CAUSE_IDS)[number]

/**
 * How a retry behaves for a cause:
 * - `backoff`: retried, each wait longer than the last; Claude Code's own in-run retries are let run.
 * - `steady`: retried at the first wait every time: it passes in seconds or not at all, and doubling
 *   would only make a run that will succeed slower.
 * - `other-credential`: the same credential fails the same way; the next attempt runs at once with
 *   `fallback-api-key` when it is set, and otherwise the run stops.
 * - `no`: not retried (unless `retry-on` names it): the same request fails the same way.
 * - `never`: never retried, whatever `retry-on` says.
 * Every policy but `backoff` also stops Claude Code at its first in-run retry that shows the cause:
 * waiting inside the run cannot fix it either.
 */
export type RetryPolicy = 'backoff' | 'steady' | 'other-credential' | 'no' | 'never'

/** Each retry policy in a few words, for the docs and the summary. */
export const RETRY_POLICY_TEXT: Record<RetryPolicy, string> = {
  backoff: 'yes, each wait longer',
  steady: 'yes, at the first wait',
  'other-credential': 'only with `fallback-api-key`',
  no: 'no',
  never: 'never',
}

export type LinkTarget =
  | { kind: 'url'; url: string }
  /** This repository's Actions secrets page, built from GITHUB_SERVER_URL and GITHUB_REPOSITORY. */
  | { kind: 'repository-secrets' }

export interface Link {
  label: string
  target: LinkTarget
}

export interface FixStep {
  text: string
  link?: Link
}

/** What the evidence tells about the run, for the fix variants that depend on it. */
export interface FixFacts {
  /** Where the fix is read: a GitHub Actions job, or a terminal (no secrets, no workflow files). */
  where: 'actions' | 'terminal'
  /** The organisation the probes saw for the key. */
  organizationId?: string
  /** An API key is used while a subscription token is also set. */
  keyShadowsSubscription?: boolean
  fallbackSet?: boolean
  /** Why a credit error could not be verified, when it could not. */
  unverifiedReason?: string
  /** When a limit resets, as the error said (ISO 8601). */
  resetsAt?: string
  /** The input a bad value was given to. */
  input?: string
}

export interface Recognition {
  statuses?: readonly number[]
  /** Error kinds as Claude Code or the API name them (`rate_limit`, `billing_error`, `overloaded_error`…). */
  errorKinds?: readonly string[]
  patterns?: readonly RegExp[]
  /**
   * Who may answer with these statuses: a 401 from GitHub is not a bad Anthropic key. By default the
   * Anthropic API (or a gateway passing its answer on) and the cloud providers that serve Claude.
   * Words and error kinds count whoever answered.
   */
  answeredBy?: readonly Origin[]
  /**
   * Causes this one names more precisely: when the clues show one of them, and any clue of the text
   * shows this one by its words, this one is named (a 429 whose text says the usage limit is reached).
   */
  refines?: readonly CauseId[]
  /** Only when no HTTP status came back: a status means a server answered, so the connection held. */
  unanswered?: boolean
  /** Words that say what became of the run, not why: they name this cause only when no clue names another. */
  afterOthers?: readonly RegExp[]
}

export interface Cause {
  id: CauseId
  title: string
  /** One sentence of what it means, for the headline. */
  meaning: string
  /** What it means when the action's own check found it and nothing ran, where `meaning` speaks of a run. */
  checkedMeaning?: string
  retry: RetryPolicy
  /** Empty for causes that only the action's own checks establish (they refine what Claude Code shows). */
  recognise: Recognition
  fix: (facts: FixFacts) => FixStep[]
}

export const LINKS = {
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
  errors: { label: 'API errors', target: { kind: 'url', url: 'https://docs.claude.com/en/api/errors' } },
  models: {
    label: 'Models overview',
    target: { kind: 'url', url: 'https://docs.claude.com/en/docs/about-claude/models/overview' },
  },
  contextWindows: {
    label: 'Context windows',
    target: { kind: 'url', url: 'https://docs.claude.com/en/docs/build-with-claude/context-windows' },
  },
  usagePolicy: { label: 'Usage Policy', target: { kind: 'url', url: 'https://www.anthropic.com/legal/aup' } },
  support: { label: 'Anthropic support', target: { kind: 'url', url: 'https://support.anthropic.com' } },
  setupToken: {
    label: 'claude-code-action: OAuth token set-up',
    target: { kind: 'url', url: 'https://github.com/anthropics/claude-code-action/blob/main/docs/setup.md' },
  },
  cloudProviders: {
    label: 'Claude Code on Bedrock, Vertex and Foundry',
    target: { kind: 'url', url: 'https://docs.claude.com/en/docs/claude-code/third-party-integrations' },
  },
  workflowPermissions: {
    label: 'GitHub: permissions for the GITHUB_TOKEN',
    target: {
      kind: 'url',
      url: 'https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token',
    },
  },
  claudeApp: { label: 'the Claude GitHub App', target: { kind: 'url', url: 'https://github.com/apps/claude' } },
  oidc: {
    label: 'GitHub: OpenID Connect permissions',
    target: {
      kind: 'url',
      url: 'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#adding-permissions-settings',
    },
  },
  issues: {
    label: 'claude-code-guard issues',
    target: { kind: 'url', url: 'https://github.com/claude-code-guard/claude-code-guard/issues' },
  },
} as const satisfies Record<string, Link>

const SERVER_STATUSES: readonly number[] = Array.from({ length: 100 }, (_, index) => 500 + index).filter(
  (status) => status !== 529,
)

const step = (text: string, link?: Link): FixStep => (link ? { text, link } : { text })

/** How to store a secret, said for where the fix is read. */
function storeSecret(facts: FixFacts, what: string, variable: string, input: string): FixStep {
  return facts.where === 'actions'
    ? step(`Store ${what} as a repository secret and pass it: \`${input}: \${{ secrets.${variable} }}\`.`, LINKS.secrets)
    : step(`Export ${what} in your shell: \`export ${variable}=…\`, or log in with \`claude /login\`.`)
}

function owner(facts: FixFacts): string {
  return facts.organizationId
    ? `organisation ${facts.organizationId}, which owns this key`
    : 'the organisation that owns this key'
}

function fallbackStep(facts: FixFacts): FixStep[] {
  if (facts.fallbackSet || facts.where === 'terminal') return []
  return [step('To keep CI running meanwhile, set `fallback-api-key` to a key of another, funded organisation or workspace.')]
}

function subscriptionStep(facts: FixFacts): FixStep[] {
  if (!facts.keyShadowsSubscription) return []
  return [
    step(
      facts.where === 'actions'
        ? 'You also set a subscription token: to run on the subscription, remove ANTHROPIC_API_KEY (and `anthropic-api-key`) from the step; in `-p` mode the key wins.'
        : 'You also set a subscription token: to run on the subscription, `unset ANTHROPIC_API_KEY`; in `-p` mode the key wins.',
    ),
  ]
}

/** Why the credit error is unconfirmed, in one short sentence; the API checks give the details. */
function unverified(facts: FixFacts): string {
  if (!facts.unverifiedReason) return ''
  return facts.unverifiedReason === 'verify-credit is off'
    ? 'The one-token credit check is off (`verify-credit: false`), so this is unconfirmed. '
    : 'The one-token credit check could not be made (the API checks say why), so this is unconfirmed. '
}

const creditsArriving = step('If credits were bought minutes ago, wait a few minutes and run again: they take a while to arrive.')

function resetStep(facts: FixFacts, fallback: string): FixStep {
  return step(facts.resetsAt ? `The limit resets at ${facts.resetsAt}; run again after that.` : fallback)
}

export const CATALOGUE: readonly Cause[] = [
  {
    id: 'input-invalid',
    title: 'Invalid input',
    meaning: 'An input of this step has a value the action cannot use, so nothing was run.',
    retry: 'never',
    recognise: {},
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? `Fix ${facts.input ? `\`${facts.input}\`` : 'the input'} in the step’s \`with:\` block as the error says, then re-run the job.`
          : `Fix ${facts.input ? `\`--${facts.input}\`` : 'the option'} as the error says, then run again.`,
      ),
    ],
  },
  {
    id: 'internal-error',
    title: 'claude-code-guard failed',
    meaning: 'The action itself failed: this is a bug in claude-code-guard, not in your workflow or your key.',
    retry: 'never',
    recognise: {},
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Re-run the job with debug logging on (re-run → “Enable debug logging”) to see the stack.'
          : 'Run again with RUNNER_DEBUG=1 to see the stack.',
      ),
      step('Report it with the error above and the step’s inputs (never the key).', LINKS.issues),
    ],
  },
  {
    id: 'runner-unsupported',
    title: 'Runner not supported',
    meaning:
      'claude-code-guard runs on Linux and macOS runners; on Windows it cannot stop a process tree or capture Claude Code’s output as it must, so it stops at once.',
    retry: 'never',
    recognise: {},
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Run the job on a Linux or macOS runner, e.g. `runs-on: ubuntu-latest`.'
          : 'Run claude-code-guard on Linux or macOS.',
      ),
    ],
  },
  {
    id: 'spend-limit',
    title: 'Spend limit reached',
    meaning:
      'The API organisation has reached the monthly spend limit it set itself in the Console; requests fail until the limit is raised or the month turns.',
    retry: 'other-credential',
    recognise: {
      errorKinds: ['enforced_spend_limit_reached'],
      patterns: [
        /reached your specified [\w -]{0,42}usage limits?/i,
        /reached (?:your|its|the) (?:workspace |organi[sz]ation )?API usage limits?/i,
        /(?:workspace|organi[sz]ation)'?s? [\w -]{0,42}(?:spend|usage) limit/i,
        /spend(?:ing)? limit (?:reached|exceeded|has been reached|hit)/i,
        // A gateway's own budget for the key (LiteLLM's `max_budget`).
        /budget (?:has been |was )?exceeded|exceeded (?:the |your )?budget|Max budget:/i,
      ],
    },
    fix: (facts) => [
      step(`Raise the monthly spend limit of ${owner(facts)}, or wait for the date the error names.`, LINKS.limits),
      ...fallbackStep(facts),
    ],
  },
  {
    id: 'credit-exhausted',
    title: 'Credit exhausted (verified)',
    meaning:
      'Claude Code reported a low credit balance, and a one-token request with the same key failed the same way: the organisation that owns this key has no usable credit.',
    checkedMeaning:
      'A one-token request with this key was refused for lack of credit: the organisation that owns the key has no usable credit.',
    retry: 'other-credential',
    recognise: {},
    fix: (facts) => [
      step(`Buy credits for ${owner(facts)}: a one-token request failed with the same error.`, LINKS.billing),
      ...subscriptionStep(facts),
      creditsArriving,
      ...fallbackStep(facts),
    ],
  },
  {
    id: 'credit-false-alarm',
    title: 'False credit alarm',
    meaning:
      'Claude Code reported a low credit balance, but a one-token request with the same key succeeded: the key can spend, so the error was spurious.',
    retry: 'steady',
    recognise: {},
    fix: (facts) => [
      step(
        'Nothing to fund: a one-token request with the same key succeeded, so this was Claude Code’s known false credit alarm; retrying is the remedy.',
        LINKS.creditIssue,
      ),
      step(
        facts.where === 'actions'
          ? 'If it keeps happening, raise `max-attempts`.'
          : 'If it keeps happening, raise `--max-attempts`.',
      ),
    ],
  },
  {
    id: 'credit-balance-low',
    title: 'Credit balance is too low',
    meaning:
      'The API refused the request for lack of prepaid credit. The message also appears while credits bought minutes ago are still arriving, and as a known false alarm on funded accounts.',
    retry: 'steady',
    recognise: {
      // 402 Payment Required: how gateways and resellers (OpenRouter, Continue's proxy) say it.
      statuses: [402],
      errorKinds: ['billing_error', 'insufficient_quota'],
      patterns: [
        /credit balance (?:is |)(?:still |)(?:too low|insufficient|exhausted|empty)|\b(?:low|insufficient|zero) credit balance\b/i,
        /(?:insufficient|not enough) (?:credits?|balance|funds)\b/i,
        /out of credits\b/i,
        // The same in Chinese: `提示余额太低`, `余额不足`.
        /余额(?:太低|过低|不足)/,
        /no credits? (?:remaining|left)\b/i,
        /\bPayment Required\b/i,
      ],
    },
    fix: (facts) => [
      step(
        `${unverified(facts)}Check the credit balance of ${owner(facts)}, and buy credits there if it is zero.`,
        LINKS.billing,
      ),
      ...subscriptionStep(facts),
      creditsArriving,
      step('If the account is funded, this is a known false alarm; a retry usually succeeds.', LINKS.creditIssue),
    ],
  },
  {
    id: 'usage-limit',
    title: 'Subscription usage limit reached',
    meaning:
      'The Claude subscription behind the OAuth token has used up its session, weekly or extra-usage allowance (the monthly spend limit of its extra usage included).',
    retry: 'other-credential',
    recognise: {
      refines: ['rate-limited'],
      errorKinds: ['usage_limit', 'usage_limit_reached'],
      // Cut-short sentences count: a paste often ends mid-word ("usage limit reac").
      patterns: [
        /usage limit (?:reac|exce|hit)/i,
        /(?:hit|reached) your [\w -]{0,40}lim|(?:hit|reached) (?:my|our|the) [\w -]{0,40}(?:5|five)[ -]?(?:hour|hr) lim/i,
        /(?:session|weekly|daily|hourly|5[- ]?(?:hour|hr)|five[-_ ]hour|opus|sonnet) (?:usage )?limit (?:has been |was |is |)(?:reac|exce|hit)/i,
        // A subscription's window, by another name: `timing out before the 5 hour cap`.
        /\b(?:session|weekly|5[- ]?(?:hour|hr)s?|five[-_ ]hours?) (?:usage )?cap\b/i,
        // Not when the writer says they are not: `Not out of usage - though this one call used 87%`.
        /(?<!\b(?:not|never|isn't|wasn't|aren't|weren't|am not) )out of (?:extra |included )?usage(?: credits)?\b/i,
        /limit (?:will )?resets? (?:at |on |in )?\d/i,
        /(?:You've|You have) hit your (?:weekly|daily|session|monthly|5-hour|usage|extra)\b/i,
        // A subscriber who says so: `it already says that I hit my limit`, `I've just hit a usage limit`.
        /\b(?<!(?:\bnot|\bnever|n't) )(?:hit|reached|hitting|reaching) (?:(?:my|our) (?:usage |session |weekly |daily |monthly |plan |subscription |)|(?:a |the \d{1,3}% |)(?:hard |)(?:usage|session|weekly|daily|monthly|plan|subscription) )limits?\b/i,
        // A subscription's extra usage stops at the spending cap its owner set.
        /spending cap (?:reached|exceeded|hit)|(?:hit|reached) (?:your|the) spending cap/i,
        // In other languages: `使用上限に達しました`, `사용 한도 도달`, `额度已用完`, `excedi o limite de uso`, `Nutzungslimit erreicht`.
        /(?:使用|利用|セッション|週間?)(?:制限|上限)に達|(?:使用|用量|会话|每周|周|5\s{0,2}小时)(?:限额|上限|限制|额度)(?:已经?|)(?:达到|用完|耗尽|用尽)|(?:达到|超出|超过|用完)了?(?:使用|用量|会话|每周|周|5\s{0,2}小时)(?:限额|上限|限制|额度)|额度(?:已经?|)(?:用完|耗尽|用尽)|(?:사용|요청|이용|세션|주간)\s{0,2}(?:한도|제한)(?:에|를|가|이|)\s{0,2}(?:도달|초과)/,
        /\b(?:excedi|excedeu|excedido|exced(?:í|ió)|atingi|atingiu|atingido|alcancé|alcanzó|alcanzado|alcancei|alcançou|alcançado|esgotei|agoté)\b.{0,30}\bl[ií]mite(?: de uso)?\b|\bl[ií]mite de uso\b.{0,20}\b(?:excedido|atingido|alcanzado|alcançado|esgotado|agotado)\b|limite d['’]utilisation (?:atteinte|dépassée)|Nutzungs(?:limit|grenze) (?:erreicht|überschritten)/i,
        // Claude Code's words for a subscription's extra usage: the API's own spend limit is worded otherwise.
        /(?:hit|reached) your (?:monthly )?spend(?:ing)? limit|claude\.ai\/settings\/usage|extra usage is required|requires extra usage|\b(?:draw|bill|charge)s? (?:from|to|against) your extra usage\b/i,
      ],
    },
    fix: (facts) => [
      resetStep(facts, 'Wait for the limit to reset (the message names the time).'),
      step('For CI, an API key with credit does not share the subscription’s limits.', LINKS.keys),
    ],
  },
  {
    id: 'organization-disabled',
    title: 'Organisation disabled',
    meaning: 'The API refused the key because the organisation that owns it has been disabled.',
    retry: 'other-credential',
    recognise: {
      errorKinds: ['org_disabled_credential', 'account_on_hold'],
      patterns: [
        /organi[sz]ation\b.{0,60}\b(?:has been|is|was) (?:disabled|suspended|deactivated)/i,
        /\bdisabled organi[sz]ation\b/i,
        // A subscription's account, suspended after a review, is refused the same way.
        /\b(?:your|this|the) account (?:has been|is|was) (?:disabled|suspended|banned|deactivated)\b/i,
      ],
    },
    fix: (facts) => [
      step('Sign in to the Console to see why the organisation was disabled, or contact Anthropic support.', LINKS.support),
      step('Use a key of another organisation that is in good standing.', LINKS.keys),
      ...fallbackStep(facts),
    ],
  },
  {
    id: 'oauth-token-invalid',
    title: 'Subscription token expired or revoked',
    meaning: 'The API rejected the Claude subscription token (OAuth): it has expired, was revoked, or was made for another use.',
    retry: 'other-credential',
    recognise: {
      patterns: [
        /OAuth (?:access )?(?:token|session) (?:has )?(?:expired|been revoked|is (?:invalid|expired|revoked))/i,
        /OAuth\b.{0,40}\bcould not be refreshed/i,
        // In Chinese: the login's credential or token has expired (`凭证过期`, `登录已过期`, `令牌失效`).
        /(?:凭证|凭据|登录|登錄|令牌|授权)(?:已经?|)(?:过期|過期|失效)/,
        /OAuth authentication is (?:currently )?not ?supported/i,
        /OAuth token\b.{0,40}\b(?:scope|does not meet|insufficient)/i,
        /only authorized for use with Claude Code/i,
        /invalid (?:bearer|OAuth) token/i,
        /(?:refresh|OAuth)[ _]token\b.{0,40}\b(?:invalid|expired|revoked|not found)/i,
        /token refresh failed|\b(?:has|with) no refresh token\b/i,
        /\bClaude (?:Code |)(?:OAuth |access |subscription |)token (?:is|has) (?:expired|been revoked)\b/i,
        // The API's word for a refused bearer token, as a subscription sends it; a refused API key is an "invalid x-api-key".
        /Invalid authentication credentials/i,
      ],
      // A refused subscription token was sent, so a "no credential" line does not explain the run, nor does
      // a connection that failed afterwards (a login that timed out): no retry mends the token.
      refines: ['api-key-missing', 'network-error'],
    },
    fix: (facts) => [
      step('Make a new long-lived token with `claude setup-token` on a machine where you are logged in.', LINKS.setupToken),
      facts.where === 'actions'
        ? step('Store it in the `CLAUDE_CODE_OAUTH_TOKEN` secret and pass it as `claude-code-oauth-token`.', LINKS.secrets)
        : step('Export it as `CLAUDE_CODE_OAUTH_TOKEN`, or log in again with `claude /login`.'),
    ],
  },
  {
    id: 'cloud-credentials-invalid',
    title: 'Cloud provider credentials refused',
    meaning:
      'Claude Code runs on Amazon Bedrock, Google Vertex AI or Microsoft Foundry, and that provider refused its credentials, could not find them, or its access policy (IAM, an organisation policy) denies the call.',
    retry: 'no',
    recognise: {
      // A 401 or 403 from the provider itself; from the Anthropic API they mean other causes.
      statuses: [401, 403],
      answeredBy: ['cloud'],
      errorKinds: [
        'cloud_credential_error',
        'UnauthorizedException',
        'UnrecognizedClientException',
        'ExpiredTokenException',
        'AccessDeniedException',
      ],
      patterns: [
        // AWS: signatures (SigV4), session tokens, and IAM, STS or organisation-policy (SCP) denies.
        // Cut short or not: the phrase is AWS's own.
        /security token included in th|\binvalid security token\b/i,
        /\b(?:API key|credentials?|token)\b.{0,20}\b(?:was |were |is |)(?:rejected|refused)\b.{0,80}\b(?:Bedrock|Vertex|Foundry)\b/i,
        /(?:access key(?: ID|)|security token)\b.{0,60}\b(?:does not exist in our records|is not valid)/i,
        /signature we calculated does not match|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|Signature (?:has )?expired|Credential should be scoped to|Authorization header requires '?(?:Credential|Signature|SignedHeaders)'? parameter/i,
        /(?:Unauthorized|UnrecognizedClient|ExpiredToken|AccessDenied)Exception\b|\b(?:InvalidClientTokenId|MissingAuthenticationToken)\b/,
        /is not authorized to perform:? [\w-]{1,40}:|(?:IAM|role|user)\b.{0,40}\bis not authorized to perform\b|Model access is denied/i,
        /explicit deny in an? (?:service control|identity-based|resource-based|session|permissions boundary) polic/i,
        // The API's permission error, when the provider in front of it is the one that answered.
        /\b(?:Bedrock|Vertex|Foundry)\b.{0,120}\b(?:permission_error|PermissionDenied(?:Error|)|PERMISSION_DENIED)\b|\b(?:permission_error|PermissionDenied(?:Error|)|PERMISSION_DENIED)\b.{0,120}\b(?:Bedrock|Vertex|Foundry)\b/i,
        /(?:don'?t|do not) have (?:access|permission) to (?:access |use |invoke |)the model with the specified model/i,
        /Could not load (?:the default )?credentials(?: from any providers)?/i,
        /\b(?:Bedrock|Vertex|Foundry|AWS) credentials\b.{0,80}\b(?:none (?:are|is) available|not available|unavailable)\b/i,
        // A profile that needs a second factor the tool cannot ask for.
        /requires multi-factor authentication|\bMFA (?:code|token)\b.{0,40}\b(?:callback|required|not provided|was not provided)/i,
        /(?:retriev|load|obtain|refresh)ing credentials from\b|credentials? (?:refresh|retrieval) failed|invalid subscription key/i,
        /Unable to locate credentials|NoCredentials(?:Error|Exception)|CredentialsNotLoaded|no providers in (?:the |)chain provided? credentials|CredentialRetrievalError|ExpiredToken\b|Error loading SSO Token|UnauthorizedSSOTokenError|\bSSO (?:session|token)\b.{0,60}\b(?:expired|invalid)|\b(?:expired|invalid)\b.{0,60}\bSSO (?:session|token)\b|Token has expired and refresh failed/i,
        /(?:Bedrock|Vertex|Foundry|AWS|Google Cloud|Azure)\b.{0,80}\b(?:credentials?|token|auth\w{0,14})\b.{0,40}\b(?:invalid|expired|refused|denied|missing|not found)/i,
        /(?:Bedrock|Vertex|Foundry|AWS|Google Cloud|GCP|Azure)\b.{0,80}\b(?:could not|couldn't|unable to|failed to) (?:resolve|find|load|get|obtain|refresh|locate)\b.{0,40}\b(?:credentials?|token)\b/i,
        /"Message":"(?:Authentication failed|Invalid API Key|The security token|User: arn:aws)/,
        // Google: Application Default Credentials, expired gcloud logins, Vertex permissions.
        /Could not automatically determine credentials|default credentials were not found|DefaultCredentialsError|Application Default Credentials|Reauthentication is needed/i,
        /invalid_grant.{0,200}(?:reauth|gcloud|google)|(?:reauth|gcloud|google).{0,200}invalid_grant/i,
        // Google's token exchange for workload identity federation refuses an old ID token.
        /ID Token issued at \d{1,12} is stale|is stale to sign-in/i,
        /Permission \\{0,2}'?aiplatform\.[\w.]{1,60}\\{0,2}'? denied|insufficient authentication scopes|The caller does not have permission/i,
        // Azure and Foundry: the credential chain.
        /(?:DefaultAzure|ChainedToken|ManagedIdentity|AzureCli|ClientSecret|WorkloadIdentity|Environment)Credential\b.{0,120}\b(?:failed|unavailable|authentication|could not)|CredentialUnavailableError|ClientAuthenticationError|\bAADSTS\d{5,6}\b/,
      ],
    },
    fix: () => [
      step(
        'Check the provider’s credentials in this job: for Bedrock, the AWS role or keys (aws-actions/configure-aws-credentials) and AWS_REGION; for Vertex, the Google auth step and CLOUD_ML_REGION; for Foundry, the Azure login.',
        LINKS.cloudProviders,
      ),
      step('Check that the identity may invoke the model (e.g. `bedrock:InvokeModel`) in that region.'),
    ],
  },
  {
    id: 'api-key-missing',
    title: 'No credential',
    meaning: 'Claude Code found no credential: the secret is not set, or it did not reach this step.',
    retry: 'other-credential',
    recognise: {
      patterns: [
        /Not logged in\b/i,
        // claude-code-action's check of its inputs: neither credential was given.
        /Environment variable validation failed/i,
        /(?:x-api-key|api[_-]?key) header is (?:required|missing)|missing (?:an |a |the |)(?:x-api-key|api[_-]?key) header/i,
        /(?<!invalid or )missing (?:API key|ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN)\b/i,
        /(?:API key|ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN|credentials?) (?:environment variable )?(?:is |are )?(?:not set|not found|not configured|not provided|missing|required|empty)/i,
        // A list of the credentials of which one must be set, however many it names.
        /(?:Either|One of)\b.{0,40}\b(?:ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN)\b.{0,200}\b(?:is|are|must be) (?:required|set|provided)/i,
        /Could not resolve (?:the |an? |)(?:authentication method|API (?:token|key)|credentials?)\b/i,
        // A host's store of secrets that has none by the key's name.
        /\b(?:couldn't|could not|can't|cannot|unable to) find (?:a |the |any |)secret\b.{0,40}(?:API_KEY|API key|OAUTH_TOKEN|token)\b/i,
        /\bNo (?:[\w-]{1,20} |)(?:API key|credentials?|ANTHROPIC_API_KEY|auth(?:entication)? token)\b.{0,20}\b(?:found|configured|provided)/i,
        // A bearer header with nothing after it: the token it was built from was empty.
        /['"`]Bearer ?['"`]|\bAuthorization: Bearer\s{0,4}$/i,
        // A job log's echo of the step's env: a secret that is not set prints as nothing.
        /^\s{0,8}(?:ANTHROPIC_API_KEY|CLAUDE_CODE_OAUTH_TOKEN|anthropic_api_key|claude_code_oauth_token):\s{0,4}$/,
      ],
    },
    fix: (facts) =>
      facts.where === 'actions'
        ? [
            storeSecret(facts, 'the key', 'ANTHROPIC_API_KEY', 'anthropic-api-key'),
            step(
              'Pull requests from forks get no secrets; Dependabot runs read Dependabot secrets, not Actions secrets; check the secret’s exact name.',
            ),
          ]
        : [storeSecret(facts, 'an API key', 'ANTHROPIC_API_KEY', 'anthropic-api-key')],
  },
  {
    id: 'api-key-malformed',
    title: 'Malformed credential',
    meaning:
      'The credential holds something no key holds (a line break, spaces, quotes, stray characters) or is the wrong kind of token for where it was given.',
    retry: 'other-credential',
    recognise: {
      patterns: [
        // A slot that holds one kind of token was given another: `Expected token starting with sk-ant-oat01-`.
        /\b(?:expected|must|should)\b.{0,30}\b(?:start|begin)(?:s|ing|) with ['"`]?sk-/i,
        /\bANTHROPIC_API_KEY\s{0,2}[=:]\s{0,4}['"]?sk-ant-oat|\bCLAUDE_CODE_OAUTH_TOKEN\s{0,2}[=:]\s{0,4}['"]?sk-ant-api/,
        // A subscription token sent where an API key goes, and refused as one.
        /\bsk-ant-oat.{0,120}\binvalid x-api-key\b|\binvalid x-api-key\b.{0,120}\bsk-ant-oat|\bANTHROPIC_API_KEY\b.{0,60}\b(?:subscription|OAuth|setup-token) token\b/,
        // A key cut short where it was pasted: `Token pasted to openclaw is incomplete`.
        /\b(?:API key|token|key)\b[\w -]{0,80}\b(?:is|was|gets?|got|being|been) (?:incomplete|truncated|cut off)\b/i,
        // An HTTP client refuses a header value with a line break or a character a header cannot carry.
        /Invalid character in header content|\b(?:invalid|illegal) header value\b|is an invalid header value|Header '?[\w-]{1,40}'? has (?:an )?invalid value|Unexpected char 0x[0-9a-fA-F]{2} at \d{1,6} in [\w-]{1,40} value|invalid (?:character|byte|value) in (?:the )?(?:Authorization|x-api-key)\b/i,
      ],
      // The API refuses what it was given as a key; the text shows why: it was no key, or not one alone.
      refines: ['api-key-invalid'],
    },
    fix: (facts) => [
      facts.where === 'actions'
        ? step('Save the secret again with only the key: no line break, spaces or quotes around it.', LINKS.secrets)
        : step('Set the variable again with only the key: no line break, spaces or quotes around it.'),
      step(
        facts.where === 'actions'
          ? 'An API key (`sk-ant-api…`) goes in `anthropic-api-key`; a subscription token (`sk-ant-oat…`) in `claude-code-oauth-token`.'
          : 'An API key (`sk-ant-api…`) goes in ANTHROPIC_API_KEY; a subscription token (`sk-ant-oat…`) in CLAUDE_CODE_OAUTH_TOKEN.',
      ),
    ],
  },
  {
    id: 'api-key-invalid',
    title: 'Invalid API key',
    meaning: 'The API rejected the key (HTTP 401): it is wrong, revoked, or belongs to another service.',
    retry: 'other-credential',
    recognise: {
      statuses: [401],
      answeredBy: ['anthropic'],
      // The API's type, and the class the SDKs (and LiteLLM) raise for it.
      errorKinds: ['authentication_error', 'AuthenticationError'],
      patterns: [
        /invalid[ _-](?:x-)?api[ _-]?key/i,
        /(?:API key|x-api-key) (?:is )?(?:invalid|incorrect|not valid|revoked|disabled)/i,
        // OpenAI-style gateways' word for a key they refuse: `401 Invalid Authentication`.
        /incorrect API key|\bInvalid Authentication\b(?!\s{1,3}credentials)/i,
        /\bnot a valid (?:API |x-api-|)key\b/i,
        /Unable to authenticate\b/i,
      ],
    },
    fix: (facts) => [
      step('Create a new key in the Anthropic Console.', LINKS.keys),
      facts.where === 'actions'
        ? step('Store the whole key in the repository secret, with no spaces or line breaks.', LINKS.secrets)
        : step('Export the whole key as ANTHROPIC_API_KEY, with no spaces or line breaks.'),
    ],
  },
  {
    id: 'github-oidc-permission',
    title: 'No GitHub App token for claude-code-action',
    meaning:
      'claude-code-action could not exchange the job’s OpenID Connect token for its GitHub App token: the job lacks the `id-token: write` permission, or the Claude GitHub App is not installed on the repository.',
    retry: 'no',
    recognise: {
      patterns: [
        /ACTIONS_ID_TOKEN_REQUEST_(?:URL|TOKEN)/,
        /(?:fetch|get|obtain|request) (?:a |an )?OIDC token/i,
        /(?:invalid )?OIDC token (?:request )?(?:failed|error|not available|is invalid)|Invalid OIDC token/i,
        /id-token: write/,
        /\bfail(?:s|ed|ing|) to exchange (?:the |an? |)OIDC token|App token exchange failed|Claude (?:Code|GitHub App) is not installed on this repository|install the Claude GitHub App/i,
        // The exchange also refuses a workflow file that differs from the default branch's.
        /Workflow validation failed|workflow file must (?:exist and )?have identical content/i,
      ],
    },
    fix: () => [
      step('Give the job `permissions: id-token: write` (with the other permissions it needs).', LINKS.oidc),
      step('Install the Claude GitHub App on the repository.', LINKS.claudeApp),
      step(
        'Or pass your own token to claude-code-action as `github_token`, so that it needs no OIDC exchange.',
        LINKS.workflowPermissions,
      ),
      step(
        'If the log says the workflow validation failed, the workflow file differs from the default branch’s: merge it there first.',
      ),
    ],
  },
  {
    id: 'github-actor-permission',
    title: 'The actor may not run Claude here',
    meaning: 'claude-code-action refused to run because the user who triggered it has no write permission to the repository.',
    retry: 'no',
    recognise: {
      patterns: [
        /Actor (?:does not|doesn't) have write permissions?/i,
        /Actor has insufficient permission/i,
        /Failed to check permissions\b/i,
        /(?:user|actor) .{0,60}(?:does not|doesn't) have (?:write|admin) (?:access|permissions?)/i,
        /is not a (?:collaborator|member) with write access/i,
        // Bots: claude-code-action runs for the bots it is told to allow.
        /non-human actor|allowed_bots|allowed_non_write_users|\bbots? (?:is |are )?not allowed|\[bot\].{0,80}\bnot allowed/i,
      ],
    },
    fix: () => [
      step('Trigger it as a collaborator with write access, or add the user to the repository.'),
      step('For bots, list them in claude-code-action’s `allowed_bots`; for other users, see its `allowed_non_write_users`.'),
    ],
  },
  {
    id: 'github-token-permission',
    title: 'The workflow token was refused',
    meaning:
      'GitHub refused the job’s token (HTTP 403): it lacks a permission the step needs, such as `contents: write` to push or `pull-requests: write` to comment.',
    retry: 'no',
    recognise: {
      // A 401 or 403 from GitHub, not from the Anthropic API: the job's token or the app token.
      statuses: [401, 403],
      answeredBy: ['github'],
      patterns: [
        /Permission to \S{1,200} denied to/i,
        /Resource not accessible by (?:integration|personal access token)/i,
        // A step that says which permission its token lacks: `fails because it needs write permissions`.
        /\b(?:needs?|requires?|lacks?|missing|without) (?:the |)(?:write|contents: ?write|pull-requests: ?write|issues: ?write) permissions?\b/i,
        /The requested URL returned error: 403/i,
        /refusing to allow a GitHub App to create or update workflow/i,
        /(?:GITHUB_TOKEN|GitHub token)\b.{0,40}\b(?:lacks?|is missing|missing|has no|without|insufficient|does not have|doesn't have|needs?|requires?)\b.{0,30}\b(?:permission|scope)/i,
        /requires '?(?:actions|contents|pull-requests|issues|checks|statuses|packages|workflows|id-token): ?(?:read|write)'? permission/i,
        /Bad credentials/,
      ],
    },
    fix: (facts) => [
      step(
        'Grant the job the permission the step needs in `permissions:` (e.g. `contents: write` to push, `pull-requests: write` or `issues: write` to comment).',
        LINKS.workflowPermissions,
      ),
      // Read where the job is: a terminal has no pull requests to speak of.
      ...(facts.where === 'actions'
        ? [
            step(
              'Pull requests from forks only get a read-only token; use `pull_request_target` with care, or skip the step for forks.',
            ),
          ]
        : []),
    ],
  },
  {
    id: 'permission-denied',
    title: 'Permission denied',
    meaning:
      'The API accepted the key but refused the request (HTTP 403): the key may not use this model, workspace or feature, or the organisation turned Claude Code off.',
    retry: 'no',
    recognise: {
      statuses: [403],
      answeredBy: ['anthropic'],
      errorKinds: ['permission_error', 'forbidden', 'oauth_org_not_allowed', 'PermissionDeniedError'],
      patterns: [
        /\bpermission_error\b/,
        /does not have permission to use|\bRequest (?:is |was |)not allowed\b/i,
        /(?:region|country|territory)\b.{0,40}\bnot (?:supported|available|allowed)|unsupported_country|not available in your (?:region|country)/i,
        /(?:disabled|turned off|not enabled) (?:Claude Code|access)\b/i,
        /Claude Code (?:is )?(?:disabled|not enabled|not allowed)/i,
        /(?:organi[sz]ation|admin) has (?:disabled|turned off|not enabled)\b/i,
        /not allowed for this organi[sz]ation/i,
        /\b(?:organi[sz]ation|account|workspace|team)\b.{0,20}\b(?:does not|doesn't|do not|don't) have access to (?:Claude|this model|the model|Claude Code)\b/i,
        /\bnot (?:allowed|permitted|authori[sz]ed) to (?:access|use|call) (?:the |this |)model\b/i,
      ],
    },
    fix: () => [
      step('Check the key’s workspace and its model access in the Console, or choose another model with `--model`.', LINKS.keys),
      step('If your organisation manages Claude Code access, ask its admin to allow it for this key or user.'),
    ],
  },
  {
    id: 'model-not-found',
    title: 'Model not found',
    meaning: 'The API does not know the model Claude Code asked for (HTTP 404), or this key may not use it.',
    retry: 'no',
    recognise: {
      statuses: [404],
      errorKinds: ['not_found_error', 'model_not_found', 'NotFoundError'],
      patterns: [
        /issue with the selected model/i,
        /invalid model(?: name| id| identifier|)\b|model (?:name|id|identifier) (?:is |was )?invalid|not a valid model\b|\bmodel_not_supported\b|model (?:is )?not supported\b/i,
        /model\b.{0,80}\bmay not exist or (?:you )?may not have access/i,
        // Vertex AI names a model the project may not use, or cannot find, its Publisher Model.
        /not allowed to use Publisher Model|Publisher Model\b.{0,200}\b(?:was )?not found/i,
        /(?:Run|Use) (?:\/model|--model) to pick a different model/i,
        // The API's not-found message is the model's name alone: `"message":"model: claude-…"`.
        // A model's id has a hyphen and ends the message: `"message":"model: claude-3-opus-2024"`.
        /(?:error|Error)\W{1,4}model: [\w.@:]{0,40}-[\w.@:-]{1,80}(?:"|\s{0,2}$)|"message": ?"model: [\w.@:]{0,40}-[\w.@:-]{1,80}"/,
        /model(?: id)? .{0,80}(?:not found|does not exist|is not available|is invalid)/i,
        /\bunknown model\b|\bmodel (?:code |name |id )?(?:is )?unknown\b/i,
        // In Chinese, as gateways word it: `模型不存在`, `找不到模型`, `未知模型`.
        /模型(?:名称|代码|ID|)\s{0,2}(?:不存在|未找到|找不到)|(?:找不到|未知的?)\s{0,2}模型/i,
        // A named model this account may not use yet: `Claude Fable 5 is currently unavailable`.
        /\bClaude [A-Z][a-z]{2,12} \d(?:\.\d{1,2}|) is (?:currently |)unavailable\b/,
      ],
    },
    fix: () => [
      step(
        'Check the model name in `--model` (or ANTHROPIC_MODEL): use a current id or alias such as `claude-sonnet-4-5`, and drop retired models.',
        LINKS.models,
      ),
      step('On Bedrock or Vertex, use that provider’s model id and check the model is enabled in your region.'),
    ],
  },
  {
    id: 'context-window-exceeded',
    title: 'Prompt too long',
    meaning: 'The conversation no longer fits the model’s context window: the prompt, files and tool output are too many tokens.',
    retry: 'no',
    recognise: {
      errorKinds: ['ContextWindowExceededError'],
      patterns: [
        /prompt (?:is )?too long|\b(?:hit|hitting|reached|at) (?:my|the|its) prompt (?:length |size |)limit\b/i,
        /conversation (?:is )?too long/i,
        /input length and `?max_tokens`? exceed context limit/i,
        /exceeds? (?:the )?(?:available |model |model's |models |)(?:maximum )?context (?:window|length|limit|size)/i,
        /context (?:window|length|size) (?:exceeded|is full|limit exceeded)|\bcontext limit (?:reached|exceeded|hit)\b/i,
        /maximum context length is \d/i,
        /(?:prompt|input) tokens? (?:count )?(?:of [\d,]{1,12} |)exceeds? (?:the )?(?:limit|maximum)|max_prompt_tokens_exceeded/i,
        /\binput is too long\b/i,
        /\blonger than (?:the )?(?:model's |models |model |maximum |)context (?:length|window)/i,
        /\d{1,9} tokens > \d{1,9} maximum/,
      ],
    },
    fix: () => [
      step(
        'Give Claude less at once: a narrower prompt, fewer or smaller files, or split the task over several steps.',
        LINKS.contextWindows,
      ),
      step(
        'Limit the work with `--max-turns`, or let Claude compact earlier; long tool outputs (logs, diffs) fill the window fastest.',
      ),
    ],
  },
  {
    id: 'request-too-large',
    title: 'Request too large',
    meaning:
      'The request is bigger than the API accepts: HTTP 413, or a 400 that names an image over its size or dimension limit. It comes from large or many images or files.',
    retry: 'no',
    recognise: {
      statuses: [413],
      errorKinds: ['request_too_large', 'RequestTooLargeError'],
      patterns: [
        /request (?:is )?too large/i,
        /payload (?:size )?(?:exceeds|is too large|too large)|(?:request|payload|body) size exceeds|(?:request|payload|body) (?:size )?(?:cannot|can't|must not|may not) exceed|maximum allowed (?:number of )?bytes/i,
        /Request exceeds (?:the |)maximum (?:allowed )?size/i,
        /too many images/i,
        /\bimages?\b[\w ]{0,40}(?:\b(?:exceeds?|is larger than|are larger than|too large)|(?:>|\bover|\blarger than|\bbigger than|\babove) ?\d{1,4} ?[MK]B\b)|image dimensions? exceeds?|exceeds? max(?:imum)? allowed (?:size|dimensions?)/i,
        /Payload Too Large|Content Too Large|Request Entity Too Large/i,
      ],
    },
    fix: () => [
      step('Send less in one request: fewer or smaller images and files (the API’s request limit is 32 MB).', LINKS.errors),
    ],
  },
  {
    id: 'usage-policy-refusal',
    title: 'Refused under the Usage Policy',
    meaning: 'The API declined the request because it appears to violate Anthropic’s Usage Policy.',
    retry: 'no',
    recognise: {
      errorKinds: ['refusal', 'ContentPolicyViolationError'],
      patterns: [
        /violates? (?:our|the|Anthropic's) Usage Polic(?:y|ies)|\b(?:Usage|Content) Polic(?:y|ies)["”']? (?:violations?|issues|errors|refusals)\b/i,
        // In Japanese and Chinese: `ポリシー違反としてブロック`, `违反使用政策`.
        /ポリシー違反|违反(?:了|)(?:使用|内容|)政策/,
        /(?:violate|violates|violating) (?:our|the|Anthropic's) (?:Terms|Acceptable Use|AUP)|Claude refused (?:this|the) request/i,
        // The model's own refusal, as a stream or an SDK's repr shows it, and a provider's content filter.
        /stop_reason["']?\s{0,2}[=:]\s{0,2}["']?refusal\b|blocked by (?:our |the |a |)content[ _-]?(?:filter|filtering|policy|safety)|content[ _-]filter(?:ing)? policy|\bcontent_filter\b/i,
        /API Error: .{0,60}can(?:'|’)?t help with (?:this|that)|anthropic\.com\/legal\/aup/i,
        /Usage Policy \(https?:\/\/[^)\s]{0,80}aup/i,
        /\bcontent (?:was )?(?:blocked|filtered) by\b/i,
        // The API's refusal by its safety classifiers: `has safety measures that flagged this message for a … topic`.
        /safety ?measures that flagged|flagged (?:this|your) (?:message|request|prompt) for\b/i,
        // A client's log of the model's refusal: `Refusal received: category='…'`.
        /\brefusal (?:received|detected|returned)\b/i,
        /\b(?:Claude(?: Code|)|the model) refused to (?:respond to|answer|help with|continue with) (?:this|the|your)\b|\bviolates? (?:its|our|the) (?:content|usage|safety) polic/i,
      ],
    },
    fix: () => [
      step(
        'Rephrase the prompt or remove the content that triggers the refusal; retrying the same request will not help.',
        LINKS.usagePolicy,
      ),
    ],
  },
  {
    id: 'invalid-request',
    title: 'Invalid request',
    meaning:
      'The API rejected the request as malformed (HTTP 400 `invalid_request_error`), for example a `max_tokens` over the model’s limit or a bad tool schema.',
    retry: 'no',
    recognise: {
      statuses: [400],
      errorKinds: ['invalid_request_error', 'invalid_request', 'BadRequestError', 'UnprocessableEntityError'],
      // Its status and kind, and a cloud provider's own word for a malformed request: a message that names
      // another cause says so first (those causes come earlier in the catalogue).
      patterns: [
        /\bValidationException\b|\bINVALID_ARGUMENT\b|Malformed input request|must alternate between (?:the )?user and assistant|Invalid JSON payload received/,
        /\bmax(?:imum)?[ _]tokens\b.{0,80}\bexceeds? (?:the |)(?:model|maximum|limit)/i,
        /\b(?:budget_tokens|max_tokens)\b.{0,20}\b(?:should|must|cannot|can't|may) not (?:exceed|be (?:greater|larger|more))\b/i,
        // A message the API refuses for its content's shape: `text content blocks must be non-empty`.
        /\bcontent blocks? must (?:be |)non-empty\b|\bmust have non-empty content\b/i,
        // A beta header the API does not know: `Unexpected value(s) … for the anthropic-beta header`.
        /Unexpected value\(s\)|\bfor the [`'"]?anthropic-beta[`'"]? header\b/i,
        // The API names the field it refused by its path: `tools.0.custom.name: String should match pattern …`.
        /\b(?:messages|tools)\.\d{1,4}[\w.]{0,120}: [A-Za-z][\w ]{0,40}\b(?:must|should|cannot|can't|not|only|exceed\w{0,2}|required|invalid)\b|\b(?:messages|tools|system|tool_choice|max_tokens|thinking|metadata|temperature|top_[pk]|stop_sequences)[\w.]{0,120}: (?:String should|Input should|Field required|Extra inputs are not permitted|Value error|should (?:match|be|have)|must (?:be|have|not)|(?:is|are) (?:required|not (?:allowed|permitted|supported)))/,
      ],
    },
    fix: () => [
      step(
        'Read the API’s message in the evidence: it names the field. A `max_tokens` error usually means CLAUDE_CODE_MAX_OUTPUT_TOKENS or the model does not fit; update Claude Code or change the model.',
        LINKS.errors,
      ),
    ],
  },
  {
    id: 'rate-limited',
    title: 'Rate limited',
    meaning:
      'The organisation sent more requests or tokens than its rate limit allows (HTTP 429); it clears after the time the API names.',
    retry: 'backoff',
    recognise: {
      statuses: [429],
      errorKinds: ['rate_limit', 'rate_limit_error', 'RateLimitError'],
      patterns: [
        // Not a header's name (`x-ratelimit-remaining`, `anthropic-ratelimit-…`): every answer carries those.
        /(?<![-_])rate[ -]?limit(?:ed)?\b/i,
        /Too Many Requests|too many tokens,? please wait/i,
        /(?:Throttling|TooManyRequests)(?:Exception)?\b|\bRESOURCE_EXHAUSTED\b|Quota exceeded/i,
      ],
    },
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Let the retries wait it out; for lasting relief, run fewer jobs at once (`concurrency:`, `max-parallel`) or ask for a higher rate limit.'
          : 'Wait a minute and run again; for lasting relief, ask for a higher rate limit.',
        LINKS.rateLimits,
      ),
    ],
  },
  {
    id: 'overloaded',
    title: 'API overloaded',
    meaning: 'Anthropic’s API is temporarily overloaded (HTTP 529); it usually passes within minutes.',
    retry: 'backoff',
    recognise: {
      statuses: [529],
      errorKinds: ['overloaded', 'overloaded_error', 'OverloadedError'],
      patterns: [/\bOverloaded\b/, /servers are (?:currently )?overloaded/i],
    },
    fix: () => [step('Retry later; check the status page if it persists.', LINKS.status)],
  },
  {
    id: 'server-error',
    title: 'API server error',
    meaning: 'The API failed on its side (HTTP 5xx); a retry usually succeeds.',
    retry: 'backoff',
    recognise: {
      // Any 5xx but 529 (overloaded), with the 52x a CDN in front of the API answers.
      statuses: SERVER_STATUSES,
      // Not Claude Code's `server_error`: it names connection failures that way too.
      errorKinds: ['api_error', 'InternalServerError', 'ServiceUnavailableError'],
      patterns: [/Internal server error\b/i, /\b(?:Bad Gateway|Service Unavailable|Gateway Time-?out)\b/i],
    },
    fix: () => [step('Retry later; check the status page if it persists.', LINKS.status)],
  },
  {
    id: 'network-error',
    title: 'Network error',
    meaning:
      'The connection to the API failed or timed out (refused, reset, DNS, TLS, proxy); the runner’s network, a proxy or ANTHROPIC_BASE_URL is the usual suspect.',
    retry: 'steady',
    recognise: {
      unanswered: true,
      errorKinds: ['network_error', 'connection_error', 'connection_failed', 'APIConnectionError', 'APITimeoutError'],
      patterns: [
        /\b(?:ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|UND_ERR_[A-Z_]{2,40})\b/,
        /Connection error/i,
        /Unable to connect/i,
        // Not a tool that could not hook one program up to another: `Could not connect Claude Code to the IDE`.
        /could not connect(?! (?!to\b)[\w.-]{1,40} (?:[\w.-]{1,40} |)to\b)/i,
        /socket hang up/i,
        /fetch failed/i,
        /socket connection was closed unexpectedly/i,
        // A request's own time-out (the SDK's, the HTTP client's), not the run's time limit.
        /The operation timed out|(?:Request|connection|connect|socket|read) (?:has )?timed out|(?:Read|Connect) timeout on endpoint/i,
        /\bAPI time-?out\b|\brequest exceeded (?:the )?time limit|\btimeout of \d{1,7} ?m?s exceeded\b|\bnetwork timeout at\b/i,
        /\b(?:APIConnectionTimeout|ConnectTimeout|ReadTimeout|RequestTimeout|HttpTimeout)(?:Error|Exception)?\b|\bConnectorError\b.{0,40}\bTimeout\b/,
        /connection (?:reset|refused|aborted|closed)\b|connection (?:was |has been )(?:reset|refused)\b/i,
        /\bnetwork (?:error|is unreachable)\b/i,
        /(?:getaddrinfo|DNS lookup) fail/i,
        /certificate (?:has expired|verify failed|is not yet valid)|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to (?:get (?:local |)issuer certificate|verify the first certificate)/i,
        // The TLS codes Node, OpenSSL, Python, Go and Java give a certificate they cannot trust (an inspecting proxy's).
        // A reply a proxy or gateway in between rewrote or swallowed: `API returned an empty or malformed response (HTTP 200)`.
        /\bempty or malformed response\b|\bcheck for a proxy or gateway\b/i,
        /\b(?:SSL|TLS) certificate verification (?:failed|errors?)\b|\bcertificate verify failed\b/i,
        /\b(?:SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_UNTRUSTED|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|ERR_TLS_CERT_ALTNAME_INVALID|CERTIFICATE_VERIFY_FAILED|CRYPT_E_NO_REVOCATION_CHECK|CRYPT_E_REVOCATION_OFFLINE|SEC_E_UNTRUSTED_ROOT)\b|SSL certificate problem|x509: certificate signed by unknown authority|PKIX path building failed/,
        /proxy (?:error|authentication required)|tunneling socket/i,
        // Go's TLS layer: `remote error: tls: bad record MAC`, `tls: handshake failure`.
        /\bremote error: tls: \w|\btls: (?:bad record MAC|handshake failure|internal error)\b/,
        // A base URL that is no URL (`ANTHROPIC_BASE_URL=api.example.com`), and a provider out of reach.
        /\bInvalid URL\b|\bERR_INVALID_URL\b|\bunsupported (?:URL )?(?:protocol|scheme)\b/i,
        /\b(?:having |)trouble (?:connecting|reaching)\b/i,
      ],
      // A client's title for any failed request, and a bare error whose stack runs through Node's HTTP
      // client or TLS layer: they speak only when nothing else names a cause.
      afterOthers: [
        /\((?:node:)?_(?:http_client|tls_wrap)(?:\.js)?:\d/,
        /\b(?:unable to|could not|couldn't|cannot|can't|failed to) (?:reach|contact) (?:the |)(?:model |API |)(?:provider|API|server|upstream|endpoint|host)\b/i,
      ],
    },
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Retry; if it persists, check the runner’s proxy settings (HTTPS_PROXY) and that ANTHROPIC_BASE_URL, if set, is reachable from the runner.'
          : 'Check your connection, proxy (HTTPS_PROXY) and ANTHROPIC_BASE_URL, if set; then run again.',
      ),
    ],
  },
  {
    id: 'timeout',
    title: 'Timed out',
    meaning:
      'A time limit stopped the run: the step’s `timeout-minutes`, a wrapper’s own limit, or a watchdog that saw no activity.',
    retry: 'backoff',
    recognise: {
      errorKinds: ['attempt_timeout'],
      patterns: [
        /(?:timed out|time-?out) after \d/i,
        // A limit of minutes or hours the run went past: `exceeded its 30 minute limit`.
        /exceeded (?:its |the |a |)(?:maximum |max |)\d{0,5}[ -]?(?:minutes?|mins?|hours?|h|m)[ -]?(?:time |run |execution |)limit/i,
        // A wrapper's own limit on Claude Code: `sdk-session: claude did not connect within 30s`.
        /\b(?:did not|didn't|failed to) (?:connect|respond|start|finish|complete|return)\b.{0,20}\bwithin \d{1,6}\s{0,2}(?:ms|s|secs?|seconds?|m|mins?|minutes?)\b/i,
        // A run that hung until someone or something stopped it: `hangs indefinitely until we kill it`.
        /\bhang(?:s|ed|ing|)\b.{0,40}\buntil (?:we|I|it is|it was|it's|the (?:watchdog|wrapper|harness|job)) (?:kill|killed|terminate|terminated|stop|stopped)/i,
        /(?:process|run|execution|job|step|command|Claude Code|claude|agent|session|task|turn|workflow|pipeline|action) (?:has |had |)(?:timed out|keeps timing out|got stuck and timed out)\b|\b(?:process|run|job|command|agent|session|task|swarm) (?:always|still|[a-z]{2,20}ly) times out\b|\bgot stuck\b.{0,60}\band timed out\b/i,
        /\b(?:claude(?: -p|)|Claude Code|the CLI|the agent)\b.{0,60}\b(?:returns?|returned|gets?|got|throws?|hits?) (?:a |an |)time-?out\b/i,
        // A wrapper's own limit on a run, by its name: `Adapter execution timeout`.
        /\b(?:execution|adapter|agent|task|job|run) time-?out\b/i,
        // GitHub's word for a job past its own time limit is the runner's cancellation (see cancelled).
        /(?<!\bjob running on runner\b.{0,200})exceeded (?:the )?(?:maximum )?(?:execution|run|wall[- ]clock) time/i,
        // A wrapper that kills a run past its own limit: `exceeded 3s, killing run`.
        /\bexceeded (?:the |its |a |)(?:limit of |)\d{1,6} ?(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b.{0,20}\b(?:killing|killed|terminating|terminated|aborting|stopping|stopped)\b/i,
        // The same in Chinese: `因超时被终止`, `触发超时机制，进程被强制终止`.
        /(?:超时|TIMEOUT)\s?(?:机制|限制|)[^。\n]{0,12}(?:终止|杀死|中止|杀掉)/,
        // A run that went past its own limit: `remote session exceeded 30 minutes`.
        /\b(?:session|run|job|task|review|agent|process|step|turn|command)\b.{0,20}\bexceeded (?:the |its |a |)(?:maximum |max |)(?:time limit of |)\d{1,5} ?(?:minutes?|mins?|hours?|seconds?|secs?|[smh])\b/i,
        // A run stopped when its time reached a limit: `terminated once the execution time hits the 300-second threshold`.
        /\b(?:terminated|killed|stopped|aborted)\b.{0,100}\b\d{1,6}[- ]?(?:seconds?|secs?|minutes?|mins?|hours?)\b.{0,20}\b(?:threshold|time limit|limit|time-?out|cap)\b/i,
        // Watchdogs: no output, inactivity, an idle stream.
        /\bno (?:output|activity|progress|response) (?:for|in|after) (?:the last )?\d/i,
        // A command's flag (`--timeout-ms 300000`, `--idle-timeout 600`) sets a limit; it does not say one was hit.
        /(?:inactivity|idle|no activity|no output|stall(?:ed)?|watchdog|heartbeat)\b.{0,40}\b(?<!(?:^|\s)--?[\w-]{0,30})(?<!\bno )(?:time-?out|timed out|killed|kill|limit|exceeded|expired)/i,
        // A client that kills every run at its own limit: `The SDK kills these operations after exactly 5 minutes`
        // (one run "killed after 120 s" says no more than that it was killed).
        /\bkills\b.{0,40}\bafter (?:exactly |about |roughly |)\d{1,5}\s{0,2}(?:s|secs?|seconds?|m|mins?|minutes?|h|hours?)\b/i,
        /(?:killed|terminated|stopped|aborted)[\w .]{0,30} (?:of|for|due to) (?:inactivity|no output|being idle)/i,
        // A wrapper that says its time ran out and it is stopping the run: `agent timeout, killing`.
        /\b(?:time-?out|timed out)\b.{0,40}\b(?:killing|killed|terminating|terminated|aborting|stopping|stopped|cancell?ed)\b/i,
        // The Agent SDK's own handshakes with the CLI.
        /control request timeout|initiali[sz]e\b.{0,30}\btimed out/i,
        // A wrapper that gave up waiting for the session or process it started.
        /timed out waiting for (?:the |a |)(?:tmux |agent |claude |)(?:session|process|agent|claude|container|worker)\b/i,
        /\bcancell?ed (?:because of|due to|by|after) (?:a |the |its |)(?:time-?out|time limit)\b/i,
        // A wrapper that waited for Claude Code as long as it would.
        /\bwithin (?:the |its |a |)(?:time-?out|time limit|deadline)\b|\bTime-?out waiting for (?:Claude|the agent|the CLI|claude-code)\b/i,
        // Python's own `asyncio.wait_for` limit: a bare TimeoutError ends the traceback.
        /asyncio\.(?:exceptions\.)?TimeoutError|^\s{0,4}TimeoutError\s{0,4}$/,
        /\btimeout(?:\(1\))?: (?:sending signal|the monitored command)/i,
        /\bexit(?:ed)? (?:with )?(?:code|status) 124\b/i,
        // Kubernetes and other schedulers.
        /DeadlineExceeded|activeDeadlineSeconds|deadline exceeded/i,
      ],
    },
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Raise the time limit (`timeout-minutes` of this step, or the wrapper’s), or limit the work with `--max-turns` in `claude-args`.'
          : 'Raise the time limit (`--timeout-minutes`), or limit the work with `--max-turns`.',
      ),
    ],
  },
  {
    id: 'claude-not-found',
    title: 'Claude Code could not be started',
    meaning: 'The Claude Code executable was not found or could not be run.',
    retry: 'no',
    recognise: {
      errorKinds: ['spawn_failed'],
      // Any executable the run needs, however the runtime words it: Bun, Node, Python, a native binary, a worker.
      patterns: [
        /\b(?:claude|bun|node|nodejs|python3?|npx|uvx?|deno)(?:\.exe)?['"]?:? (?:command )?not found|\bcommand not found: (?:claude|bun|node|nodejs|python3?|npx|uvx?|deno)\b/i,
        /spawn \S{0,200} ENOENT|posix_spawnp? failed|ENOENT: no such file or directory,? \(?(?:spawn|posix_spawn|cmd)/,
        // Found, but not runnable: a binary for another platform, or one without the right to run.
        /\bexec format error\b|cannot execute binary file|spawn \S{0,200} EACCES|is not a valid Win32 application/i,
        /Failed to (?:spawn|start|launch|find|execute|run) (?:the )?Claude(?: Code| CLI|)\b/i,
        /(?:Claude Code|claude)\b.{0,20}\b(?:executable|native binary|binary)\b.{0,200}\bfailed to (?:launch|start|spawn|execute|run)\b/i,
        /(?:claude|bun|node|python3?)\S{0,40}['"]?:? No such file or directory/,
        /(?:Claude Code|claude|the CLI)\b.{0,20}\b(?:executable|native binary|binary|CLI)\b.{0,40}\bnot found/i,
        /(?:Claude Code|Claude CLI|claude\.exe)(?: executable| binary| CLI)? (?:was |is )?not found\b|\bclaude (?:is|was) not found\b|CLINotFound/i,
        /\[WinError 2\] The system cannot find the file specified|No such file or directory: '[^']{0,200}(?:claude|node|bun)\b/i,
        /(?:could not|cannot|unable to) (?:find|locate) (?:the )?(?:Claude Code|claude)\b.{0,20}\b(?:executable|binary|CLI|command)/i,
        /Cannot find module '@anthropic-ai\/claude-(?:code|agent-sdk)/,
        // Started, but gone before it could take a prompt; Go's word for an executable it could not run.
        /\b(?:claude|Claude Code|ACP agent|agent)\b.{0,40}\b(?:exited|died|crashed|failed) (?:during|at|on|before) (?:start-?up|initiali[sz](?:e|ed|ing|ation))\b/i,
        /\bfork\/exec \S{0,200}\b(?:claude|node|bun)(?:\.exe|\.cmd|): /i,
        // An install that did not finish leaves no executable: `Could not install - another process is currently installing Claude`.
        /(?:failed|unable) to install (?:the )?(?:claude|Claude Code|@anthropic-ai\/claude-code)\b|\b(?:could not|couldn't|cannot|can't) install\b.{0,60}\b(?:claude|Claude Code|@anthropic-ai\/claude-code)\b/i,
        /is not recognized as (?:an internal or external command|(?:the |a )?name of a cmdlet)|CommandNotFoundException/i,
        // A lookup that names what it could not find is Claude's only when it names Claude or its runtime.
        /\bexec: "(?:[^"\n]{0,200}[\\/]|)(?:claude|node|bun|npx)(?:\.exe)?": executable file not found|(?<!exec: "[^"\n]{1,200}": )executable (?:file )?not found in \$?PATH(?:\s{0,4}$|: ?["']?[^"'\n]{0,200}\b(?:claude|node|bun)\b)/im,
        /(?:Claude Code|Claude CLI|Claude Agent SDK|Claude Code SDK|claude)(?: CLI| native binary| binary| executable|) (?:is |)not installed\b/i,
        /\bclaude`? (?:is |was |)not (?:resolvable|on (?:the |your |)PATH|in (?:the |your |)PATH)\b/i,
        /\b(?:agent|Claude Code|Claude CLI|claude)\b.{0,40}\b(?:does not|doesn't) (?:appear|seem) to be installed/i,
        // The shell's own word for a command it cannot find.
        /\bexit(?:s|ed)?(?: with)? (?:(?:code|status):? |)127\b/i,
        /(?:找不到|未找到|无法找到)\s{0,2}claude|claude\s{0,2}(?:命令)?\s{0,2}(?:未找到|找不到|不存在)/i,
      ],
    },
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Let the action install it (`install-claude: auto`), install it in an earlier step (`npm install -g @anthropic-ai/claude-code`), or point `claude-path` at the executable.'
          : 'Install it (`npm install -g @anthropic-ai/claude-code`), or point `--claude-path` at the executable.',
        LINKS.install,
      ),
    ],
  },
  {
    id: 'session-not-found',
    title: 'Session to resume not found',
    meaning:
      'Claude Code was asked to resume a session it cannot find: sessions live under $HOME/.claude of the machine that ran them.',
    retry: 'no',
    recognise: {
      patterns: [
        /No conversation found\b/i,
        /(?:session|conversation)\b.{0,80}\b(?:not found|does not exist|doesn't exist|could not be found|cannot be found|no longer exists)/i,
        /(?:could not|failed to|unable to|cannot) (?:find|load|resume|restore) (?:the )?(?:previous )?(?:session|conversation)/i,
        /--resume\b.{0,80}\b(?:not found|(?:requires|needs|expects) a valid|invalid|not a valid|not a UUID)/i,
        /(?:session|conversation) (?:ID|id)\b.{0,60}\b(?:is invalid|is not a valid|not found)|invalid (?:session|conversation) (?:ID|id)\b/i,
        /(?:session|conversation) (?:is |was )?not (?:loaded|resumed|restored)|resume mismatch/i,
        // The session's transcript file is gone: `ENOENT … ~/.claude/projects/…/<id>.jsonl`.
        /\.claude[\\/]projects[\\/][^\s'"]{1,300}\.jsonl\b.{0,80}\bENOENT|\bENOENT\b.{0,200}\.claude[\\/]projects[\\/][^\s'"]{1,300}\.jsonl\b/,
      ],
    },
    fix: () => [
      step(
        'Drop `--resume` from the arguments, or restore the `~/.claude` folder of the earlier run (e.g. with actions/cache) first.',
      ),
    ],
  },
  {
    id: 'cancelled',
    title: 'Cancelled',
    meaning:
      'The run was cancelled (the job was cancelled or hit its own time limit); the attempt was stopped with every process it started.',
    retry: 'never',
    recognise: {
      errorKinds: ['cancelled', 'aborted'],
      patterns: [
        /The operation (?:was|will be) cancell?ed/i,
        // Azure Pipelines' word for the same: `Job cancellation triggered`, `OperationCanceledException`.
        /\b(?:job|run|pipeline|build) cancell?ation (?:was |has been |)(?:triggered|requested)\b|\bOperationCancell?edException\b/i,
        /The (?:job|run|workflow|step|task) (?:was|has been) cancell?ed/i,
        /aborted by (?:the )?user/i,
        // GitHub's concurrency groups cancel a run when a newer one waits.
        /Canceling since a higher priority waiting request|higher priority waiting request for .{1,200} exists/i,
        /cancell?ed by (?:the )?(?:user|a newer run|another run|concurrency|control plane|server|orchestrator|scheduler|supervisor|admin(?:istrator)?)\b|\bcancell?ed\b.{0,60}\b(?:due to|because of) (?:a |the |its |)concurrency\b|\bmanually cancell?ed\b|\bcancell?ed (?:it |the (?:run|job|workflow) |)manually\b/i,
        /runner has received a shutdown signal/i,
        // A run's state as a field: `Status: cancelled`, `"conclusion": "cancelled"`.
        /\b(?:status|state|conclusion)["']?\s{0,2}[:=]\s{0,2}["']?cancell?ed\b/i,
        // A job past its own `timeout-minutes`: the runner cancels every step still running.
        /\bjob running on runner\b.{0,200}\bexceeded the maximum execution time/i,
      ],
      // An abort says the run was stopped, not why: whatever else the text shows (a time-out, an
      // overload) is the cause, and the abort only its end.
      afterOthers: [
        /(?:operation|stream|query|request) (?:was |has been )?aborted\b|\bAbortError\b/i,
        // A wrapper or a person that stopped the run: `calling abort handler`, `interrupt()`, `Interrupted by user`,
        // `Interrupted (CTRL+C)`, Python's KeyboardInterrupt.
        /\b(?:abort|cancel|interrupt)(?:ion|)(?: is|) (?:requested|request received)\b|\bcalling (?:the |)(?:abort|cancel|interrupt)(?: handler|\(\))|\b(?:instance|query|client|session)\.interrupt\(\)|\binterrupted by (?:the )?user\b|\binterrupted \((?:CTRL|Ctrl|ctrl)[+-]C\)|\bKeyboardInterrupt\b/i,
        // A termination signal the process was sent: someone stopped it.
        /\b(?:received|got|caught|killed by) (?:signal )?(?:SIG)?TERM\b|\bexit(?:ed)? (?:with )?code:? -15\b/i,
      ],
    },
    fix: (facts) => [
      step(
        facts.where === 'actions'
          ? 'Re-run the job. If the job’s own `timeout-minutes` cancelled it, raise that limit or set this step’s `timeout-minutes` below it.'
          : 'Run it again.',
      ),
    ],
  },
  {
    id: 'claude-error',
    title: 'Claude Code failed',
    meaning:
      'Claude Code ended with an error that is not an API problem (max turns, a tool failure, a crash or an unknown exit).',
    retry: 'no',
    recognise: {
      patterns: [
        /\berror_max_turns\b/,
        /Reached (?:the )?max(?:imum)? (?:number of )?turns/i,
        /\bturns?\b.{0,30}\bexceed\w{0,3}\b.{0,30}\bmax(?:imum)?\b|\bmax(?:imum)?[ _-]?turns\b.{0,20}\b(?:reached|exceeded|hit)\b/i,
      ],
    },
    fix: (facts) => [
      step('Read the evidence and the last lines of output: they show what Claude Code said before it stopped.'),
      step(
        facts.where === 'actions'
          ? 'If the run hit `--max-turns`, raise it in `claude-args`.'
          : 'If the run hit `--max-turns`, raise it.',
      ),
    ],
  },
]

const byId = new Map(CATALOGUE.map((cause) => [cause.id, cause]))

export function causeOf(id: CauseId): Cause {
  const cause = byId.get(id)
  if (!cause) throw new Error(`cause ${id} is not in the catalogue`)
  return cause
}

/** Whether Claude Code should be stopped at the first in-run retry that shows this cause. */
export const endsRunEarly = (cause: Cause): boolean => cause.retry !== 'backoff'

/** The causes about credit, whose fix depends on what the credit check found. */
export const CREDIT_CAUSES: readonly CauseId[] = ['credit-exhausted', 'credit-false-alarm', 'credit-balance-low', 'spend-limit']

// The fix for a credit cause, chosen by the evidence: which organisation to fund, whether a key shadows a
// subscription, whether a fallback key would keep CI running. Pure.
import { CONSOLE, type CauseId, type FixStep } from '../diagnostics/catalogue.js'

export interface CreditFacts {
  cause: CauseId
  /** The organisation the probes saw for this key. */
  organizationId?: string
  /** An API key is used while an OAuth token is also set. */
  keyShadowsSubscription: boolean
  fallbackSet: boolean
  /** Why the credit error could not be verified, when it could not. */
  unverifiedReason?: string
}

const CREDIT_CAUSES: readonly CauseId[] = ['credit-exhausted', 'credit-false-alarm', 'credit-balance-low', 'spend-limit']

export const isCreditCause = (cause: CauseId | 'none'): boolean => cause !== 'none' && CREDIT_CAUSES.includes(cause)

/** Undefined for causes that are not about credit: their catalogue fix applies as it is. */
export function creditFix(facts: CreditFacts): FixStep[] | undefined {
  if (!isCreditCause(facts.cause)) return undefined
  const owner = facts.organizationId
    ? `organisation ${facts.organizationId}, which owns this key`
    : 'the organisation that owns this key'
  const subscription: FixStep[] = facts.keyShadowsSubscription
    ? [
        {
          text: 'You also set an OAuth token: to run on the subscription, remove ANTHROPIC_API_KEY (and `anthropic-api-key`) from the step; in `-p` mode the key wins.',
        },
      ]
    : []
  const fallback: FixStep[] = facts.fallbackSet
    ? []
    : [{ text: 'To keep CI running meanwhile, set `fallback-api-key` to a key of another, funded organisation or workspace.' }]
  const wait: FixStep = {
    text: 'If credits were bought minutes ago, wait a few minutes and re-run the job: they take a while to arrive.',
  }
  switch (facts.cause) {
    case 'credit-exhausted':
      return [
        { text: `Buy credits for ${owner}: a one-token request failed with the same error.`, link: CONSOLE.billing },
        ...subscription,
        wait,
        ...fallback,
      ]
    case 'credit-false-alarm':
      return [
        {
          text: 'Nothing to fund: a one-token request with the same key succeeded, so this was Claude Code’s known false credit alarm; retrying is the remedy.',
          link: CONSOLE.creditIssue,
        },
        { text: 'If it keeps happening, raise `max-attempts`.' },
      ]
    case 'spend-limit':
      return [
        { text: `Raise the monthly spend limit of ${owner}, or wait for the date the error names.`, link: CONSOLE.limits },
        ...fallback,
      ]
    default:
      return [
        {
          text: `The credit error could not be verified (${facts.unverifiedReason ?? 'verify-credit is off'}). Check the credit balance of ${owner}, and buy credits there if it is zero.`,
          link: CONSOLE.billing,
        },
        ...subscription,
        wait,
        { text: 'If the account is funded, it is a known false alarm; a retry usually succeeds.', link: CONSOLE.creditIssue },
      ]
  }
}

// The credentials of one guarded run: which one the attempts use, the preflight before the first, the
// credit check after a credit error (at most once per credential), and the switch to `fallback-api-key`.
// Everything it learns goes into its report; it talks to the API only through the probes. Each step
// returns what it decided; the caller builds its records from that.
import { causeOf, CREDIT_CAUSES, type CauseId, type FixFacts } from '../diagnosis/catalogue.js'
import type { Diagnosis, Evidence } from '../diagnosis/clues.js'
import { probeCredit, probeModels, type ProbeResult, type ProbeTarget } from './api-probe.js'
import { describeLogin, type ClaudeLogin } from './claude-login.js'
import {
  describeFingerprint,
  environmentFor,
  fingerprint,
  resolveCredentials,
  type Credential,
  type CredentialInputs,
  type CredentialSetup,
  type Fingerprint,
  workflowEnvironment,
} from './credential.js'
import { checkCredential, missingCredentialFindings, type Finding, type RunEvent } from './key-checks.js'
import {
  describeProbe,
  preflightDiagnosis,
  refineCreditDiagnosis,
  refineForCredential,
  type CreditVerification,
} from './verdict.js'

export interface CredentialOptions {
  preflight: boolean
  verifyCredit: boolean
  probeModel: string
}

export type CredentialRole = 'used' | 'fallback' | 'ignored'

export interface CredentialsReport {
  /** The cloud provider Claude Code uses instead of an Anthropic credential; the probes are skipped. */
  provider?: string
  /** With no credential set, Claude Code's own login it runs with (`logged in with Claude Code (claude.ai, max)`). */
  login?: string
  /** The one Claude Code uses by its precedence, the fallback key, and every other one set. */
  credentials: (Fingerprint & { role: CredentialRole })[]
  /** Local checks, by the credential's source (`none` when no credential was set). */
  checks: { credential: string; findings: Finding[] }[]
  conflicts: string[]
  probes: (ProbeResult & { purpose: 'preflight' | 'credit'; afterAttempt?: number })[]
  notes: string[]
  /** Set when the run went on with `fallback-api-key`; attempt 0 means before the first attempt. */
  switchedToFallback?: { afterAttempt: number; cause: CauseId }
  /** What kept Claude Code from starting at all, or stopped attempt 1 as it started. */
  stop?: Diagnosis
  /** The API refused the credential while attempt 1 was starting alongside the check; it was stopped at once. */
  stoppedAttempt?: boolean
  /** What the checks found that the fix depends on (which organisation, a shadowed subscription…). */
  fixFacts: Omit<FixFacts, 'where'>
}

/** What the credentials make of an attempt's failure. */
export interface Review {
  diagnosis: Diagnosis
  /** The next attempt runs with `fallback-api-key`: it can succeed though the cause alone is not retried. */
  withFallback: boolean
}

/** What the run can find out when it needs to, and where its findings are read. */
export interface CredentialAsks {
  /** Loads what triggered the run, to explain a missing secret (in Actions). */
  event?: () => Promise<RunEvent>
  /** Asks Claude Code whether it is logged in by itself (the command line); called only when no credential is set. */
  login?: () => Promise<ClaudeLogin | undefined>
  /** Where the findings are read: a terminal has no secrets, inputs or events to speak of. */
  where?: 'actions' | 'terminal'
}

export interface CredentialLog {
  info(message: string): void
  warning(message: string): void
}

/** A preflight answers within a second or two, or the run goes on without it. */
const PREFLIGHT_TIMEOUT_MS = 5_000
const CREDIT_PROBE_TIMEOUT_MS = 15_000

/** What the preflight's API answer means for the first attempt: go on, stop, or start again with the fallback key. */
export type PreflightAnswer = 'go' | 'stop' | 'switched'

export class CredentialRun {
  private current: Credential | undefined
  private readonly answerSkipped = new AbortController()
  /** The preflight's API request is under way. */
  private answerPending = false
  private readonly verifications = new Map<string, CreditVerification>()
  private unverifiedReason: string | undefined
  readonly report: CredentialsReport

  constructor(
    private readonly setup: CredentialSetup,
    private readonly options: CredentialOptions,
    private readonly target: Omit<ProbeTarget, 'timeoutMs'>,
    private readonly log: CredentialLog,
    private readonly asks: CredentialAsks = {},
  ) {
    this.current = setup.primary
    const role = (credential: Credential): CredentialRole =>
      credential === setup.primary ? 'used' : credential === setup.fallback ? 'fallback' : 'ignored'
    const all = [...setup.present, ...(setup.fallback ? [setup.fallback] : [])]
    this.report = {
      ...(setup.provider ? { provider: `${setup.provider.name} (${setup.provider.variable})` } : {}),
      credentials: all.map((credential) => ({ ...fingerprint(credential), role: role(credential) })),
      checks: [],
      conflicts: [...setup.conflicts],
      probes: [],
      notes: [],
      fixFacts: { fallbackSet: setup.fallback !== undefined },
    }
    for (const credential of all) log.info(`Credential (${role(credential)}): ${describeFingerprint(fingerprint(credential))}`)
    for (const conflict of setup.conflicts) log.warning(conflict)
    this.updateFixFacts()
  }

  /** The credentials of a run with these settings, in this environment, probed where ANTHROPIC_BASE_URL points. */
  static of(
    settings: CredentialInputs & CredentialOptions,
    context: CredentialAsks & { env: NodeJS.ProcessEnv; signal?: AbortSignal; log: CredentialLog },
  ): CredentialRun {
    return new CredentialRun(
      resolveCredentials(settings, context.env),
      settings,
      { baseUrl: context.env.ANTHROPIC_BASE_URL, signal: context.signal },
      context.log,
      context,
    )
  }

  /**
   * The environment of the next attempt: exactly the credential in use. A cloud provider's run keeps the
   * workflow's credential variables as they are: the action uses none of them.
   */
  environment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return this.setup.provider ? workflowEnvironment(base) : environmentFor(base, this.current)
  }

  private note(text: string): void {
    this.report.notes.push(text)
    this.log.info(text)
  }

  /** Checks the credential before the first attempt, to the end; a diagnosis means Claude Code must not start. */
  async preflight(): Promise<Diagnosis | undefined> {
    const started = await this.startPreflight(false)
    if ('stop' in started) return started.stop
    await started.answer
    return this.report.stop
  }

  /**
   * Starts the preflight. What needs no network is decided before it returns: `stop` means Claude Code must
   * not start. The API's answer to the free request comes in `answer`, and the first attempt may run
   * meanwhile: only a credential the API refuses stops the run, and such a credential cannot spend money
   * either, so the attempt is stopped as soon as the answer is 'stop' (or 'switched', to start again with
   * `fallback-api-key`). `skipAnswer` drops the answer when the attempt succeeded before the API answered.
   * `alongside`: an attempt runs while the answer is awaited.
   */
  async startPreflight(alongside: boolean): Promise<{ stop: Diagnosis } | { answer: Promise<PreflightAnswer> }> {
    const go = { answer: Promise.resolve<PreflightAnswer>('go') }
    if (this.setup.provider) {
      this.note(`Claude Code uses ${this.report.provider}: the Anthropic API checks are skipped.`)
      return go
    }
    if (!this.options.preflight) {
      this.note('preflight is off: the credential was not checked before the first attempt.')
      return go
    }
    if (!this.current && (await this.ownLogin())) return go
    const credential = this.current
    const problem = await this.localCheck(credential)
    if (problem) return (await this.stopOrSwitch(problem)) === 'stop' ? { stop: problem } : go
    if (!credential) return go
    return { answer: this.apiAnswer(credential, alongside) }
  }

  /** Ends the wait for the preflight's API answer: the first attempt succeeded without it. */
  skipAnswer(): void {
    if (!this.answerPending || this.answerSkipped.signal.aborted) return
    this.answerSkipped.abort()
    this.note('Preflight: attempt 1 succeeded before the API answered, so the answer was not needed.')
  }

  private async apiAnswer(credential: Credential, alongside: boolean): Promise<PreflightAnswer> {
    this.answerPending = true
    const problem = await this.probeCheck(credential, this.answerSkipped.signal)
    this.answerPending = false
    // A skipped answer comes back as no problem.
    if (!problem) return 'go'
    const answer = await this.stopOrSwitch(problem)
    if (answer === 'stop' && alongside) this.report.stoppedAttempt = true
    return answer
  }

  /** A credential that cannot work: the fallback key when it helps, or the run stops. */
  private async stopOrSwitch(problem: Diagnosis): Promise<PreflightAnswer> {
    if (await this.switchToFallback(problem.cause, problem.evidence, 0)) return 'switched'
    this.report.stop = problem
    return 'stop'
  }

  /** With no credential set: whether Claude Code is logged in by itself, and so runs with that login. */
  private async ownLogin(): Promise<boolean> {
    const login = await this.asks.login?.()
    if (!login?.loggedIn) return false
    this.report.login = describeLogin(login)
    this.note(`Credential: ${this.report.login}; the API checks that need a key are skipped.`)
    return true
  }

  /** Local checks, then (when `probe`) the free models request; a diagnosis when the credential cannot work. */
  private async check(credential: Credential | undefined, probe: boolean): Promise<Diagnosis | undefined> {
    const problem = await this.localCheck(credential)
    if (problem || !credential || !probe) return problem
    return this.probeCheck(credential)
  }

  /** The checks that need no network; a diagnosis when they show the credential cannot work. */
  private async localCheck(credential: Credential | undefined): Promise<Diagnosis | undefined> {
    const findings = credential
      ? checkCredential(credential)
      : missingCredentialFindings(await this.asks.event?.(), this.asks.where)
    this.report.checks.push({ credential: credential?.source ?? 'none', findings })
    for (const finding of findings.filter((f) => f.severity === 'warning')) this.log.warning(finding.text)
    const errors = findings.filter((finding) => finding.severity === 'error')
    if (errors.length === 0) return undefined
    return { cause: errors[0].cause, evidence: findings.map((finding) => ({ source: 'preflight', text: finding.text })) }
  }

  /** The free models request; a diagnosis when the API refuses the credential. Nothing is kept once `skipped`. */
  private async probeCheck(credential: Credential, skipped?: AbortSignal): Promise<Diagnosis | undefined> {
    const signal =
      this.target.signal && skipped ? AbortSignal.any([this.target.signal, skipped]) : (skipped ?? this.target.signal)
    const result = await probeModels(credential, { ...this.target, signal, timeoutMs: PREFLIGHT_TIMEOUT_MS })
    if (skipped?.aborted) return undefined
    this.report.probes.push({ ...result, purpose: 'preflight' })
    this.log.info(`Preflight: ${describeProbe(result)}`)
    if (result.status === undefined)
      this.log.warning(`Preflight could not reach the API; the run goes on. ${describeProbe(result)}`)
    return preflightDiagnosis(result, credential)
  }

  /** The preflight asked the API and got no answer at all: the network, not the key, is in question. */
  get apiUnreachable(): boolean {
    return this.report.probes.some((probe) => probe.purpose === 'preflight' && probe.status === undefined)
  }

  /** Switches the remaining attempts to `fallback-api-key` when it helps, it is set, and it passes its checks. */
  private async switchToFallback(cause: CauseId, evidence: Evidence[], afterAttempt: number): Promise<boolean> {
    const { fallback } = this.setup
    if (!fallback || this.current === fallback || causeOf(cause).retry !== 'other-credential') return false
    const fallbackProblem = await this.check(fallback, this.options.preflight)
    if (fallbackProblem) {
      const text = `fallback-api-key was not used: ${causeOf(fallbackProblem.cause).title} (${fallbackProblem.cause}).`
      evidence.push({ source: 'preflight', text })
      this.note(text)
      return false
    }
    const from = this.current?.source ?? 'no credential'
    this.current = fallback
    this.report.switchedToFallback = { afterAttempt, cause }
    const when = afterAttempt === 0 ? 'all attempts use' : `the attempts after attempt ${afterAttempt} use`
    this.log.warning(`${causeOf(cause).title} (${cause}) with ${from}: ${when} fallback-api-key.`)
    return true
  }

  private async verifyCredit(afterAttempt: number): Promise<CreditVerification> {
    if (this.setup.provider) return { kind: 'not-possible', reason: `Claude Code uses ${this.report.provider}` }
    const credential = this.current
    if (!credential) {
      return {
        kind: 'not-possible',
        reason: this.report.login ? `Claude Code is ${this.report.login}, not a key` : 'no credential is set',
      }
    }
    const earlier = this.verifications.get(credential.source)
    if (earlier) return earlier
    const probe = await probeCredit(credential, this.options.probeModel, { ...this.target, timeoutMs: CREDIT_PROBE_TIMEOUT_MS })
    this.report.probes.push({ ...probe, purpose: 'credit', afterAttempt })
    this.log.info(`Credit check: ${describeProbe(probe)}`)
    const verification: CreditVerification = { kind: 'probed', probe, afterAttempt }
    this.verifications.set(credential.source, verification)
    return verification
  }

  /**
   * Refines an attempt's diagnosis by what the credentials tell (the credit check, the kind of credential
   * that was refused), and switches to the fallback key when it can help.
   */
  async review(diagnosis: Diagnosis, attemptNumber: number): Promise<Review> {
    let refined = refineForCredential(diagnosis, this.current)
    if (refined.cause === 'credit-balance-low' && this.options.verifyCredit) {
      refined = refineCreditDiagnosis(refined, await this.verifyCredit(attemptNumber))
      if (refined.cause === 'credit-balance-low') this.unverifiedReason = refined.evidence.at(-1)?.text
    }
    // A key that shadows a subscription, or two different keys, explain credit errors: keep them as evidence.
    const conflicts: Evidence[] = CREDIT_CAUSES.includes(refined.cause)
      ? this.setup.conflicts.map((text) => ({ source: 'preflight', text }))
      : []
    const evidence = [...refined.evidence, ...conflicts]
    const withFallback = await this.switchToFallback(refined.cause, evidence, attemptNumber)
    this.updateFixFacts()
    return { diagnosis: { ...refined, evidence }, withFallback }
  }

  /**
   * Can the credential spend at all? One billed one-token request, as after a credit error; a diagnosis
   * when it cannot (an empty balance, a spend limit). For a diagnosis without a log to read.
   */
  async spendCheck(): Promise<Diagnosis | undefined> {
    if (!this.options.verifyCredit || !this.current || this.setup.provider) return undefined
    const refined = refineCreditDiagnosis({ cause: 'credit-balance-low', evidence: [] }, await this.verifyCredit(0))
    this.updateFixFacts()
    return refined.cause === 'credit-exhausted' || refined.cause === 'spend-limit' ? refined : undefined
  }

  /** What the fix of a credit cause depends on, from what the probes saw so far. */
  private updateFixFacts(): void {
    this.report.fixFacts = {
      organizationId: this.report.probes.findLast(
        (probe) => probe.credential === this.current?.source && probe.organizationId !== undefined,
      )?.organizationId,
      keyShadowsSubscription:
        this.current?.kind === 'api-key' && this.setup.present.some((credential) => credential.kind === 'oauth-token'),
      fallbackSet: this.setup.fallback !== undefined,
      unverifiedReason: this.options.verifyCredit ? this.unverifiedReason : 'verify-credit is off',
    }
  }
}

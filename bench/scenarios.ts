// The scenarios: what the mock API does, which arms run against it, and the figures kept.
import { join } from 'node:path'
import { overloadedFor, sequence, tokenBucket, type Reply, type Script } from '../src/demo/mock-api.ts'
import {
  PROMPT,
  runClaudeAlone,
  runNaiveLoop,
  runNodeAlone,
  runOurs,
  runPlainStep,
  runRetryStep,
  type ArmOptions,
  type ArmRun,
} from './arms.ts'
import { closedPort } from '../test/support/claude-recorder.ts'
import { interleave } from './measure.ts'
import { compared, type Bench, type Row, type Scenario } from './results.ts'
import { measureSavedLogs } from './saved-log.ts'
import { measureStartup } from './startup.ts'

interface MockedRun extends ArmRun {
  /** Model calls Claude Code sent (the SDK's probes not counted). */
  modelCalls: number
  rateLimited: number
}

/** A run that was killed or left no outputs shows the end of its output, to see what went wrong. */
function reportBroken(bench: Bench, run: ArmRun): void {
  if (run.exitCode === null || run.verdict.includes('without outputs')) bench.progress(`  last output:\n${run.tail.slice(-600)}`)
}

/** Gives the mock a fresh script and an empty request log, then runs `arm` against it. */
async function againstMock(bench: Bench, script: Script, arm: () => Promise<ArmRun>): Promise<MockedRun> {
  bench.api.setScript(script)
  bench.api.requests.length = 0
  const run = await arm()
  const { requests } = bench.api
  const mocked = {
    ...run,
    modelCalls: bench.api.messageCalls('claude-code').length,
    rateLimited: requests.filter((request) => request.reply === 'rate-limited').length,
  }
  bench.progress(`  ${mocked.seconds.toFixed(2)} s, ${mocked.verdict}, ${mocked.modelCalls} model call(s)`)
  reportBroken(bench, run)
  return mocked
}

/** How the runs of an arm ended, e.g. `ours: failure: api-key-invalid after 1 attempt(s) (5×)`. */
function verdicts(label: string, runs: readonly ArmRun[]): string {
  const counts = new Map<string, number>()
  for (const run of runs) counts.set(run.verdict, (counts.get(run.verdict) ?? 0) + 1)
  return `${label}: ${[...counts].map(([verdict, count]) => `${verdict} (${count}×)`).join(', ')}.`
}

interface VersusLoop {
  name: string
  mock: string
  figure: string
  script: () => Script
  /** How many baseline runs to pair with ours; the rest of ours run alone (a baseline of about 10 minutes). */
  baselineRuns?: number
  /** Environment for the baseline only (a shortened quick run). */
  baselineEnv?: Record<string, string>
  countCalls?: boolean
  notes?: string[]
}

/** Ours against the naive loop on the same mock behaviour, interleaved, seconds to the end of the step. */
function versusLoop(spec: VersusLoop): Scenario {
  return {
    name: spec.name,
    mock: spec.mock,
    run: async (bench) => {
      const options: ArmOptions = { apiUrl: bench.api.url }
      const baselineRuns = Math.min(bench.pairs, spec.baselineRuns ?? bench.pairs)
      const ours: MockedRun[] = []
      const loop: MockedRun[] = []
      for (let round = 0; round < bench.pairs; round++) {
        bench.progress(`${spec.name} ${round + 1}/${bench.pairs}: ours`)
        ours.push(await againstMock(bench, spec.script(), () => runOurs({ prompt: PROMPT }, options)))
        if (round >= baselineRuns) continue
        bench.progress(`${spec.name} ${round + 1}/${bench.pairs}: naive loop`)
        loop.push(await againstMock(bench, spec.script(), () => runNaiveLoop({ ...options, env: spec.baselineEnv })))
      }
      const seconds = (runs: MockedRun[]): number[] => runs.map((run) => run.seconds)
      const calls = (runs: MockedRun[]): number[] => runs.map((run) => run.modelCalls)
      const rows: Row[] = [{ ...compared(spec.figure, 's', seconds(ours), 'naive loop', seconds(loop), 'ratio'), headline: true }]
      if (spec.countCalls) rows.push(compared('model calls', 'calls', calls(ours), 'naive loop', calls(loop), 'ratio'))
      return { rows, notes: [...(spec.notes ?? []), verdicts('Ours', ours), verdicts('Naive loop', loop)] }
    },
  }
}

const creditError: Reply = { kind: 'credit' }
/** Claude Code's in-run 529 retries back off 0.5, 1, 2, 4, 8 s…: 10 s of overload costs it about five calls. */
const OVERLOAD_MS = 10_000
const HERD_JOBS = 20
/**
 * One call every 3 s after a burst of 3: the 20 jobs need 51 s of refills, longer than Claude Code's own
 * in-run retries last (10 retries at the 3 s retry-after, about 30 s), so later jobs need a retry layer.
 */
const BUCKET = { capacity: 3, secondsPerCall: 3 }
const CHATTY_LINE = 'x'.repeat(99)
const STUB_CLAUDE = join(import.meta.dirname, 'stub-claude.sh')

function invalidKey(quick: boolean): Scenario {
  return versusLoop({
    name: 'invalid key',
    mock: '401 on every call',
    figure: 'seconds to a failed step',
    script: () => () => ({ kind: 'unauthorized' }),
    baselineRuns: 1,
    baselineEnv: quick ? { CLAUDE_CODE_MAX_RETRIES: '1' } : undefined,
    notes: [
      quick
        ? 'Quick mode: the loop ran with CLAUDE_CODE_MAX_RETRIES=1, so its figure is far shorter than a real one.'
        : "The loop pays Claude Code's ~3 minutes of in-run 401 retries three times (about 10 minutes), so it ran once, paired with the first run of ours.",
    ],
  })
}

const happyPath: Scenario = {
  name: 'happy path',
  mock: 'success',
  run: async (bench) => {
    const options: ArmOptions = { apiUrl: bench.api.url }
    const success: Script = () => ({ kind: 'success' })
    const rounds = bench.quick ? bench.pairs : bench.pairs * 2
    const [ours, alone, loop, oursAroundStub, stubAlone, nodeAlone] = await interleave(rounds, [
      () => againstMock(bench, success, () => runOurs({ prompt: PROMPT }, options)),
      () => againstMock(bench, success, () => runClaudeAlone('closed', options)),
      () => againstMock(bench, success, () => runNaiveLoop(options)),
      () => runOurs({ prompt: PROMPT, 'claude-path': STUB_CLAUDE }, options),
      () => runPlainStep(STUB_CLAUDE, options),
      () => runNodeAlone(options),
    ])
    const ms = (runs: ArmRun[]): number[] => runs.map((run) => run.seconds * 1000)
    return {
      rows: [
        {
          ...compared('wall time, ours vs the CLI alone (stdin closed)', 'ms', ms(ours), 'CLI alone', ms(alone), 'added'),
          headline: true,
        },
        compared('wall time, ours vs the loop (stdin open)', 'ms', ms(ours), 'naive loop', ms(loop), 'ratio'),
        {
          ...compared(
            'wall time around a stub CLI (canned success)',
            'ms',
            ms(oursAroundStub),
            'stub alone',
            ms(stubAlone),
            'added',
          ),
          headline: true,
        },
        compared(
          'wall time of node on an empty module (what any JavaScript action pays to start)',
          'ms',
          ms(nodeAlone),
          'stub alone',
          ms(stubAlone),
          'added',
        ),
      ],
      notes: [
        'The CLI alone runs with the arguments the action gives it (`-p … --output-format stream-json --verbose`) and stdin closed, as the action runs it; the added time is the wrapper overhead.',
        "The stub row runs the action with `claude-path` set to bench/stub-claude.sh, which prints a canned stream-json success at once: the added time is the wrapper's own cost, free of Claude Code's start-up variance.",
        "The empty-module row runs `node bench/empty.js` as the action is run: the part of the stub row's added time that is node's own start-up (the runner starts a `node24` action the same way), which no code of the action can save.",
        "The loop runs `claude -p` with stdin open, as a plain step leaves it: Claude Code then waits ~3 s for stdin before it starts (it prints 'no stdin data received in 3s').",
        verdicts('Ours', ours),
      ],
    }
  },
}

const chatty: Scenario = {
  name: 'chatty run',
  mock: 'none (`command` prints 100-byte lines)',
  run: async (bench) => {
    const bytes = bench.quick ? 64 * 2 ** 20 : 2 ** 30
    const command = `yes '${CHATTY_LINE}' | head -c ${bytes}`
    const options: ArmOptions = { apiUrl: bench.api.url, peakMemory: true }
    const [ours, plain] = await interleave(bench.pairs, [
      async () => {
        bench.progress(`chatty run: ours (${bytes / 2 ** 20} MiB)`)
        const run = await runOurs({ command }, options)
        bench.progress(`  ${run.seconds.toFixed(2)} s, ${run.verdict}, peak RSS ${run.peakRssMiB?.toFixed(0)} MiB`)
        reportBroken(bench, run)
        return run
      },
      async () => {
        bench.progress('chatty run: plain step')
        return runPlainStep(command, options)
      },
    ])
    const relayedMiB = (runs: ArmRun[]): number[] => runs.map((run) => run.stdoutBytes / 2 ** 20)
    const throughput = (runs: ArmRun[]): number[] => runs.map((run) => run.stdoutBytes / 2 ** 20 / run.seconds)
    const seconds = (runs: ArmRun[]): number[] => runs.map((run) => run.seconds)
    return {
      rows: [
        {
          ...compared(
            'throughput (job log relayed per second)',
            'MiB/s',
            throughput(ours),
            'plain step',
            throughput(plain),
            'ratio',
          ),
          headline: true,
        },
        compared('seconds', 's', seconds(ours), 'plain step', seconds(plain), 'ratio'),
        compared('job log relayed', 'MiB', relayedMiB(ours), 'plain step', relayedMiB(plain), 'ratio'),
        { figure: 'bytes printed by the command', unit: 'MiB', ours: ours.map(() => bytes / 2 ** 20) },
        {
          figure: 'bytes in the raw stream file',
          unit: 'MiB',
          ours: ours.map((run) => (run.streamFileBytes ?? Number.NaN) / 2 ** 20),
        },
        { figure: 'peak RSS of the action', unit: 'MiB', ours: ours.map((run) => run.peakRssMiB ?? Number.NaN), headline: true },
      ],
      notes: [
        `\`command: yes '<99 x>' | head -c ${bytes}\` (${bytes / 2 ** 20} MiB of 100-byte lines); the bench reads and discards the step's stdout as the runner would read it. Goals: at least half a plain step's throughput, peak RSS ≤ 150 MiB, every line in the job log (the log also carries the action's own lines, so it is a little larger than what was printed; \`test/reliability/output.test.ts\` checks line by line that nothing is missing, with a slow reader).`,
        verdicts('Ours', ours),
      ],
    }
  },
}

const herd: Scenario = {
  name: 'herd',
  mock: `${HERD_JOBS} jobs at once, one token bucket for all (${BUCKET.capacity} calls, then one per ${BUCKET.secondsPerCall} s), 429 with retry-after`,
  run: async (bench) => {
    const options: ArmOptions = { apiUrl: bench.api.url }
    const round = async (label: string, job: () => Promise<ArmRun>): Promise<MockedRun> => {
      bench.progress(`herd: ${HERD_JOBS} × ${label}`)
      const started = performance.now()
      const run = await againstMock(bench, tokenBucket(BUCKET.capacity, 1 / BUCKET.secondsPerCall), async () => {
        const jobs = await Promise.all(Array.from({ length: HERD_JOBS }, job))
        const failed = jobs.filter((one) => one.exitCode !== 0).length
        return {
          ...jobs[0],
          seconds: (performance.now() - started) / 1000,
          verdict: `${HERD_JOBS - failed} of ${HERD_JOBS} succeeded`,
        }
      })
      return run
    }
    const [ours, step] = await interleave(bench.pairs, [
      () => round('ours', () => runOurs({ prompt: PROMPT }, options)),
      () => round('retry step', () => runRetryStep(options)),
    ])
    const seconds = (runs: MockedRun[]): number[] => runs.map((run) => run.seconds)
    const limited = (runs: MockedRun[]): number[] => runs.map((run) => run.rateLimited)
    return {
      rows: [
        { ...compared('seconds until all jobs ended', 's', seconds(ours), 'retry step', seconds(step), 'ratio'), headline: true },
        { ...compared('429 replies in all', '429s', limited(ours), 'retry step', limited(step), 'ratio'), headline: true },
      ],
      notes: [
        'The retry step: 3 attempts, fixed 10 s wait, any non-zero exit.',
        verdicts('Ours', ours),
        verdicts('Retry step', step),
      ],
    }
  },
}

const startup: Scenario = { name: 'startup', mock: 'success', run: measureStartup }

const savedLog: Scenario = { name: 'saved log', mock: 'none: no API is called', run: measureSavedLogs }

/** The API cannot be reached at all: nothing listens where ANTHROPIC_BASE_URL points. */
const unreachable: Scenario = {
  name: 'unreachable API',
  mock: 'none: ANTHROPIC_BASE_URL points at a closed loopback port',
  run: async (bench) => {
    const runs: ArmRun[] = []
    for (let round = 0; round < bench.pairs; round++) {
      bench.progress(`unreachable API ${round + 1}/${bench.pairs}: ours, default inputs`)
      const run = await runOurs({ prompt: PROMPT }, { apiUrl: `http://127.0.0.1:${await closedPort()}` })
      bench.progress(`  ${run.seconds.toFixed(2)} s, ${run.verdict}`)
      runs.push(run)
    }
    return {
      rows: [
        { figure: 'seconds to a verdict (default inputs)', unit: 's', ours: runs.map((run) => run.seconds), headline: true },
      ],
      notes: [
        'Goal: network-error in under 30 s with the default inputs (3 attempts, 10 s apart). The preflight cannot connect, so each attempt is stopped at its first in-run retry that got no HTTP status; Claude Code alone retries a refused connection for about 3 minutes (182 s for 2.1.332, 191 s for 2.1.197, test/fixtures/*/unreachable.jsonl.meta.json).',
        verdicts('Ours', runs),
      ],
    }
  },
}

/** Every scenario, cheapest first, so a quick full run reports early. */
export function scenarios(quick: boolean): Scenario[] {
  return [
    startup,
    savedLog,
    happyPath,
    versusLoop({
      name: 'credit exhausted',
      mock: 'credit error on every call (the probe too)',
      figure: 'seconds to a verdict',
      script: () => () => creditError,
      notes: ['Goal: under 3 s, against ~40 s for the loop.'],
    }),
    versusLoop({
      name: 'credit false alarm',
      mock: "credit error on Claude Code's first 2 calls, then success (the probe succeeds)",
      figure: 'seconds to success',
      script: () => sequence(2, creditError),
    }),
    versusLoop({
      name: 'transient overload',
      mock: `529 for ${OVERLOAD_MS / 1000} s from the first call, then success`,
      figure: 'seconds to success',
      script: () => overloadedFor(OVERLOAD_MS),
      countCalls: true,
    }),
    chatty,
    herd,
    unreachable,
    invalidKey(quick),
  ]
}

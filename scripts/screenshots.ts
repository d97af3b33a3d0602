// Screenshots of what a person reads: runs the bundled action end to end against the mock Anthropic API
// (and a mock GitHub API for the pull request comment) in the scenarios that matter, renders each job
// summary and comment as GitHub does (GFM by markdown-it, GitHub's Markdown CSS), and photographs them
// with headless Chromium into docs/screenshots/. `npm run screenshots`; it skips, saying so, without
// Chromium. The GFM rendering and the visible text are exported for the tests, which need no browser.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'

export const root = join(import.meta.dirname, '..')
const require = createRequire(import.meta.url)

/** GitHub Flavored Markdown as GitHub renders a job summary or a comment: raw HTML passes (GitHub keeps `<details>`), URLs are linked. */
export const gfm = new MarkdownIt({ html: true, linkify: true })

export function renderGfm(markdown: string): string {
  return gfm.render(markdown)
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** The text a reader sees on the rendered page, without a DOM: tags dropped, entities decoded once. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(?:p|li|h[1-6]|tr|pre|summary|details|blockquote|table|ul|ol)>/gi, '\n')
    .replace(/<\/t[dh]>/gi, ' \t ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16))
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
      return ENTITIES[name.toLowerCase()] ?? entity
    })
}

/** A page that frames the rendered Markdown as GitHub does, in its light theme. */
export function page(title: string, markdown: string): string {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>0</title>
<style>${css}
body { margin: 0; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.frame { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.frame-head { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-size: 14px; font-weight: 600; color: #1f2328; }
.markdown-body { padding: 16px 24px 24px; }
details { margin-bottom: 8px; }
</style></head>
<body><div class="frame"><div class="frame-head">${title}</div><article class="markdown-body">
${renderGfm(markdown)}
</article></div>
<script>document.title = String(Math.ceil(document.documentElement.getBoundingClientRect().height))</script>
</body></html>
`
}

/** The scenarios named on the command line (`npm run screenshots -- success overloaded`); all when none are. */
const chosen = process.argv.slice(2)
const wanted = (name: string): boolean => chosen.length === 0 || chosen.includes(name)

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
const WIDTH = 1012

function chromium(args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'ccg-chromium-'))
  try {
    const run = spawnSync(
      CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    if (run.status !== 0) throw new Error(`chromium failed (${run.status}): ${run.stderr}`)
    return run.stdout
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

/** Photographs a page at its full height: one pass measures it, the next takes the picture. */
function screenshot(htmlFile: string, pngFile: string): void {
  const url = `file://${htmlFile}`
  const dom = chromium([`--window-size=${WIDTH},800`, '--dump-dom', url])
  const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1] ?? 2000)
  chromium([`--window-size=${WIDTH},${Math.min(Math.max(height, 200), 8000)}`, `--screenshot=${pngFile}`, url])
}

interface Shot {
  name: string
  /** What the screenshot shows, for the index. */
  caption: string
  frame: string
  markdown: string
}

async function scenarios(): Promise<Shot[]> {
  // Loaded here: the tests import this file for its rendering only.
  const { runAction } = await import('../test/support/run-action.ts')
  const { sequence, startMockApi } = await import('../src/demo/mock-api.ts')
  const { JOB_TOKEN_LOGIN, startMockGitHub } = await import('../test/support/mock-github.ts')
  const KEY = `sk-ant-api03-${'Scr33nsh0t'.repeat(9)}-7kQwAA`
  const api = await startMockApi()
  const github = await startMockGitHub()
  const dir = mkdtempSync(join(tmpdir(), 'ccg-shots-'))
  const event = (fork: boolean): string => {
    const path = join(dir, `event-${String(fork)}.json`)
    writeFileSync(
      path,
      JSON.stringify({
        pull_request: { number: 7, head: { repo: { fork, full_name: fork ? 'someone/widgets' : 'acme/widgets' } } },
        repository: { name: 'widgets', owner: { login: 'acme' } },
      }),
    )
    return path
  }
  /** A recorded claude-code-action v1.0.200 execution file, where that action leaves it. */
  const executionFile = (name: string): string => {
    const path = join(dir, 'claude-execution-output.json')
    copyFileSync(join(root, 'test', 'fixtures', 'claude-code-action-1.0.200', `${name}.json`), path)
    return path
  }
  const shots: Shot[] = []
  const ANSWER = [
    'I reviewed the pull request. Three things stand out:',
    '',
    '1. `parseConfig` now throws on an empty file; the caller in `cli.ts` does not catch it.',
    '2. The new retry loop waits 10 s even after the last attempt.',
    '3. `README.md` still documents the old `--timeout` flag.',
    '',
    'Everything else looks good: the tests cover the new paths and the types are tight.',
    'I would merge after fixing the first point.',
  ].join('\n')
  const runs: {
    name: string
    caption: string
    script: NonNullable<Parameters<typeof startMockApi>[0]>
    inputs?: Record<string, string>
    env?: Record<string, string | undefined>
    fork?: boolean
    /** A comment from an earlier failure that a success updates. */
    priorComment?: boolean
    /** Also photograph the summary with every fold opened. */
    unfold?: boolean
  }[] = [
    { name: 'success', caption: 'Success', script: () => ({ kind: 'success', text: ANSWER }), unfold: true },
    {
      name: 'credit-exhausted',
      caption: 'Credit exhausted, verified with a one-token request',
      script: (request) => (request.path.startsWith('/v1/models') ? { kind: 'success' } : { kind: 'credit' }),
      unfold: true,
    },
    {
      name: 'credit-false-alarm',
      caption: 'A false credit alarm, retried and recovered',
      script: sequence(1, { kind: 'credit' }, { kind: 'success', text: 'Done: the changelog is updated.' }),
      priorComment: true,
    },
    {
      name: 'overloaded',
      caption: 'API overloaded on every attempt: the run gives up',
      script: (request) => (request.client === 'sdk' ? { kind: 'success' } : { kind: 'overloaded' }),
      env: { CLAUDE_CODE_MAX_RETRIES: '1' },
    },
    {
      name: 'rate-limited',
      caption: 'A rate limit other jobs share: attempts stopped at the repeated 429, waits spread with jitter',
      script: (request) => (request.client === 'sdk' ? { kind: 'success' } : { kind: 'rate-limited', retryAfterSeconds: 1 }),
      inputs: { 'retry-wait-seconds': '1' },
      env: { CLAUDE_CODE_MAX_RETRIES: '2' },
    },
    {
      name: 'invalid-key',
      caption: 'An invalid API key, caught by the preflight before Claude Code reaches the API',
      script: () => ({ kind: 'unauthorized' }),
    },
    {
      name: 'missing-key-fork',
      caption: 'No key on a pull request from a fork',
      script: () => ({ kind: 'success' }),
      env: { ANTHROPIC_API_KEY: undefined },
      fork: true,
    },
    {
      name: 'diagnose',
      caption: 'mode: diagnose after a claude-code-action failure (its execution file shows a credit error, verified)',
      script: (request) => (request.path.startsWith('/v1/models') ? { kind: 'success' } : { kind: 'credit' }),
      inputs: { prompt: '', mode: 'diagnose', 'log-file': executionFile('credit') },
    },
    {
      name: 'subscription-near-limit',
      caption: 'A subscription run that succeeds with its five-hour window at 92%: the warning line and the tokens',
      script: () => ({ kind: 'success', text: ANSWER, unified: 'allowed_warning' }),
      inputs: { 'claude-code-oauth-token': `sk-ant-oat01-${'sCrEeNsHoT'.repeat(8)}-AA` },
      env: { ANTHROPIC_API_KEY: undefined },
    },
    {
      name: 'check-key',
      caption: 'mode: diagnose with a key and nothing else: the credential can spend',
      script: () => ({ kind: 'success' }),
      inputs: { prompt: '', mode: 'diagnose' },
    },
    {
      name: 'invalid-input',
      caption: 'An invalid input',
      script: () => ({ kind: 'success' }),
      inputs: { 'max-attempts': 'lots' },
    },
  ]
  try {
    for (const spec of runs.filter((run) => wanted(run.name))) {
      api.setScript(spec.script)
      github.comments.length = 0
      if (spec.priorComment) {
        github.comments.push({
          id: 1,
          body: '<!-- claude-code-guard:Review/claude -->\nfailed',
          html_url: 'https://github.com/c/1',
          user: { login: JOB_TOKEN_LOGIN },
        })
      }
      process.stdout.write(`running ${spec.name}…\n`)
      const run = await runAction({
        inputs: {
          prompt: 'Review this pull request',
          'retry-wait-seconds': '2',
          'comment-on-failure': spec.fork ? 'false' : 'true',
          'github-token': 'ghs_screenshotToken0123456789',
          ...spec.inputs,
        },
        env: {
          ANTHROPIC_API_KEY: KEY,
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event(spec.fork === true),
          GITHUB_RUN_ID: '4242',
          GITHUB_WORKFLOW: 'Review',
          GITHUB_JOB: 'claude',
          GITHUB_ACTIONS: 'true',
          ...spec.env,
        },
        apiUrl: api.url,
        timeoutMs: 120_000,
      })
      shots.push({ name: spec.name, caption: spec.caption, frame: 'Review / claude — summary', markdown: run.summary })
      if (spec.unfold) {
        shots.push({
          name: `${spec.name}-unfolded`,
          caption: `${spec.caption}, every fold opened`,
          frame: 'Review / claude — summary (folds opened)',
          markdown: run.summary.replace(/<details>/g, '<details open>'),
        })
      }
      const comment = github.comments.at(-1)
      if (comment && comment.body.startsWith('<!--')) {
        shots.push({
          name: `${spec.name}-comment`,
          caption: `${spec.caption}: the pull request comment`,
          frame: 'github-actions commented',
          markdown: comment.body,
        })
      }
    }
  } finally {
    await api.close()
    await github.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return shots
}

async function main(): Promise<void> {
  if (!CHROMIUM) {
    process.stdout.write(
      'Skipping the screenshots: Chromium is not installed (apt-get install chromium fonts-noto-color-emoji).\n',
    )
    return
  }
  if (!existsSync(join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run bundle` first.')
  const out = join(root, 'docs', 'screenshots')
  mkdirSync(out, { recursive: true })
  const work = mkdtempSync(join(tmpdir(), 'ccg-pages-'))
  try {
    for (const shot of await scenarios()) {
      const html = join(work, `${shot.name}.html`)
      writeFileSync(html, page(shot.frame, shot.markdown))
      screenshot(html, join(out, `${shot.name}.png`))
      process.stdout.write(`docs/screenshots/${shot.name}.png: ${shot.caption}\n`)
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()

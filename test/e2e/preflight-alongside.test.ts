// The preflight's API check runs while attempt 1 starts: the bundled action around a stub CLI and an API
// whose models list answers only once the stub has started (or never), so each ordering is made to happen
// by events, not by timing.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { runAction } from '../support/run-action.ts'
import { tempDir } from '../support/temp-dirs.ts'

const PRIMARY = `sk-ant-api03-${'Pr1mAry7'.repeat(11)}-9zQkAA`
const FALLBACK = `sk-ant-api03-${'FaLLb4ck'.repeat(11)}-3xWmAA`
const SUCCESS = [
  '{"type":"system","subtype":"init","session_id":"00000000-0000-4000-8000-000000000000","model":"claude-sonnet-4-5","tools":[]}',
  '{"type":"result","subtype":"success","is_error":false,"duration_ms":1,"num_turns":1,"result":"All good.","session_id":"00000000-0000-4000-8000-000000000000","total_cost_usd":0}',
]

type Answer = 'refuse once started' | 'accept' | 'never'

/** A stand-in for the API's models list, answering each key as told. */
async function modelsApi(answers: (key: string) => Answer, started: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    // The SDK sends an API key as a bearer token.
    const answer = answers(String(req.headers.authorization ?? '').replace(/^Bearer /, ''))
    if (answer === 'never') return
    const send = (): void => {
      if (answer === 'accept') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ data: [], has_more: false, first_id: null, last_id: null }))
        return
      }
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }))
    }
    if (answer === 'accept') return send()
    void (async () => {
      while (!existsSync(started)) await sleep(20)
      send()
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

/** A CLI that notes the key it got and that it started; with the primary key it then works for a long time. */
function stubCli(dir: string, primaryRuns: 'long' | 'succeed'): string {
  const path = join(dir, 'claude')
  writeFileSync(
    path,
    [
      '#!/usr/bin/env bash',
      `echo "\${ANTHROPIC_API_KEY: -6}" >> ${join(dir, 'keys')}`,
      `echo $$ >> ${join(dir, 'pids')}`,
      `touch ${join(dir, 'started')}`,
      ...(primaryRuns === 'long'
        ? [`if [ "$ANTHROPIC_API_KEY" = "${PRIMARY}" ]; then sleep 60; touch ${join(dir, 'finished')}; fi`]
        : []),
      ...SUCCESS.map((line) => `echo '${line}'`),
    ].join('\n'),
  )
  chmodSync(path, 0o755)
  return path
}

const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) server.close()
})

async function run(answers: (key: string) => Answer, primaryRuns: 'long' | 'succeed', inputs: Record<string, string> = {}) {
  const dir = tempDir('ccg-alongside-')
  const api = await modelsApi(answers, join(dir, 'started'))
  servers.push(api.server)
  const action = await runAction({
    inputs: { prompt: 'Say hello', 'claude-path': stubCli(dir, primaryRuns), ...inputs },
    env: { ANTHROPIC_API_KEY: PRIMARY },
    apiUrl: api.url,
  })
  const keys = existsSync(join(dir, 'keys')) ? readFileSync(join(dir, 'keys'), 'utf8').trim().split('\n') : []
  return { action, keys, finished: existsSync(join(dir, 'finished')) }
}

describe('the preflight alongside attempt 1', () => {
  it('stops attempt 1 at once when the API refuses the key, and reports the run as stopped by the check', async () => {
    const { action, keys, finished } = await run((key) => (key === PRIMARY ? 'refuse once started' : 'accept'), 'long')
    expect(keys).toEqual([PRIMARY.slice(-6)])
    expect(finished).toBe(false)
    expect(action.outputs).toMatchObject({ conclusion: 'failure', cause: 'api-key-invalid', attempts: '0' })
    expect(action.report?.credentials).toMatchObject({ stoppedAttempt: true })
    expect(action.summary).toContain(
      'The credential check found it while Claude Code was starting, and stopped Claude Code at once.',
    )
  })

  it('starts attempt 1 again with fallback-api-key when the API refuses the primary key', async () => {
    const { action, keys, finished } = await run((key) => (key === PRIMARY ? 'refuse once started' : 'accept'), 'long', {
      'fallback-api-key': FALLBACK,
    })
    expect(keys).toEqual([PRIMARY.slice(-6), FALLBACK.slice(-6)])
    expect(finished).toBe(false)
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    expect(action.report?.credentials).toMatchObject({ switchedToFallback: { afterAttempt: 0, cause: 'api-key-invalid' } })
  })

  it('does not wait for an answer a success no longer needs', async () => {
    const { action, keys } = await run(() => 'never', 'succeed')
    expect(keys).toEqual([PRIMARY.slice(-6)])
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    const credentials = action.report?.credentials as { probes: unknown[]; notes: string[] }
    expect(credentials.probes).toEqual([])
    expect(credentials.notes).toContain('Preflight: attempt 1 succeeded before the API answered, so the answer was not needed.')
    expect(action.stderr + action.stdout).not.toContain('could not reach the API')
    // The unanswered request's process was stopped with the attempt: the run did not sit out the 5 s timeout.
    expect(action.seconds).toBeLessThan(5)
  })

  it('leaves no probe process behind when the action itself is killed before the API answers', async () => {
    const dir = tempDir('ccg-alongside-')
    let asked = (): void => undefined
    let closed = (): void => undefined
    const requestArrived = new Promise<void>((resolve) => (asked = resolve))
    const requestClosed = new Promise<number>((resolve) => (closed = () => resolve(Date.now())))
    const server = createServer((req) => {
      asked()
      req.socket.once('close', closed)
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    let action: ChildProcess | undefined
    const finished = runAction({
      inputs: { prompt: 'Say hello', 'claude-path': stubCli(dir, 'long') },
      env: { ANTHROPIC_API_KEY: PRIMARY },
      apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      onStart: (child) => (action = child),
    })
    await requestArrived
    while (!existsSync(join(dir, 'started'))) await sleep(20)
    const killedAt = Date.now()
    action?.kill('SIGKILL')
    const closedAt = await requestClosed
    await finished
    // The attempt, in its own process group, outlives a SIGKILL of the action (the runner kills the tree).
    for (const pid of readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n')) process.kill(-Number(pid), 'SIGKILL')
    // The probe went with the action, when its channel to the action closed, not at its 5 s timeout (which
    // started before the kill, so half of it is the bound).
    expect(closedAt - killedAt).toBeLessThan(2500)
  })

  it('notes no skipped answer when there was no API check to wait for', async () => {
    const { action } = await run(() => 'never', 'succeed', { preflight: 'false' })
    expect(action.outputs).toMatchObject({ conclusion: 'success', attempts: '1' })
    expect(action.stdout).not.toContain('the answer was not needed')
  })
})

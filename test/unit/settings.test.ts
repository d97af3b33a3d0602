import { describe, expect, it } from 'vitest'
import { InputError, parseSettings, type InputFiles } from '../../src/settings/settings.ts'

const files: InputFiles = {
  readText: (path) => ({ 'prompt.md': 'Review the diff', 'empty.md': '  \n' })[path],
  isDirectory: (path) => path === '.' || path === 'sub',
}

const parse = (inputs: Record<string, string>) => parseSettings((name) => inputs[name] ?? '', files)

function inputError(inputs: Record<string, string>): InputError {
  try {
    parse(inputs)
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    const settings = parse({ prompt: 'hi' })
    expect(settings).toMatchObject({
      task: { kind: 'prompt', prompt: 'hi', claudeArgs: [], claudePath: 'claude' },
      maxAttempts: 3,
      retryWaitSeconds: 10,
      backoff: 'exponential',
      maxWaitSeconds: 300,
      retryOn: { kind: 'transient' },
      timeoutMs: 0,
      summary: 'always',
      workingDirectory: '.',
    })
    expect(settings.anthropicApiKey).toBeUndefined()
  })

  it('reads the matrix leg for the comment, and nothing outside a matrix', () => {
    expect(parse({ prompt: 'hi', matrix: '{"os":"ubuntu-latest","node":20}' }).comment.leg).toBe('os=ubuntu-latest, node=20')
    expect(parse({ prompt: 'hi', matrix: 'null' }).comment.leg).toBeUndefined()
    expect(parse({ prompt: 'hi' }).comment.leg).toBeUndefined()
    expect(inputError({ prompt: 'hi', matrix: '{os: ubuntu}' }).input).toBe('matrix')
    expect(inputError({ prompt: 'hi', matrix: '[1,2]' }).message).toContain('a JSON object')
  })

  it('reads mode: diagnose with or without a log-file, and refuses a log-file or a prompt where they do not belong', () => {
    expect(parse({ mode: 'diagnose', 'log-file': 'out.json' }).task).toEqual({ kind: 'diagnose', logFile: 'out.json' })
    expect(parse({ mode: 'DIAGNOSE' }).task).toEqual({ kind: 'diagnose' })
    expect(inputError({ mode: 'diagnose', command: 'claude -p hi' }).input).toBe('mode')
    expect(inputError({ prompt: 'hi', 'log-file': 'out.json' }).message).toContain("set 'mode: diagnose'")
    expect(inputError({ mode: 'watch', prompt: 'hi' }).message).toBe(`Input 'mode' is "watch": use one of 'run', 'diagnose'.`)
  })

  it('reads the credential inputs: checks on, probe model claude-haiku-4-5 unless set', () => {
    const defaults = parse({ prompt: 'hi' })
    expect(defaults).toMatchObject({ preflight: true, verifyCredit: true, probeModel: 'claude-haiku-4-5' })
    expect(defaults.claudeCodeOauthToken).toBeUndefined()
    expect(defaults.fallbackApiKey).toBeUndefined()
    const set = parse({
      prompt: 'hi',
      'claude-code-oauth-token': 'sk-ant-oat01-x',
      'fallback-api-key': 'sk-ant-api03-y',
      preflight: 'FALSE',
      'verify-credit': 'false',
      'probe-model': 'claude-sonnet-4-5',
    })
    expect(set).toMatchObject({
      claudeCodeOauthToken: 'sk-ant-oat01-x',
      fallbackApiKey: 'sk-ant-api03-y',
      preflight: false,
      verifyCredit: false,
      probeModel: 'claude-sonnet-4-5',
    })
  })

  it('splits claude-args like a shell, keeping quoted words and `$` literal', () => {
    const settings = parse({
      prompt: 'hi',
      'claude-args': `--model claude-sonnet-4-5 --append-system-prompt "be brief" --x '$HOME'`,
    })
    expect(settings.task).toMatchObject({
      claudeArgs: ['--model', 'claude-sonnet-4-5', '--append-system-prompt', 'be brief', '--x', '$HOME'],
    })
  })

  it('reads the prompt from prompt-file', () => {
    expect(parse({ 'prompt-file': 'prompt.md' }).task).toMatchObject({
      kind: 'prompt',
      prompt: 'Review the diff',
    })
  })

  it('runs a command as its own task', () => {
    expect(parse({ command: 'make review' }).task).toEqual({ kind: 'command', command: 'make review' })
  })

  it('accepts decimal minutes and a list of causes', () => {
    const settings = parse({ prompt: 'hi', 'timeout-minutes': '0.5', 'retry-on': 'overloaded, rate-limited' })
    expect(settings.timeoutMs).toBe(30_000)
    expect(settings.retryOn).toEqual({ kind: 'causes', causes: ['overloaded', 'rate-limited'] })
  })

  it.each([
    [{}, 'prompt', /give one of 'prompt', 'prompt-file' or 'command'/],
    [{ prompt: '   ' }, 'prompt', /give one of/],
    [{ prompt: 'a', command: 'b' }, 'command', /only one of/],
    [{ 'prompt-file': 'missing.md' }, 'prompt-file', /does not exist/],
    [{ 'prompt-file': 'empty.md' }, 'prompt-file', /empty/],
    [{ prompt: 'a', 'max-attempts': '0' }, 'max-attempts', /whole number from 1 to 10/],
    [{ prompt: 'a', 'max-attempts': '11' }, 'max-attempts', /from 1 to 10/],
    [{ prompt: 'a', 'max-attempts': '2.5' }, 'max-attempts', /whole number/],
    [{ prompt: 'a', 'max-attempts': 'three' }, 'max-attempts', /"three"/],
    [{ prompt: 'a', 'retry-wait-seconds': '-1' }, 'retry-wait-seconds', /from 0/],
    [{ prompt: 'a', backoff: 'linear' }, 'backoff', /'exponential', 'fixed'/],
    [{ prompt: 'a', 'retry-on': 'overloaded,typo' }, 'retry-on', /unknown cause 'typo'/],
    [{ prompt: 'a', summary: 'sometimes' }, 'summary', /'always', 'on-failure', 'never'/],
    [{ prompt: 'a', 'timeout-minutes': '1e3' }, 'timeout-minutes', /number from 0 to 360/],
    [{ prompt: 'a', 'working-directory': 'nowhere' }, 'working-directory', /does not exist/],
    [{ prompt: 'a', 'claude-args': '--x | tee out' }, 'claude-args', /no shell operators/],
    [{ prompt: 'a', preflight: 'yes' }, 'preflight', /is "yes": use 'true' or 'false'\./],
    [{ prompt: 'a', 'verify-credit': 'off' }, 'verify-credit', /use 'true' or 'false'/],
    [{ prompt: 'a', 'probe-model': 'claude haiku' }, 'probe-model', /use a model id such as claude-haiku-4-5/],
    [{ prompt: 'a', 'claude-args': '--output-format=json' }, 'claude-args', /remove '--output-format=json'/],
  ])('rejects %j naming %s', (inputs, input, message) => {
    const error = inputError(inputs)
    expect(error.input).toBe(input)
    expect(error.message).toContain(`'${input}'`)
    expect(error.message).toMatch(message)
  })
})

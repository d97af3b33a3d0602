import { describe, expect, it } from 'vitest'
import { MIN_PIECE, Redactor } from '../../src/secrets/redact.ts'

const KEY = 'sk-ant-api03-Zq8vT2kLm9Xw4Rb7Yc1Nd6Hf3Jp5Gs0Ua'

function redactorWith(...secrets: string[]): Redactor {
  const redactor = new Redactor()
  for (const secret of secrets) redactor.add(secret)
  return redactor
}

describe('Redactor', () => {
  it('removes a known secret wherever it appears, also trimmed', () => {
    const redactor = new Redactor()
    redactor.add('my-custom-token-123\n')
    expect(redactor.redact('a my-custom-token-123 b my-custom-token-123')).toBe('a *** b ***')
  })

  it('cuts any Anthropic-shaped token to its prefix, known or not', () => {
    const redactor = new Redactor()
    expect(redactor.redact('key=sk-ant-api03-AbC_dEf-123456 and sk-ant-oat01-zzzzzzzzzz')).toBe('key=sk-ant-*** and sk-ant-***')
  })

  it('leaves short values alone so ordinary words survive', () => {
    const redactor = new Redactor()
    redactor.add('abc')
    expect(redactor.redact('abc def')).toBe('abc def')
  })

  it('redacts every string inside a nested value', () => {
    const redactor = new Redactor()
    redactor.add('secret-value-42')
    expect(redactor.redactDeep({ a: ['x secret-value-42'], b: { c: 'secret-value-42' } })).toEqual({
      a: ['x ***'],
      b: { c: '***' },
    })
  })

  it(`removes any piece of ${MIN_PIECE} or more characters of a known secret, and leaves shorter ones`, () => {
    const redactor = redactorWith(KEY)
    const piece = KEY.slice(20, 20 + MIN_PIECE)
    expect(redactor.redact(`a ${piece} b`)).toBe('a *** b')
    expect(redactor.redact(`a ${piece.slice(1)} b`)).toBe(`a ${piece.slice(1)} b`)
    // The kind prefix is the same in every key: text that quotes it is not a secret.
    expect(redactor.redact('keys start with sk-ant-api03')).toBe('keys start with sk-ant-api03')
  })

  it('leaves a piece with few different characters alone, but never a whole secret', () => {
    const redactor = redactorWith('sk-ant-api03-E2E-test-key-0000000000000000000000000000-abcd', 'aaaaaaaaaaaaaaaa')
    expect(redactor.redact('"total_cost_usd":0.00016800000000000002')).toBe('"total_cost_usd":0.00016800000000000002')
    expect(redactor.redact('x aaaaaaaaaaaaaaaa y, and aaaaaaaaaaaaaaa')).toBe('x *** y, and aaaaaaaaaaaaaaa')
    expect(redactor.redactBytes(Buffer.from('cost 0.00016800000000000002\n')).toString()).toBe('cost 0.00016800000000000002\n')
  })

  it('finds a known key however it is formatted: colours, control characters, zero-width and wrapped', () => {
    const redactor = redactorWith(KEY)
    const cut = (by: string): string => `${KEY.slice(0, 15)}${by}${KEY.slice(15, 24)}${by}${KEY.slice(24)}`
    for (const by of ['\x1b[01;31m\x1b[K', '\x1b[m', '\0', '\b', '\u200b', '\ufeff', ' ']) {
      expect(redactor.redact(`key: ${cut(by)} end`), JSON.stringify(by)).toBe('key: *** end')
    }
    // Across lines the lines stay, so a tail keeps its count of lines.
    expect(redactor.redact(`key: ${cut('\n')}\nnext`)).toBe('key: ***\n***\n***\nnext')
    expect(redactor.redactDeep({ tail: [`key: ${KEY.slice(0, 30)}`, `${KEY.slice(30)} end`] })).toEqual({
      tail: ['key: ***', '*** end'],
    })
  })

  it('finds an unknown token through colours, but never across a space or a line break', () => {
    const redactor = new Redactor()
    expect(redactor.redact('sk-ant\x1b[m-api03-\x1b[1mabcdef123\x1b[0m!')).toBe('sk-ant\x1b[m-***\x1b[0m!')
    expect(redactor.redact('sk-ant- prefix and sk-ant-api\nsk-ant-abc def')).toBe('sk-ant- prefix and sk-ant-api\nsk-ant-abc def')
  })

  it('reads a JSON escape as what it stands for, as stream-json writes a colour inside a key', () => {
    const redactor = redactorWith(KEY)
    expect(redactor.redact(`"${KEY.slice(0, 20)}\\u001b[31m${KEY.slice(20)}"`)).toBe('"***"')
    expect(redactor.redact('"sk-ant-\\u0061pi03-abcdef" and "a\\\\u0061"')).toBe('"sk-ant-***" and "a\\\\u0061"')
  })

  it('scans a line of many MiB of token characters without running out of stack', () => {
    const redactor = redactorWith(KEY)
    const line = `sk-ant-${'a'.repeat(6 * 1024 * 1024)}`
    expect(redactor.redact(line).startsWith('sk-ant-***')).toBe(true)
    expect(
      redactor
        .redactBytes(Buffer.from(`${line}\n`))
        .subarray(0, 10)
        .toString(),
    ).toBe('sk-ant-***')
  })

  it('passes clean bytes on as the same buffer, and redacts a piece found in bytes', () => {
    const redactor = redactorWith(KEY)
    const clean = Buffer.from('x'.repeat(99) + '\n')
    expect(redactor.redactBytes(clean)).toBe(clean)
    const coloured = Buffer.from('\x1b[32mok\x1b[0m\n')
    expect(redactor.redactBytes(coloured)).toBe(coloured)
    expect(redactor.redactBytes(Buffer.from(`x ${KEY.slice(14, 40)} y\n`)).toString()).toBe('x *** y\n')
    for (let at = 0; at < 9; at++) {
      const text = `${'.'.repeat(at)}${KEY.slice(25, 25 + MIN_PIECE)}\n`
      expect(redactor.redactBytes(Buffer.from(text)).toString(), `offset ${at}`).toBe(`${'.'.repeat(at)}***\n`)
    }
  })
})

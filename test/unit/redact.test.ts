import { describe, expect, it } from 'vitest'
import { Redactor } from '../../src/secrets/redact.ts'

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
})

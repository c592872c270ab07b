import { describe, expect, it } from 'vitest'
import { terminalSafe, terminalSafeJson } from './terminal-safe.js'

const OSC_TITLE = '\u001b]0;pwned\u0007'
const SGR_RED = '\u001b[31m'
const CSI_C1 = '\u009b2J'

describe('terminalSafe', () => {
  it('shows C0, DEL and C1 controls as visible escapes', () => {
    expect(terminalSafe(`a${OSC_TITLE}b${SGR_RED}c${CSI_C1}\u007f`)).toBe('a\\x1b]0;pwned\\x07b\\x1b[31mc\\x9b2J\\x7f')
  })

  it('escapes line feeds and tabs in a cell, keeps them in a block with keepLayout', () => {
    expect(terminalSafe('a\nb\tc\r')).toBe('a\\nb\\tc\\r')
    expect(terminalSafe('a\nb\tc\r\u001b', { keepLayout: true })).toBe('a\nb\tc\\r\\x1b')
  })

  it('leaves printable text, accents, wide characters, Arabic, Hebrew and joined emoji alone', () => {
    const text = 'ok: café 証明書 ✓ \\x1b شهادة תעודה 👩\u200d💻'
    expect(terminalSafe(text)).toBe(text)
  })

  it('shows bidirectional controls as \\u escapes, so a name cannot be shown in another order than it is', () => {
    // An override that makes "moc.elpmaxe" look like "example.com", an isolate, and the marks.
    const spoofed = '\u202emoc.elpmaxe\u202c \u2066x\u2069 \u200e\u200f\u061c'
    expect(terminalSafe(spoofed)).toBe('\\u202emoc.elpmaxe\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c')
    expect(terminalSafe('a\u202eb\nc', { keepLayout: true })).toBe('a\\u202eb\nc')
  })
})

describe('terminalSafeJson', () => {
  it('writes DEL and C1 as \\u escapes: the same value, no raw control', () => {
    const value = { name: `x${CSI_C1}\u007f${OSC_TITLE}` }
    const json = terminalSafeJson(value, 2)
    expect(JSON.parse(json)).toEqual(value)
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  })

  it('writes bidirectional controls as \\u escapes too, keeping the value', () => {
    const value = { domain: '\u202emoc.elpmaxe', note: 'x\u2067y' }
    const json = terminalSafeJson(value)
    expect(JSON.parse(json)).toEqual(value)
    expect(json).toBe('{"domain":"\\u202emoc.elpmaxe","note":"x\\u2067y"}')
  })
})

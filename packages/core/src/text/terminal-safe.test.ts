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

  it('leaves printable text, accents and wide characters alone', () => {
    const text = 'ok: café 証明書 ✓ \\x1b'
    expect(terminalSafe(text)).toBe(text)
  })
})

describe('terminalSafeJson', () => {
  it('writes DEL and C1 as \\u escapes: the same value, no raw control', () => {
    const value = { name: `x${CSI_C1}\u007f${OSC_TITLE}` }
    const json = terminalSafeJson(value, 2)
    expect(JSON.parse(json)).toEqual(value)
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  })
})

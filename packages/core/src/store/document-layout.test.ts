import { describe, expect, it } from 'vitest'
import { joinDocument, parseHeaderLine, splitDocument } from './document-layout.js'

describe('document layout', () => {
  it('writes valid JSON with one list item per line and splits it back', () => {
    const lists = new Map([
      ['certificates', [JSON.stringify({ id: 'a', note: 'line\nbreak' }), JSON.stringify({ id: 'b' })]],
      ['empty', []],
      ['odd "key"', [JSON.stringify(1)]],
    ])
    const text = joinDocument({ header: JSON.stringify({ schemaVersion: 1, vault: null }), lists })
    expect(JSON.parse(text)).toEqual({
      schemaVersion: 1,
      vault: null,
      certificates: [{ id: 'a', note: 'line\nbreak' }, { id: 'b' }],
      empty: [],
      'odd "key"': [1],
    })
    expect(splitDocument(text)).toEqual({ header: JSON.stringify({ schemaVersion: 1, vault: null }), lists })
    expect(parseHeaderLine(text.slice(0, text.indexOf('\n')))).toEqual({ schemaVersion: 1, vault: null })
    expect(parseHeaderLine('{"schemaVersion":1,"certificates":[')).toBeUndefined()
  })

  it('declines any other layout', () => {
    expect(splitDocument(JSON.stringify({ schemaVersion: 1, certificates: [{ id: 'a' }] }, null, 2))).toBeUndefined()
    expect(splitDocument('{"schemaVersion":1\n,"certificates":[\n{"id":"a"}\n{"id":"b"}\n]\n}\n')).toBeUndefined()
    expect(splitDocument('{"schemaVersion":1\n,"certificates":[\n{"id":"a"}\n}\n')).toBeUndefined()
  })
})

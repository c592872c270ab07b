import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { StdinLines } from './stdin-lines.js'

describe('StdinLines', () => {
  it('returns lines in order, across chunks, without CR or LF, then null', async () => {
    const stream = new PassThrough()
    const lines = new StdinLines(stream)
    stream.write('first\r\nsec')
    stream.write('ond\nthird')
    stream.end()
    expect(await lines.next()).toBe('first')
    expect(await lines.next()).toBe('second')
    expect(await lines.next()).toBe('third')
    expect(await lines.next()).toBeNull()
  })

  it('keeps a multi-byte character split between chunks intact', async () => {
    const stream = new PassThrough()
    const lines = new StdinLines(stream)
    const bytes = Buffer.from('pässwört\n', 'utf8')
    stream.write(bytes.subarray(0, 2))
    stream.write(bytes.subarray(2))
    expect(await lines.next()).toBe('pässwört')
  })

  it('reads no further than the line it was asked for', async () => {
    const stream = new PassThrough()
    const lines = new StdinLines(stream)
    stream.write('one\n')
    expect(await lines.next()).toBe('one')
    // The stream stays open: a second line arrives only later and is still delivered.
    const pending = lines.next()
    stream.write('two\n')
    expect(await pending).toBe('two')
  })
})

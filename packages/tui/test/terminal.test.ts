import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, CURSOR_SHOW, enterFullScreen } from '../src/terminal.js'

describe('enterFullScreen', () => {
  it('enters the alternate screen and restores it exactly once, ending with the leave sequence', () => {
    const out = new PassThrough()
    let written = ''
    out.on('data', (chunk: Buffer) => {
      written += chunk.toString()
    })
    const screen = enterFullScreen(out as unknown as NodeJS.WriteStream)
    expect(written.startsWith(ALT_SCREEN_ON)).toBe(true)
    screen.restore()
    screen.restore()
    expect(screen.restored).toBe(true)
    expect(written.split(ALT_SCREEN_OFF)).toHaveLength(2)
    expect(written.endsWith(CURSOR_SHOW + ALT_SCREEN_OFF)).toBe(true)
  })
})

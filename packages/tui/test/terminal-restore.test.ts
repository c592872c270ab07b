import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { ALT_SCREEN_OFF, ALT_SCREEN_ON } from '../src/index.js'
import { PtyApp } from './helpers/pty-screen.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/tui-child.ts', import.meta.url))
const PACKAGE = fileURLToPath(new URL('../', import.meta.url))

let app: PtyApp | undefined
afterEach(() => app?.kill())

function start(mode: 'crash' | 'wait'): PtyApp {
  const env: Record<string, string> = { TERM: 'xterm-256color', PATH: process.env.PATH ?? '', NODE_ENV: 'production' }
  app = new PtyApp(process.execPath, ['--import', 'tsx', FIXTURE, mode], { cols: 100, rows: 30, cwd: PACKAGE, env })
  return app
}

/** Leaving the alternate screen is the last thing drawn: at most cursor-show sequences follow. */
function expectRestored(raw: string, before: string) {
  expect(raw).toContain(ALT_SCREEN_ON)
  const leave = raw.lastIndexOf(ALT_SCREEN_OFF)
  expect(leave).toBeGreaterThan(raw.lastIndexOf(before))
  expect(raw.slice(leave)).toMatch(/^\u001B\[\?1049l(\u001B\[\?25h)*/)
}

describe('runTui puts the terminal back', () => {
  it('on SIGTERM, exiting 143', async () => {
    const tui = start('wait')
    await tui.waitFor('Restore test', 20_000)
    tui.signal('SIGTERM')
    expect(await tui.exit()).toBe(143)
    expectRestored(tui.raw, 'q quit')
  })

  it('on an uncaught exception, saying what happened and exiting 1', async () => {
    const tui = start('crash')
    expect(await tui.exit(20_000)).toBe(1)
    expectRestored(tui.raw, 'q quit')
    const after = tui.raw.slice(tui.raw.lastIndexOf(ALT_SCREEN_OFF))
    expect(after).toContain('certdeck: the UI stopped on an unexpected error: Error: boom in a background task')
  })
})

import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, it, vi } from 'vitest'
import { TUI_NODE_FLAGS } from '../src/tui.js'
import { BIN } from './cli-harness.js'
import { PtySession } from './pty-session.js'

// The embedded sandbox starts first; on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 120_000 })

/** Ink draws nothing until exit when it believes it runs in CI; a person's terminal is not CI. */
function terminalEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    const dropped = key.startsWith('CERTDECK_') || key.startsWith('AWS_') || key === 'CI' || key === 'NODE_OPTIONS'
    if (value !== undefined && !dropped) env[key] = value
  }
  return { ...env, TERM: 'xterm-256color' }
}

const canExec = typeof process.execve === 'function' && existsSync('/proc/self/cmdline')

describe('certdeck without a command', () => {
  it.runIf(canExec)("runs the full-screen UI in the same process under the UI's Node flags", async () => {
    const tui = new PtySession(['--sandbox'], terminalEnv(), tmpdir())
    await tui.waitFor('CertDeck sandbox')
    const argv = readFileSync(`/proc/${tui.pid}/cmdline`, 'utf8').split('\0')
    expect(argv.slice(1, 1 + TUI_NODE_FLAGS.length)).toEqual([...TUI_NODE_FLAGS])
    expect(argv.slice(-2, -1)).toEqual(['--sandbox'])
    expect(argv).toContain(BIN)
    tui.type('q')
    expect(await tui.exit()).toBe(0)
  })
})

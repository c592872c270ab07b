import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, SEQ } from '../src/index.js'
import { PtyApp } from './helpers/pty-screen.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url))

let app: PtyApp | undefined
afterEach(() => app?.kill())

/** Ink draws nothing until exit when it believes it runs in CI; a person's terminal is not CI. */
const CI_VARIABLES = new Set(['CI', 'CONTINUOUS_INTEGRATION'])

/** The environment of a user who has never set CertDeck up, in an interactive terminal. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    const dropped = key.startsWith('CERTDECK_') || key.startsWith('AWS_') || key === 'NO_COLOR' || CI_VARIABLES.has(key)
    if (value !== undefined && !dropped) env[key] = value
  }
  return { ...env, TERM: 'xterm-256color' }
}

describe('certdeck --sandbox in a real terminal', () => {
  it('switches tabs, filters, discovers, deploys to two regions, quits and restores the terminal', async () => {
    expect(existsSync(BIN), `${BIN} is missing: run pnpm build first`).toBe(true)
    const tui = new PtyApp(process.execPath, [BIN, '--sandbox'], { cols: 100, rows: 30, cwd: ROOT, env: cleanEnv() })
    app = tui
    await tui.waitFor('www.demo.example', 30_000)
    const lines = () => tui.screen.lines()
    expect(lines()[0]).toBe('CertDeck sandbox │ credential: sandbox │ 2 certs · 0 in AWS · 0 deployed')

    // The read-only tabs list what the repository holds (nothing yet).
    tui.press('3')
    await tui.waitFor('No requests to ACM yet.')
    tui.press('5')
    await tui.waitFor('No DNS providers configured.')
    tui.press('4')
    await tui.waitFor(/^› \* sandbox +static/m)

    // AWS tab, empty until discovery.
    tui.press('2')
    await tui.waitFor('No cloud certificates known yet. Press d to discover ACM regions and IAM.')
    tui.press('d')
    await tui.waitFor('Regions (34 of 34)')
    tui.press(SEQ.enter)
    await tui.waitFor(/found \d+ · new \d+ · changed 0 · gone 0 · failed regions 0/, 30_000)
    expect(tui.screen.text()).toMatch(/✓ us-east-1 \d+/)
    expect(tui.screen.text()).toMatch(/✓ global \d+/)
    tui.press(SEQ.escape)
    await tui.waitFor(/^ {2}Domain +Region +Kind +Status +Use Expires +Drift$/m)
    const found = Number(/ (\d+) in AWS/.exec(lines()[0])?.[1])
    expect(found).toBeGreaterThan(10)

    // Live filter on the AWS tab.
    tui.press('/')
    for (const ch of 'eu-west-1') tui.press(ch)
    tui.press(SEQ.enter)
    await tui.waitFor('filter: eu-west-1 (Esc clears)')
    const rows = lines().slice(3).filter((l) => /\.example\.com/.test(l))
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((l) => l.includes(' eu-west-1 '))).toBe(true)

    // Deploy a demo certificate to two regions.
    tui.press('1')
    await tui.waitFor(/^› /m)
    tui.press('/')
    for (const ch of 'www.demo') tui.press(ch)
    tui.press(SEQ.enter)
    await tui.waitFor('filter: www.demo (Esc clears)')
    tui.press('d')
    await tui.waitFor('Deploy → AWS ACM: www.demo.example')
    await tui.waitFor('Regions (1 of 34)')
    tui.press(SEQ.tab, SEQ.right, SEQ.right, SEQ.right, SEQ.space)
    await tui.waitFor('Regions (2 of 34)')
    tui.press(SEQ.enter)
    await tui.waitFor('Dry run — nothing was changed. This would happen:', 20_000)
    expect(tui.screen.text()).toMatch(/✓ us-east-1 +import +would import/)
    expect(tui.screen.text()).toMatch(/✓ us-west-2 +import +would import/)
    tui.press(SEQ.enter)
    await tui.waitFor('Result: 2 imported', 20_000)
    expect(tui.screen.text()).toMatch(/✓ us-east-1 +imported/)
    expect(tui.screen.text()).toMatch(/✓ us-west-2 +imported/)
    tui.press(SEQ.escape)
    await tui.waitFor(/^› www\.demo\.example .* 2$/m)
    expect(lines()[0]).toMatch(/ · 2 deployed$/)

    // Quit: the process ends well and the last thing written leaves the alternate screen.
    tui.press('q')
    expect(await tui.exit()).toBe(0)
    expect(tui.raw).toContain(ALT_SCREEN_ON)
    // After leaving the alternate screen only cursor-show sequences may follow (Ink's cursor
    // helper writes one more at process exit): nothing is drawn on the user's screen.
    const tail = tui.raw.slice(tui.raw.lastIndexOf(ALT_SCREEN_OFF))
    expect(tail).toMatch(/^\u001B\[\?1049l(\u001B\[\?25h)*$/)
    expect(tui.raw.lastIndexOf(ALT_SCREEN_OFF)).toBeGreaterThan(tui.raw.lastIndexOf('q quit'))
  }, 120_000)
})

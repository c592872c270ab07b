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
    await tui.waitFor(/^› sandbox-route53 +route53 +sandbox/m)
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
    await tui.waitFor(/^ {2}Domain +Region +Kind +Status +Use Expires +Health Drift$/m)
    const found = Number(/ (\d+) in AWS/.exec(lines()[0])?.[1])
    expect(found).toBeGreaterThan(10)

    // The details pass ran in the background: the first row is used by a load balancer.
    await tui.waitFor(/Read what uses \d+ certificates and their renewal state\./, 30_000)
    await tui.waitFor(/^› admin\.example\.com +ap-northeast-1 +Amazon .* ✓ ok/m)
    tui.press(SEQ.enter)
    await tui.waitFor('admin.example.com — ap-northeast-1')
    tui.press('G')
    await tui.waitFor('Used by (1)')
    // The pane's lines can arrive in more than one write and lengthen it after G: wait for the
    // line, go to the end again, and wait for the resource's ARN under it, bounded.
    await tui.waitFor(/1 × +load balancer/)
    tui.press('G')
    await tui.waitFor(/arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:loadb/)
    tui.press(SEQ.escape)
    await tui.waitFor(/^ {2}Domain +Region +Kind +Status +Use Expires +Health Drift$/m)

    // Live filter on the AWS tab.
    tui.press('/')
    for (const ch of 'eu-west-1') tui.press(ch)
    tui.press(SEQ.enter)
    await tui.waitFor('filter: eu-west-1 (Esc clears)')
    const rows = lines()
      .slice(3)
      .filter((l) => /\.example\.com/.test(l))
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

  it('requests public (Route 53 and by hand) and private certificates, renews, retrieves the key and revokes, ' +
    'all by keys', async () => {
    expect(existsSync(BIN), `${BIN} is missing: run pnpm build first`).toBe(true)
    const tui = new PtyApp(process.execPath, [BIN, '--sandbox'], { cols: 100, rows: 30, cwd: ROOT, env: cleanEnv() })
    app = tui
    const type = (text: string) => {
      for (const ch of text) tui.press(ch)
    }
    await tui.waitFor('www.demo.example', 30_000)

    // A public certificate validated through the sandbox's Route 53 zone, through to issued.
    tui.press('3')
    await tui.waitFor('No requests to ACM yet.')
    tui.press('n')
    await tui.waitFor('Request a public certificate (ACM)')
    type('shop.example.com')
    await tui.waitFor('‹ sandbox-route53 (route53) — covers every name ›')
    tui.press(SEQ.enter)
    await tui.waitFor(/^› shop\.example\.com +public +us-east-1 +! deploy challenge +DNS +0\/1/m, 20_000)
    tui.press('c')
    await tui.waitFor('Deploy challenge: shop.example.com')
    await tui.waitFor(/✓ example\.com: 1 record in sync/, 30_000)
    await tui.waitFor(/Request \w+: ✓ issued/, 30_000)
    tui.press(SEQ.enter)
    await tui.waitFor(/^› shop\.example\.com +public +us-east-1 +✓ issued +DNS +1\/1/m)

    // One without a DNS provider: the records to create by hand.
    tui.press('n')
    await tui.waitFor('Request a public certificate (ACM)')
    type('manual.example.net')
    await tui.waitFor(/Domain name +manual\.example\.net/)
    await tui.waitFor('‹ none: I create the records (Sync records) ›')
    tui.press(SEQ.enter)
    await tui.waitFor(/^› manual\.example\.net +public +us-east-1 +! sync records/m, 20_000)
    tui.press('y')
    await tui.waitFor('Validation records for manual.example.net')
    await tui.waitFor(/^Name +_[0-9a-f]{32}\.manual\.example\.net$/m)
    expect(tui.screen.text()).toMatch(/^Type +CNAME$/m)
    expect(tui.screen.text()).toMatch(/^Value +_[0-9a-f]{32}\.\w+\.acm-validations\.aws$/m)
    tui.press(SEQ.escape)
    await tui.waitFor(/^ {2}Domain +Kind +Region +State/m)

    // A private certificate from the sandbox's Private CA.
    tui.press('p')
    await tui.waitFor(/Private CA +‹ CertDeck Sandbox Private CA 1 \(us-east-1\)/, 20_000)
    type('app.example.com')
    await tui.waitFor(/Domain name +app\.example\.com/)
    tui.press(SEQ.enter)
    await tui.waitFor(/^› app\.example\.com +private +us-east-1 +✓ issued/m, 30_000)

    // Renew it from the details menu of its repository entry.
    tui.press('1', '/')
    type('app.example')
    tui.press(SEQ.enter)
    await tui.waitFor(/^› app\.example\.com .* requested/m)
    tui.press('m')
    await tui.waitFor('Actions: app.example.com (us-east-1)')
    tui.press('r')
    await tui.waitFor('Renew app.example.com')
    tui.press('y')
    await tui.waitFor(/Renewal of app\.example\.com requested \(\w+\): see the Requests tab\./, 30_000)
    tui.press('3')
    await tui.waitFor(/app\.example\.com +renewal +us-east-1 +(✓ issued|… pending validation)/)

    // Retrieve its private key: sealed, never shown.
    tui.press('1', 'm')
    await tui.waitFor('Actions: app.example.com (us-east-1)')
    tui.press('p')
    await tui.waitFor('Retrieve the private key of app.example.com')
    expect(tui.screen.text()).toContain('AWS charges for each export')
    tui.press('y')
    await tui.waitFor('The private key of app.example.com is sealed in the vault (never shown).', 30_000)
    expect(tui.raw).not.toMatch(/BEGIN (ENCRYPTED )?PRIVATE KEY/)
    tui.press(SEQ.enter)
    await tui.waitFor('held (sealed in the vault)')
    tui.press(SEQ.escape)
    await tui.waitFor(/^› app\.example\.com/m)

    // Revoke it: reason chosen, domain typed; the AWS tab shows it revoked.
    tui.press('m')
    await tui.waitFor('Actions: app.example.com (us-east-1)')
    tui.press('v')
    await tui.waitFor('Revoke app.example.com')
    tui.press(SEQ.right, SEQ.tab)
    type('app.example.com')
    await tui.waitFor('✓ confirmed')
    tui.press(SEQ.enter)
    await tui.waitFor('Revoked app.example.com (key compromise).', 30_000)
    tui.press('2')
    await tui.waitFor(/^. app\.example\.com +us-east-1 +Private +REVOKED/m)

    // The audit log holds every step.
    tui.press('6')
    await tui.waitFor(/certificate\.revoke/)
    tui.press('q')
    expect(await tui.exit()).toBe(0)
  }, 180_000)
})

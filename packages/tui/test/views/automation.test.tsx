import { mkdtemp, rm } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CertDeck, initCertDeck, openCertDeck } from '@certdeck/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { renderApp } from '../helpers/render.js'

const PASS = 'a long enough master passphrase'

describe('Automation tab over the real notification and watch services', () => {
  let dir: string
  let deck: CertDeck
  let server: Server
  let url: string
  let posts: string[]
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdeck-tui-auto-'))
    await initCertDeck({ dataDir: join(dir, 'home'), passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    const opened = await openCertDeck({ dataDir: join(dir, 'home'), passphrase: PASS })
    // No cloud plugin here: empty AWS lists instead of their "needs a cloud provider" messages.
    deck = {
      ...opened,
      cloud: { ...opened.cloud, list: async () => [] },
      deployments: { ...opened.deployments, list: async () => [] },
      credentials: { ...opened.credentials, list: async () => [] },
    }
    posts = []
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        posts.push(body)
        res.end('thanks')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  })
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  })

  it('adds a webhook channel with the secret masked, tests it, runs the tasks and removes it, at 80×24', async () => {
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    expect(app.lines()[1]).toBe(' 1 Certificates  2 AWS  3 Requests  4 Credentials  5 DNS  6 Audit  7 Automation')
    await app.press('7')
    await app.waitFor(/task +refresh +never run/)
    expect(app.frame()).toMatch(/› rules +rules +both +— +— +30,14,7,1/)
    expect(app.lines().at(-1)).toMatch(/^a add {2}t test {2}x remove {2}e rules {2}w watch/)

    await app.press('a')
    await app.waitFor('Add a notification channel')
    await app.press(SEQ.right)
    await app.press(SEQ.tab)
    await app.type('hook')
    await app.press(SEQ.tab)
    await app.type('http://hooks.example.com/x')
    await app.press(SEQ.enter)
    await app.waitFor('plain http to another machine')
    expect(app.frame()).toContain('Add a notification channel')
    expect(await deck.notifications?.channels()).toEqual([])
    // The message is dismissed first; the dialog stays with what was typed, to be fixed.
    await app.press(SEQ.escape)
    await app.waitFor((frame) => !frame.includes('plain http to another machine'))
    for (let i = 0; i < 'http://hooks.example.com/x'.length; i++) await app.press(SEQ.backspace)
    await app.type(url)
    await app.press(SEQ.tab, SEQ.tab)
    await app.type('s3cret-sign')
    expect(app.frame()).not.toContain('s3cret-sign')
    await app.press(SEQ.enter)
    await app.waitFor('Added the webhook channel hook; t sends it a sample.')
    await app.waitFor(/channel +hook +webhook/)
    expect(app.frame()).not.toContain('s3cret-sign')

    await app.press('g', 't')
    await app.waitFor('hook accepted it: 200 OK: thanks')
    expect(JSON.parse(posts[0] ?? '{}')).toMatchObject({ source: 'certdeck', test: true })
    await app.press(SEQ.escape)

    await app.press('w')
    await app.waitFor(/3 task\(s\) run, 0 failed/)
    await app.waitFor(/task +notify +ok/)

    await app.press('g', 'x')
    await app.waitFor('Remove the notification channel hook?')
    await app.press('y')
    await app.waitFor('Removed the channel hook.')
    expect((await deck.notifications?.channels())?.map((c) => c.name)).toEqual([])
  })

  it('refuses thresholds that are not positive whole days, and saves good ones', async () => {
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('7', 'e')
    await app.waitFor('Notification rules')
    await app.type('30,0')
    await app.press(SEQ.enter)
    await app.waitFor('are not a list of positive whole days')
    expect((await deck.notifications?.rules())?.thresholds).toEqual([30, 14, 7, 1])
    await app.press(SEQ.escape)
    await app.waitFor((frame) => !frame.includes('positive whole days'))
    for (let i = 0; i < 4; i++) await app.press(SEQ.backspace)
    await app.type('21,3')
    await app.press(SEQ.enter)
    await app.waitFor('Rules saved: 21,3 days; ACM-renewed 7,1.')
    expect((await deck.notifications?.rules())?.thresholds).toEqual([21, 3])
  })
})

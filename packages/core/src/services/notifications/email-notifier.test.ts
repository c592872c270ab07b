import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inputFile, makeTestPki, type TestPki } from '../../testing/test-pki.js'
import { notificationHarness } from './notifications-test-kit.js'

const PASSWORD = 'smtp-Pa55word-never-shown'
const DAY = 86_400_000

interface Mailbox {
  server: SMTPServer
  port: number
  mails: ParsedMail[]
  secured: boolean[]
}

async function startSmtp(pki: TestPki): Promise<Mailbox> {
  const leaf = await pki.leaf({ commonName: 'localhost', sans: ['localhost'], keySlot: 3 })
  const box: Mailbox = { server: undefined as unknown as SMTPServer, port: 0, mails: [], secured: [] }
  box.server = new SMTPServer({
    secure: false,
    key: leaf.keyPem,
    cert: `${leaf.pem}\n${leaf.chainPem[0]}`,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, session, callback) {
      box.secured.push(session.secure)
      if (auth.username === 'certdeck' && auth.password === PASSWORD) callback(null, { user: 'certdeck' })
      else callback(new Error('535 5.7.8 Authentication credentials invalid'))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          box.mails.push(mail)
          callback()
        })
        .catch(callback)
    },
    logger: false,
  })
  await new Promise<void>((resolve) => box.server.listen(0, '127.0.0.1', resolve))
  box.port = (box.server.server.address() as AddressInfo).port
  return box
}

describe('email channel through a real SMTP server with STARTTLS', () => {
  let pki: TestPki
  let box: Mailbox | undefined
  beforeAll(async () => {
    pki = await makeTestPki({ name: 'SMTP Test' })
  })
  afterEach(async () => {
    await new Promise<void>((resolve) => (box ? box.server.close(() => resolve()) : resolve()))
    box = undefined
  })

  async function setup(password = PASSWORD) {
    box = await startSmtp(pki)
    const now = new Date()
    const h = notificationHarness(now)
    for (const [cn, days, slot] of [
      ['soon.example.test', 5, 1],
      ['later.example.test', 13, 2],
      ['fine.example.test', 200, 4],
    ] as const) {
      const leaf = await pki.leaf({ commonName: cn, keySlot: slot, notAfter: new Date(now.getTime() + days * DAY) })
      await h.service.import({ files: [inputFile('c.pem', leaf.pem)] })
    }
    await h.notifications.addChannel({
      kind: 'email',
      name: 'ops-mail',
      host: 'localhost',
      port: box.port,
      tls: 'starttls',
      user: 'certdeck',
      password,
      caPem: pki.root.pem,
      from: 'CertDeck <certdeck@example.test>',
      to: ['ops@example.test', 'oncall@example.test'],
    })
    return h
  }

  it('sends one digest with text and HTML parts over STARTTLS, once per threshold', async () => {
    const h = await setup()
    const first = await h.notifications.run()
    expect(first.deliveries).toMatchObject([{ channel: 'ops-mail', ok: true, events: 2 }])
    expect(box?.mails).toHaveLength(1)
    const mail = box?.mails[0] as ParsedMail
    expect(box?.secured).toEqual([true])
    expect(mail.subject).toBe('[CertDeck] 1 certificate expires within 7 days, 1 certificate expires within 14 days')
    const to = Array.isArray(mail.to) ? mail.to : [mail.to]
    expect(to.flatMap((t) => t?.value.map((v) => v.address))).toEqual(['ops@example.test', 'oncall@example.test'])
    expect(mail.text).toContain('- soon.example.test: expires in')
    expect(mail.html).toContain('<b>later.example.test</b>')
    expect(mail.text).not.toContain('fine.example.test')
    const stored = JSON.stringify(await h.store.read())
    for (const text of [mail.text ?? '', String(mail.html), stored, JSON.stringify(h.audit.events)])
      expect(text).not.toContain(PASSWORD)

    // Nothing new: nothing sent.
    expect((await h.notifications.run()).deliveries).toEqual([])
    expect(box?.mails).toHaveLength(1)

    // soon crosses 1 day: one more message, about it alone.
    h.clock.advanceDays(4.5)
    await h.notifications.run()
    expect(box?.mails).toHaveLength(2)
    expect(box?.mails[1]?.subject).toBe('[CertDeck] 1 certificate expires within 1 day')
  })

  it('a renewal resets the thresholds of its certificate', async () => {
    const h = await setup()
    await h.notifications.run()
    const soon = (await h.service.list({ search: 'soon.example.test' }))[0]
    const renewed = await pki.leaf({
      commonName: 'soon.example.test',
      keySlot: 1,
      notAfter: new Date(h.clock.now().getTime() + 6 * DAY),
    })
    await h.service.import({ files: [inputFile('r.pem', renewed.pem)] })
    expect((await h.service.get(soon?.id as string)).version).toBe(2)
    await h.notifications.run()
    expect(box?.mails.map((m) => m.subject)).toEqual([
      '[CertDeck] 1 certificate expires within 7 days, 1 certificate expires within 14 days',
      '[CertDeck] 1 certificate expires within 7 days, 1 certificate renewed',
    ])
  })

  it('notify test says plainly that the server refused the login, and nothing is marked sent', async () => {
    const h = await setup('a-wrong-password')
    const refused = await h.notifications.testChannel('ops-mail').catch((e: Error) => e.message)
    expect(refused).toMatch(/refused the login of certdeck/)
    const run = await h.notifications.run()
    expect(run.deliveries[0]).toMatchObject({ ok: false })
    expect((await h.store.read()).notificationsSent).toEqual([])
    expect(JSON.stringify(await h.notifications.log())).not.toContain('a-wrong-password')
    expect(box?.mails).toHaveLength(0)
  })
})

import { createHmac, timingSafeEqual } from 'node:crypto'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inputFile, makeTestPki, type TestPki } from '../../testing/test-pki.js'
import { notificationHarness } from './notifications-test-kit.js'

const SECRET = 'webhook-signing-secret-9f3a'
const DAY = 86_400_000

interface Post {
  readonly path: string
  readonly body: string
  readonly signature: string | undefined
}

describe('webhook and command channels', () => {
  let pki: TestPki
  let server: Server | undefined
  let posts: Post[]
  let answer: number
  let dir: string | undefined
  beforeAll(async () => {
    pki = await makeTestPki({ name: 'Hook Test' })
  })
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
    if (dir) await rm(dir, { recursive: true, force: true })
    dir = undefined
  })

  async function listen(): Promise<string> {
    posts = []
    answer = 200
    const listening = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        posts.push({
          path: req.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          signature: req.headers['x-certdeck-signature'] as string | undefined,
        })
        res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'boom')
      })
    })
    server = listening
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`
  }

  async function harnessWithExpiring() {
    const now = new Date()
    const h = notificationHarness(now)
    const leaf = await pki.leaf({
      commonName: 'api.example.test',
      keySlot: 1,
      notAfter: new Date(now.getTime() + 5 * DAY),
    })
    await h.service.import({ files: [inputFile('c.pem', leaf.pem)] })
    return h
  }

  function verified(post: Post): boolean {
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(post.body).digest('hex')}`)
    const got = Buffer.from(post.signature ?? '')
    return got.length === expected.length && timingSafeEqual(got, expected)
  }

  it('posts the json, slack and teams shapes, signed with HMAC-SHA256 when a secret is set', async () => {
    const base = await listen()
    const h = await harnessWithExpiring()
    await h.notifications.addChannel({ kind: 'webhook', name: 'hook', url: `${base}/json`, secret: SECRET })
    await h.notifications.addChannel({ kind: 'webhook', name: 'slack', url: `${base}/slack`, format: 'slack' })
    await h.notifications.addChannel({ kind: 'webhook', name: 'teams', url: `${base}/teams`, format: 'teams' })
    const run = await h.notifications.run()
    expect(run.deliveries.map((d) => [d.channel, d.ok])).toEqual([
      ['hook', true],
      ['slack', true],
      ['teams', true],
    ])
    const byPath = Object.fromEntries(posts.map((p) => [p.path, p]))
    const json = JSON.parse(byPath['/json']?.body ?? '')
    expect(json).toMatchObject({
      source: 'certdeck',
      title: '[CertDeck] 1 certificate expires within 7 days',
      events: [{ event: 'expiring', threshold: '7', name: 'api.example.test', daysLeft: 4 }],
    })
    expect(verified(byPath['/json'] as Post)).toBe(true)
    expect(byPath['/slack']?.signature).toBeUndefined()
    const slack = JSON.parse(byPath['/slack']?.body ?? '')
    expect(slack.text).toBe('[CertDeck] 1 certificate expires within 7 days')
    expect(slack.blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } })
    const teams = JSON.parse(byPath['/teams']?.body ?? '')
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(teams.attachments[0].content.body[2].facts[0].title).toBe('api.example.test')
    expect(JSON.stringify(await h.store.read())).not.toContain(SECRET)
  })

  it('a 500 answer is recorded, nothing is marked sent, and the next run delivers', async () => {
    const base = await listen()
    const h = await harnessWithExpiring()
    await h.notifications.addChannel({ kind: 'webhook', name: 'hook', url: `${base}/x`, secret: SECRET })
    answer = 500
    const failed = await h.notifications.run()
    expect(failed.deliveries).toMatchObject([{ ok: false, detail: expect.stringContaining('answered 500') }])
    expect((await h.store.read()).notificationsSent).toEqual([])
    expect((await h.notifications.log())[0]).toMatchObject({ channel: 'hook', ok: false })
    answer = 200
    const delivered = await h.notifications.run()
    expect(delivered.deliveries).toMatchObject([{ ok: true }])
    expect(posts).toHaveLength(2)
    expect(posts[1]?.body).toBe(posts[0]?.body)
    expect(verified(posts[1] as Post)).toBe(true)
    expect((await h.store.read()).notificationsSent).toHaveLength(1)
    expect((await h.notifications.run()).deliveries).toEqual([])
  })

  it('refuses plain http to another machine, an unknown format and a bad name, writing nothing', async () => {
    const h = await harnessWithExpiring()
    const writes = h.store.writes
    await expect(
      h.notifications.addChannel({ kind: 'webhook', name: 'x', url: 'http://hooks.example.com/' }),
    ).rejects.toThrow(/plain http to another machine/)
    await expect(
      h.notifications.addChannel({
        kind: 'webhook',
        name: 'x',
        url: 'https://h.example.com/',
        format: 'xml' as 'json',
      }),
    ).rejects.toThrow(/Accepted formats are json, slack and teams/)
    await expect(
      h.notifications.addChannel({ kind: 'webhook', name: 'bad name', url: 'https://h.example.com/' }),
    ).rejects.toThrow(/channel name "bad name"/)
    await expect(h.notifications.removeChannel('nope')).rejects.toThrow(/no notification channel named "nope"/)
    await expect(h.notifications.setRules({ thresholds: [30, 0] })).rejects.toThrow(/positive whole days/)
    expect(h.store.writes).toBe(writes)
  })

  it('runs a command channel with the batch as JSON on stdin, no shell', async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdeck-cmd-'))
    const script = join(dir, 'notify.sh')
    const out = join(dir, 'batch.json')
    await writeFile(script, `#!/bin/sh\ncat > '${out}'\necho queued\n`)
    await chmod(script, 0o700)
    const h = await harnessWithExpiring()
    await h.notifications.addChannel({ kind: 'command', name: 'script', script })
    const run = await h.notifications.run()
    expect(run.deliveries).toMatchObject([{ ok: true, detail: 'exit 0: queued' }])
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ events: [{ name: 'api.example.test' }] })

    await writeFile(script, '#!/bin/sh\necho nope >&2\nexit 3\n')
    h.clock.advanceDays(4.5)
    expect((await h.notifications.run()).deliveries).toMatchObject([
      { ok: false, detail: expect.stringMatching(/exited with 3: nope/) },
    ])
  })
})

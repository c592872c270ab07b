import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CertDeck } from '../../api.js'
import { initCertDeck } from '../../init-certdeck.js'
import { openCertDeck } from '../../open-certdeck.js'
import { FileStore } from '../../store/file-store.js'
import type { TaskRunReport } from './scheduler.js'

const PASS = 'a long enough master passphrase'
const scrypt = { N: 2 ** 10, r: 8, p: 1 }

describe('certdeck watch over a file repository', () => {
  let dataDir: string
  let deck: CertDeck
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'certdeck-watch-')), 'home')
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    deck = await openCertDeck({ dataDir, passphrase: PASS })
  })
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }))

  it('runs every due task once, records them, and shows them in status', async () => {
    const reports = (await deck.watch?.runOnce()) ?? []
    expect(reports.map((r) => [r.id, r.outcome])).toEqual([
      ['refresh', 'ok'],
      ['renew', 'ok'],
      ['notify', 'ok'],
    ])
    expect(await deck.watch?.runOnce()).toEqual([])
    const status = await deck.watch?.status()
    expect(status?.tasks.map((t) => [t.id, t.every, t.lastOutcome])).toEqual([
      ['refresh', '5m', 'ok'],
      ['renew', '1h', 'ok'],
      ['notify', '1h', 'ok'],
    ])
  })

  it('a second watcher on the repository does nothing while the first holds the lease', async () => {
    const other = await FileStore.open(dataDir)
    const lease = await other.tryAcquireLease('watch')
    expect(lease).toBeDefined()
    await expect(deck.watch?.runOnce()).rejects.toMatchObject({ code: 'WATCH_BUSY' })
    const data = await FileStore.open(dataDir).then((s) => s.read())
    expect(data.watchRuns).toEqual([])
    await lease?.release()
    expect(await deck.watch?.runOnce()).toHaveLength(3)
  })

  it('checks settings before writing them', async () => {
    await expect(deck.watch?.configure({ every: { discover: '*/7 * * * * * *' } })).rejects.toMatchObject({
      code: 'WATCH_SCHEDULE_INVALID',
    })
    await expect(deck.watch?.configure({ renewBeforeDays: 0 })).rejects.toMatchObject({ code: 'WATCH_CONFIG_INVALID' })
    expect((await FileStore.open(dataDir).then((s) => s.read())).watchSettings).toEqual([])
    const config = await deck.watch?.configure({ every: { discover: '0 */4 * * *' }, renewBeforeDays: 21 })
    expect(config).toMatchObject({ every: { discover: '0 */4 * * *', refresh: '5m' }, renewBeforeDays: 21 })
  })

  it('a second looping watcher says so and waits while the first holds the lease', async () => {
    const lease = await (await FileStore.open(dataDir)).tryAcquireLease('watch')
    const stop = new AbortController()
    const notices: string[] = []
    const seen: TaskRunReport[] = []
    const loop = deck.watch?.run({ stop: stop.signal, onNotice: (m) => notices.push(m), onRun: (r) => seen.push(r) })
    for (let i = 0; i < 200 && notices.length === 0; i++) await new Promise((r) => setTimeout(r, 25))
    expect(notices).toEqual(['another certdeck watch holds the lease of this repository; waiting for it to stop'])
    stop.abort()
    await loop
    expect(seen).toEqual([])
    await lease?.release()
  })

  it('the loop runs due tasks and stops when asked, releasing the lease', async () => {
    const stop = new AbortController()
    const seen: TaskRunReport[] = []
    const loop = deck.watch?.run({ stop: stop.signal, onRun: (r) => seen.push(r) })
    for (let i = 0; i < 200 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 25))
    expect(seen.map((r) => r.id)).toEqual(['refresh', 'renew', 'notify'])
    stop.abort()
    await loop
    const lease = await (await FileStore.open(dataDir)).tryAcquireLease('watch')
    expect(lease).toBeDefined()
    await lease?.release()
  })
})

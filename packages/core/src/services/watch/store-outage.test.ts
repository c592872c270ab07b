import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CertDeck } from '../../api.js'
import { CertDeckError } from '../../errors.js'
import { initCertDeck } from '../../init-certdeck.js'
import { openCertDeck } from '../../open-certdeck.js'
import { MemoryAuditLog } from '../../testing/index.js'
import { systemClock } from '../../ports/clock.js'
import { FileStore } from '../../store/file-store.js'
import type { TaskRunReport } from './scheduler.js'
import { createWatchApi } from './watch-service.js'

const PASS = 'a long enough master passphrase'

/** `store` whose every call fails as a database that stopped answering does, while `down.value` is true. */
function unreachableWhile(store: FileStore, down: { value: boolean }): FileStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (down.value) {
          return Promise.reject(
            new CertDeckError('STORE_UNREACHABLE', 'Could not reach the PostgreSQL store (test).', { kind: 'failure' }),
          )
        }
        return value.apply(target, args)
      }
    },
  })
}

describe('the watch loop when the repository stops answering', () => {
  let dataDir: string
  let deck: CertDeck
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'certdeck-watch-outage-')), 'home')
    await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    deck = await openCertDeck({ dataDir, passphrase: PASS })
  })
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }))

  it('says so once, keeps retrying instead of ending, says when it answers again and runs its tasks', async () => {
    const down = { value: true }
    const store = unreachableWhile(await FileStore.open(dataDir), down)
    const { notifications } = deck
    if (!notifications) throw new Error('the deck has no notification service')
    const watch = createWatchApi({ ...deck, notifications }, store, systemClock, new MemoryAuditLog())
    const stop = new AbortController()
    const notices: string[] = []
    const seen: TaskRunReport[] = []
    const loop = watch.run({ stop: stop.signal, onNotice: (m) => notices.push(m), onRun: (r) => seen.push(r) })
    let ended = false
    void loop.finally(() => {
      ended = true
    })
    await expect.poll(() => notices.length, { timeout: 5000 }).toBe(1)
    expect(notices[0]).toBe(
      'the repository is unreachable (Could not reach the PostgreSQL store (test).); retrying until it answers',
    )
    expect(ended).toBe(false)

    down.value = false
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(3)
    expect(notices[1]).toMatch(/^the repository answers again after \d+ s; resuming$/)
    expect(notices).toHaveLength(2)
    stop.abort()
    await loop
    expect((await FileStore.open(dataDir).then((s) => s.read())).watchRuns.map((r) => r.id).sort()).toEqual([
      'notify',
      'refresh',
      'renew',
    ])
  })
})

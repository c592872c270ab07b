import { audited } from '../../audit/audited.js'
import { CertDeckError } from '../../errors.js'
import type { AuditLog } from '../../ports/audit-log.js'
import type { Clock } from '../../ports/clock.js'
import type { Store } from '../../ports/store.js'
import { type Lease, hasLeases } from '../../ports/store-leases.js'
import { nextWake, runDueTasks } from './scheduler.js'
import { StoreOutage, isStoreUnreachable } from './store-outage.js'
import { type WatchConfigPatch, applyWatchPatch, watchConfigOf } from './watch-settings.js'
import { type WatchDeck, watchTasks } from './watch-tasks.js'
import type { RunLoopOptions, RunOnceOptions, WatchApi, WatchStatus } from './watch-types.js'

/** The lease one watcher per repository holds. */
export const WATCH_LEASE = 'watch'
/** The loop never sleeps longer than this, so a clock jump (a suspended laptop) is noticed soon. */
const MAX_SLEEP_MS = 30_000

function busyError(): CertDeckError {
  return new CertDeckError(
    'WATCH_BUSY',
    'Another certdeck watch holds the watcher lease of this repository, so this one did nothing. ' +
      'Only one watcher acts at a time; see it with certdeck watch status, or stop it first.',
    { kind: 'failure' },
  )
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (stop.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      stop.removeEventListener('abort', done)
      resolve()
    }
    stop.addEventListener('abort', done, { once: true })
  })
}

/** Builds the {@link WatchApi} over the facade's services, the store and the clock. */
export function createWatchApi(deck: WatchDeck, store: Store, clock: Clock, audit: AuditLog): WatchApi {
  const now = () => clock.now()
  const lease = async (): Promise<Lease | undefined> => {
    if (!hasLeases(store))
      return { holder: 'this process', lost: new AbortController().signal, release: async () => {} }
    return store.tryAcquireLease(WATCH_LEASE)
  }
  /** One turn of the loop: takes the lease and runs due tasks until it is lost or the loop stops. */
  const turn = async (options: RunLoopOptions, outage: StoreOutage): Promise<void> => {
    const { stop } = options
    const held = await lease()
    outage.answered(now())
    if (!held) {
      options.onNotice?.('another certdeck watch holds the lease of this repository; waiting for it to stop')
      options.onTick?.()
      await sleep(MAX_SLEEP_MS, stop)
      return
    }
    try {
      while (!stop.aborted && !held.lost.aborted) {
        options.onTick?.()
        const tasks = await watchTasks(deck, store, now)
        await runDueTasks(tasks, store, clock, {
          stop,
          signal: held.lost,
          ...(options.onRun ? { onRun: options.onRun } : {}),
        })
        const wake = nextWake(tasks, (await store.read()).watchRuns, now())
        const pause = Math.min(MAX_SLEEP_MS, Math.max(1000, wake.getTime() - now().getTime()))
        // A lost lease (its connection dropped) ends the pause at once.
        await sleep(pause, AbortSignal.any([stop, held.lost]))
      }
      if (held.lost.aborted)
        options.onNotice?.('the watcher lease was lost; this watcher stops acting until it gets it back')
    } finally {
      await held.release()
    }
  }
  const api: WatchApi = {
    config: async () => watchConfigOf(await store.read()),
    configure: (patch: WatchConfigPatch) =>
      audited(
        audit,
        { action: 'watch.config', target: 'watch' },
        () =>
          store.update((data) => {
            data.watchSettings = applyWatchPatch(watchConfigOf(data), patch)
            return watchConfigOf(data)
          }),
        (c) =>
          `every ${Object.entries(c.every)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}; renew ${c.renewBeforeDays} d before`,
      ),
    async status(): Promise<WatchStatus> {
      const data = await store.read()
      const tasks = await watchTasks(deck, store, now)
      const at = now().toISOString()
      return {
        tasks: tasks.map((t) => {
          const run = data.watchRuns.find((r) => r.id === t.id)
          return { ...run, id: t.id, task: t.task, every: t.every, nextRunAt: run?.nextRunAt ?? at }
        }),
        notifications: [...data.notificationLog].reverse().slice(0, 20),
      }
    },
    async runOnce(options: RunOnceOptions = {}) {
      const held = await lease()
      if (!held) throw busyError()
      try {
        const tasks = await watchTasks(deck, store, now)
        const signal = options.signal ? AbortSignal.any([options.signal, held.lost]) : held.lost
        return await runDueTasks(tasks, store, clock, {
          force: options.force,
          signal,
          ...(options.onRun ? { onRun: options.onRun } : {}),
        })
      } finally {
        await held.release()
      }
    },
    async run(options: RunLoopOptions) {
      const { stop } = options
      // A repository that stops answering (a database restart) pauses the loop instead of ending it.
      const outage = new StoreOutage(options.onNotice)
      while (!stop.aborted) {
        try {
          await turn(options, outage)
        } catch (error) {
          if (!isStoreUnreachable(error)) throw error
          await sleep(outage.failed(error as Error, now()), stop)
        }
      }
    },
  }
  return api
}

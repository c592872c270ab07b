import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../testing/manual-clock.js'
import { MemoryStore } from '../../testing/memory-store.js'
import { parseSchedule, nextAfter } from './schedule.js'
import { type WatchTask, runDueTasks } from './scheduler.js'

const MIN = 60_000

function counting(id: string, every: string, outcome: () => string = () => 'done') {
  const runs: string[] = []
  const task: WatchTask = {
    id,
    task: id === 'notify' ? 'notify' : 'refresh',
    every,
    run: async () => {
      runs.push(id)
      return outcome()
    },
  }
  return { task, runs }
}

describe('the scheduler on a manual clock', () => {
  it('runs due tasks once, then on schedule; a downtime costs one run, not one per missed slot', async () => {
    const clock = new ManualClock('2030-01-01T00:00:00Z')
    const store = new MemoryStore()
    const refresh = counting('refresh', '5m')
    const notify = counting('notify', '1h')
    const tasks = [refresh.task, notify.task]
    expect((await runDueTasks(tasks, store, clock)).map((r) => r.id)).toEqual(['refresh', 'notify'])
    expect(await runDueTasks(tasks, store, clock)).toEqual([])
    clock.set('2030-01-01T00:05:00Z')
    expect((await runDueTasks(tasks, store, clock)).map((r) => r.id)).toEqual(['refresh'])
    // Three hours asleep: each task runs once.
    clock.set('2030-01-01T03:07:00Z')
    const after = await runDueTasks(tasks, store, clock)
    expect(after.map((r) => r.id)).toEqual(['refresh', 'notify'])
    expect(after[0]?.nextRunAt).toBe('2030-01-01T03:12:00.000Z')
    expect(await runDueTasks(tasks, store, clock)).toEqual([])
    expect(refresh.runs).toHaveLength(3)
    expect(notify.runs).toHaveLength(2)
  })

  it('a failing task does not stop the others and backs off: 1 min, 2 min, then back on schedule', async () => {
    const clock = new ManualClock('2030-01-01T00:00:00Z')
    const store = new MemoryStore()
    let fail = true
    const flaky = counting('refresh', '1h', () => {
      if (fail) throw new Error('ACM did not answer')
      return 'ok'
    })
    const notify = counting('notify', '1h')
    const tasks = [flaky.task, notify.task]
    const first = await runDueTasks(tasks, store, clock)
    expect(first.map((r) => [r.id, r.outcome])).toEqual([
      ['refresh', 'failed'],
      ['notify', 'ok'],
    ])
    expect(first[0]).toMatchObject({ detail: 'ACM did not answer', nextRunAt: '2030-01-01T00:01:00.000Z' })
    clock.set(new Date(clock.now().getTime() + MIN))
    const second = await runDueTasks(tasks, store, clock)
    expect(second.map((r) => r.nextRunAt)).toEqual(['2030-01-01T00:03:00.000Z'])
    const run = (await store.read()).watchRuns.find((r) => r.id === 'refresh')
    expect(run).toMatchObject({ failures: 2, failuresTotal: 2, lastOutcome: 'failed', lastError: 'ACM did not answer' })
    fail = false
    clock.set('2030-01-01T00:03:00Z')
    const healed = await runDueTasks(tasks, store, clock)
    expect(healed[0]).toMatchObject({ outcome: 'ok', nextRunAt: '2030-01-01T01:03:00.000Z' })
    expect((await store.read()).watchRuns.find((r) => r.id === 'refresh')).toMatchObject({
      failures: 0,
      failuresTotal: 2,
      lastSuccessAt: '2030-01-01T00:03:00.000Z',
    })
  })

  it('force runs every task; stop lets the task in hand finish and runs no other', async () => {
    const clock = new ManualClock('2030-01-01T00:00:00Z')
    const store = new MemoryStore()
    const stop = new AbortController()
    const first = counting('refresh', '1h', () => {
      stop.abort()
      return 'finished anyway'
    })
    const second = counting('notify', '1h')
    const reports = await runDueTasks([first.task, second.task], store, clock, { stop: stop.signal })
    expect(reports.map((r) => [r.id, r.detail])).toEqual([['refresh', 'finished anyway']])
    expect(second.runs).toEqual([])
    const forced = await runDueTasks([second.task], store, clock, { force: true })
    expect(forced.map((r) => r.id)).toEqual(['notify'])
  })
})

describe('schedules', () => {
  it('reads intervals and cron expressions', () => {
    const from = new Date('2030-01-01T01:30:00Z')
    expect(nextAfter(parseSchedule('6h'), from).toISOString()).toBe('2030-01-01T07:30:00.000Z')
    expect(nextAfter(parseSchedule('0 */6 * * *'), from).toISOString()).toBe('2030-01-01T06:00:00.000Z')
  })

  it('refuses an invalid cron expression, a too short interval and other words, naming what is accepted', () => {
    expect(() => parseSchedule('61 * * * *')).toThrow(/is not a valid cron expression/)
    expect(() => parseSchedule('10s')).toThrow(/shorter than a minute/)
    expect(() => parseSchedule('hourly')).toThrow(/neither an interval nor a cron expression.*5m, 6h or 1d/)
  })
})

import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../domain/audit-event.js'
import { emptyStoreData } from '../domain/store-data.js'
import { CertDeckError } from '../errors.js'
import type { AuditLog } from '../ports/audit-log.js'
import { FileStore } from '../store/file-store.js'
import { audited } from './audited.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-audited-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An audit log that notes, for each event, whether the store's lock was held when it was written. */
function lockWatchingLog(lockDir: string) {
  const events: { event: Omit<AuditEvent, 'id' | 'at' | 'actor'>; locked: boolean }[] = []
  const log: AuditLog = {
    append: async (event) => {
      events.push({ event, locked: existsSync(lockDir) })
      return { ...event, id: 'x', at: '', actor: '' } as AuditEvent
    },
    list: async () => [],
  }
  return { log, events }
}

describe('audited', () => {
  it('writes the event of a committed change before the store lock is released', async () => {
    const store = await FileStore.create(dir, emptyStoreData())
    const { log, events } = lockWatchingLog(`${store.path}.lock`)
    const result = await audited(log, { action: 'test.add' }, (recorder) =>
      store.update(
        (data) => {
          data.regionScans.push({ credentialId: 'c', region: 'r' })
          return data.regionScans.length
        },
        recorder.onCommit((count: number) => ({ target: 'c', detail: `${count} scans` })),
      ),
    )
    expect(result).toBe(1)
    expect(events).toEqual([
      { event: { action: 'test.add', target: 'c', detail: '1 scans', outcome: 'ok' }, locked: true },
    ])
  })

  it('records a failure once, and an input error not at all unless asked', async () => {
    const { log, events } = lockWatchingLog(join(dir, 'none'))
    const input = new CertDeckError('BAD_INPUT', 'bad value')
    await expect(
      audited(log, { action: 'a' }, async () => {
        throw input
      }),
    ).rejects.toBe(input)
    await expect(
      audited(
        log,
        { action: 'b' },
        async () => {
          throw input
        },
        undefined,
        { recordInputErrors: true, failureContext: 'ctx' },
      ),
    ).rejects.toBe(input)
    await expect(
      audited(
        log,
        { action: 'c' },
        async () => 'done',
        (r) => `got ${r}`,
      ),
    ).resolves.toBe('done')
    expect(events.map((e) => e.event)).toEqual([
      { action: 'b', outcome: 'failed', detail: 'BAD_INPUT: bad value (ctx)' },
      { action: 'c', outcome: 'ok', detail: 'got done' },
    ])
  })
})

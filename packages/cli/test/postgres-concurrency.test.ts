import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { initCertDeck } from '@certdeck/core'
import { cloudCertificate } from '@certdeck/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { homesForEachTest, json, requireBuiltBin } from './cli-harness.js'
import { postgresBackend } from '@certdeck/store-postgres'
import { clientIn, createDatabase, sqlIn, type TestDatabase } from '@certdeck/store-postgres/testing'

const WRITER = fileURLToPath(new URL('./postgres-writer.mjs', import.meta.url))
const PASSPHRASE = 'correct horse battery staple 7'
const home = homesForEachTest()
let db: TestDatabase
let dataDir: string
let certId: string

/** Runs the writer script in its own process; resolves with its exit code and output. */
function writer(args: string[], onLine?: (line: string, kill: () => void) => void) {
  const child = spawn(process.execPath, [WRITER, ...args], {
    env: { ...db.env, CERTDECK_STORE_URL: db.url, CERTDECK_HOME: dataDir, CERTDECK_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const line of chunk.split('\n').filter(Boolean)) onLine?.(line, () => child.kill('SIGKILL'))
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
}

beforeAll(async () => {
  requireBuiltBin()
  db = await createDatabase('concurrency')
  dataDir = await mkdtemp(join(tmpdir(), 'certdeck-pg-writers-'))
  const backend = postgresBackend(db.url, { env: db.env })
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend })
  const h = await home()
  const created = await h.run(['certs', 'create', '--cn', 'shared.example.test', '--json'], {
    env: { ...db.env, CERTDECK_STORE_URL: db.url } as Record<string, string>,
  })
  certId = json<{ id: string }>(created).id
})

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** Runs the writer in `mode` while `table` is locked, and kills it once PostgreSQL shows it waiting on that lock. */
async function killedWhileWaitingOn(table: string, mode: string) {
  const blocker = await clientIn(db.name)
  await blocker.query('BEGIN')
  await blocker.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`)
  let waiting = false
  const run = writer([mode], (line, kill) => {
    if (line !== 'writing') return
    void (async () => {
      // Killed once it waits on the lock: what it wrote before is uncommitted.
      for (let i = 0; i < 200 && !waiting; i++) {
        const rows = await sqlIn(
          db.name,
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        waiting = rows.length > 0
        if (!waiting) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      kill()
    })()
  })
  const result = await run
  await blocker.query('ROLLBACK')
  await blocker.end()
  return { waiting, signal: result.signal }
}

describe('PostgreSQL store under concurrent processes', () => {
  it('loses none of 8 processes × 200 updates of the same certificate', { timeout: 600_000 }, async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, (_, w) => writer(['tag', certId, String(w), '200'])))
    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    const [{ tags }] = await sqlIn<{ tags: Record<string, string> }>(
      db.name,
      "SELECT body->'tags' AS tags FROM certdeck_certificates WHERE key = $1",
      [certId],
    )
    const expected = Array.from({ length: 8 }, (_, w) => Array.from({ length: 200 }, (_, i) => `w${w}-${i}`)).flat()
    expect(Object.keys(tags).sort()).toEqual(expected.sort())
    const [{ count }] = await sqlIn<{ count: string }>(
      db.name,
      "SELECT count(*) FROM certdeck_audit_events WHERE action = 'certificate.tag' AND outcome = 'ok'",
    )
    expect(Number(count)).toBe(1600)
  })

  it('keeps the last committed state when a writer is killed in the middle of its transaction', {
    timeout: 120_000,
  }, async () => {
    const before = await sqlIn<{ key: string }>(db.name, 'SELECT key FROM certdeck_certificates ORDER BY key')
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    // Held: the lock the writer needs for its last statement, so it is caught with rows half written.
    expect(await killedWhileWaitingOn('certdeck_document_fields', 'hang')).toEqual({ waiting: true, signal: 'SIGKILL' })
    expect(await sqlIn(db.name, 'SELECT key FROM certdeck_certificates ORDER BY key')).toEqual(before)
    expect(await sqlIn(db.name, 'SELECT revision FROM certdeck_repository')).toEqual([{ revision }])
    expect(await sqlIn(db.name, 'SELECT name FROM certdeck_document_fields')).toEqual([])
    // Its locks went with its session: the next writer commits at once.
    const next = await writer(['tag', certId, 'after', '1'])
    expect(next.code).toBe(0)
  })

  it('keeps the shared lastSeenAt and every row when a writer leaving it is killed mid-write', {
    timeout: 120_000,
  }, async () => {
    const { store } = await postgresBackend(db.url, { env: db.env }).open()
    await store.update((data) => {
      data.cloudCertificates = Array.from({ length: 20 }, (_, i) =>
        cloudCertificate(String(i), { lastSeenAt: '2026-12-01T00:00:00.000Z' }),
      )
    })
    await store.close()
    const rows = () => sqlIn(db.name, 'SELECT key, last_seen_at, rev FROM certdeck_cloud_certificates ORDER BY key')
    const shared = () => sqlIn(db.name, 'SELECT value, shared, rev FROM certdeck_shared_values')
    const [before, sharedBefore] = [await rows(), await shared()]
    const [{ revision }] = await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository')
    expect(sharedBefore).toEqual([{ value: '2026-12-01T00:00:00.000Z', shared: true, rev: revision }])
    // Held: the shared value's table, which the writer updates after writing the value back into every row.
    expect(await killedWhileWaitingOn('certdeck_shared_values', 'diverge')).toEqual({
      waiting: true,
      signal: 'SIGKILL',
    })
    expect(await rows()).toEqual(before)
    expect(await shared()).toEqual(sharedBefore)
    expect(await sqlIn(db.name, 'SELECT revision FROM certdeck_repository')).toEqual([{ revision }])
    const fresh = await postgresBackend(db.url, { env: db.env }).open()
    const seen = new Set((await fresh.store.read()).cloudCertificates.map((c) => c.lastSeenAt))
    await fresh.store.close()
    expect(seen).toEqual(new Set(['2026-12-01T00:00:00.000Z']))
    // The same change by a writer left alone commits.
    const next = await writer(['diverge'])
    expect(next.code).toBe(0)
    expect(await shared()).toEqual([{ value: '2026-12-01T00:00:00.000Z', shared: false, rev: expect.any(String) }])
  })
})

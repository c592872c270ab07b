import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { initCertDeck } from '@certdeck/core'
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
    // Hold a lock the writer needs for its last statement, so it is caught with rows half written.
    const blocker = await clientIn(db.name)
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE certdeck_document_fields IN EXCLUSIVE MODE')
    let waiting = false
    const run = writer(['hang'], (line, kill) => {
      if (line !== 'writing') return
      void (async () => {
        // Kill it once PostgreSQL shows it waiting on the lock: its certificates are written, uncommitted.
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
    expect(waiting).toBe(true)
    expect(result.signal).toBe('SIGKILL')
    expect(await sqlIn(db.name, 'SELECT key FROM certdeck_certificates ORDER BY key')).toEqual(before)
    expect(await sqlIn(db.name, 'SELECT revision FROM certdeck_repository')).toEqual([{ revision }])
    expect(await sqlIn(db.name, 'SELECT name FROM certdeck_document_fields')).toEqual([])
    // Its locks went with its session: the next writer commits at once.
    const next = await writer(['tag', certId, 'after', '1'])
    expect(next.code).toBe(0)
  })
})

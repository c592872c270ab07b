import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { FileStore, type StoreData } from '@certdeck/core'
import { fullDocument } from '@certdeck/core/testing'
import { describe, expect, it } from 'vitest'
import { homesForEachTest, json } from './cli-harness.js'
import { createDatabase, sqlIn } from '@certdeck/store-postgres/testing'

const home = homesForEachTest({ init: true })

interface Report {
  wrote: boolean
  auditEventsAdded: number
  parts: Record<string, { count: number; sha256: string }>
}

describe('certdeck store copy', () => {
  it('copies files → PostgreSQL → files with every record and audit event, verified, and again changes nothing', async () => {
    const h = await home()
    // Every collection with records (sealed secrets, versions, history), under the home's own vault.
    const store = await FileStore.open(h.dataDir)
    await store.update((data) => {
      const { vault: _keep, ...rest } = fullDocument() as StoreData & Record<string, unknown>
      Object.assign(data, rest)
    })
    expect((await h.run(['certs', 'tag', 'certificates-1', 'copied=yes'])).code).toBe(0)
    const db = await createDatabase('copy')
    const env = { PGPASSWORD: db.env.PGPASSWORD as string }

    const first = await h.run(['store', 'copy', '--to', db.url, '--json'], { env })
    expect(first.stderr).toBe('')
    const report = json<Report>(first)
    expect(report.wrote).toBe(true)
    expect(report.parts.certificates.count).toBe(2)
    expect(report.parts.futureCollection.count).toBe(3)
    expect(report.parts.auditEvents.count).toBe(report.auditEventsAdded)
    expect(report.auditEventsAdded).toBeGreaterThanOrEqual(2)
    const versions = await sqlIn<{ count: string }>(db.name, 'SELECT count(*) FROM certdeck_certificate_versions')
    expect(Number(versions[0].count)).toBe(4)

    const again = json<Report>(await h.run(['store', 'copy', '--to', db.url, '--json'], { env }))
    expect(again).toEqual({ ...report, wrote: false, auditEventsAdded: 0 })

    // The copy opens with the same passphrase and answers commands.
    const onDb = await h.run(['certs', 'list', '--search', 'certificates-1', '--json'], {
      env: { ...env, CERTDECK_STORE_URL: db.url },
    })
    expect(json<{ id: string }[]>(onDb).map((c) => c.id)).toEqual(['certificates-1'])

    const back = join(h.root, 'back')
    const home2 = json<Report>(
      await h.run(['store', 'copy', '--to', back, '--json'], { env: { ...env, CERTDECK_STORE_URL: db.url } }),
    )
    const { auditEvents: _a, ...dataParts } = report.parts
    const { auditEvents: _b, ...backParts } = home2.parts
    expect(backParts).toEqual(dataParts)
    expect(home2.parts.auditEvents.count).toBeGreaterThanOrEqual(report.parts.auditEvents.count)
  })

  it('refuses to copy a PostgreSQL repository of an older document schema until it is opened once', async () => {
    const h = await home()
    const db = await createDatabase('copy')
    const env = { PGPASSWORD: db.env.PGPASSWORD as string }
    expect((await h.run(['store', 'copy', '--to', db.url], { env })).code).toBe(0)
    await sqlIn(db.name, 'UPDATE certdeck_repository SET document_schema = 2')
    const back = join(h.root, 'back')
    const onDb = { env: { ...env, CERTDECK_STORE_URL: db.url } }
    const refused = await h.run(['store', 'copy', '--to', back], onDb)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('is of an older schema (2)')
    expect(refused.stderr).toContain('to migrate it, then copy it')
    expect(existsSync(back)).toBe(false)
    // Any command migrates it; then it copies.
    expect((await h.run(['certs', 'list'], onDb)).code).toBe(0)
    expect(await sqlIn(db.name, 'SELECT document_schema FROM certdeck_repository')).toEqual([{ document_schema: 3 }])
    expect((await h.run(['store', 'copy', '--to', back], onDb)).code).toBe(0)
  })

  it('refuses to overwrite a target holding another repository unless --force', async () => {
    const h = await home()
    const other = await home()
    const db = await createDatabase('copy')
    const env = { PGPASSWORD: db.env.PGPASSWORD as string }
    expect((await other.run(['certs', 'create', '--cn', 'other.example.test'])).code).toBe(0)
    expect((await other.run(['store', 'copy', '--to', db.url], { env })).code).toBe(0)
    const before = await sqlIn(db.name, 'SELECT key FROM certdeck_certificates')

    const refused = await h.run(['store', 'copy', '--to', db.url], { env })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('already holds a different CertDeck repository')
    expect(refused.stderr).toContain('--force')
    expect(await sqlIn(db.name, 'SELECT key FROM certdeck_certificates')).toEqual(before)

    expect((await h.run(['certs', 'create', '--cn', 'mine.example.test'])).code).toBe(0)
    const forced = json<Report>(await h.run(['store', 'copy', '--to', db.url, '--force', '--json'], { env }))
    expect(forced.wrote).toBe(true)
    const names = await sqlIn<{ common_name: string }>(db.name, 'SELECT common_name FROM certdeck_certificates')
    expect(names).toEqual([{ common_name: 'mine.example.test' }])
  })
})

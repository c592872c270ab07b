import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { emptyStoreData, systemClock } from '@certdeck/core'
import { cloudCertificate, fullDocument } from '@certdeck/core/testing'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpenedPostgres, postgresBackend } from '../src/index.js'
import { server } from '../src/testing/index.js'

const opened: OpenedPostgres[] = []
afterAll(async () => {
  await Promise.all(opened.map((o) => o.store.close()))
})

/** The SQL of docs/team.md's set-up, in its two parts: as an administrator, then as the owner after `certdeck init`. */
function documentedSetUp(names: Record<string, string>, passwords: Record<string, string>): [string[], string[]] {
  const doc = readFileSync(new URL('../../../docs/team.md', import.meta.url), 'utf8')
  const block = /## Set-up with a managed PostgreSQL[\s\S]*?```sql\n([\s\S]*?)```/.exec(doc)?.[1] ?? ''
  const [asAdministrator, asOwner] = block.split(/^-- as certdeck_owner, after.*$/m)
  const statements = (sql: string) =>
    sql
      .split('\n')
      .filter((line) => !line.trim().startsWith('--'))
      .join('\n')
      .split(';')
      .map((statement) => statement.replace(/--.*$/gm, '').trim())
      .filter(Boolean)
      .map((statement) =>
        statement
          .replace(/\b(certdeck_owner|certdeck_admin)\b/g, (role) => names[role])
          .replace(/DATABASE certdeck\b/g, `DATABASE ${names.certdeck}`)
          .replace(
            /PASSWORD '…'/g,
            () => `PASSWORD '${passwords[statement.includes('certdeck_owner') ? 'owner' : 'admin']}'`,
          ),
      )
  return [statements(asAdministrator ?? ''), statements(asOwner ?? '')]
}

describe('the roles and grants docs/team.md sets up', () => {
  it('let the owner create and migrate the tables and a per-person role work with them, its own later tables included', async () => {
    const info = server()
    const suffix = randomBytes(4).toString('hex')
    const names = {
      certdeck_owner: `owner_${suffix}`,
      certdeck_admin: `admin_${suffix}`,
      certdeck: `team_${suffix}`,
    }
    const passwords = { owner: `o-${suffix}-pass`, admin: `a-${suffix}-pass` }
    const [asAdministrator, asOwner] = documentedSetUp(names, passwords)
    expect(asAdministrator.length).toBeGreaterThanOrEqual(4)
    expect(asOwner.some((s) => s.startsWith('ALTER DEFAULT PRIVILEGES'))).toBe(true)
    const run = async (user: string, password: string, database: string, statements: string[]) => {
      const client = new pg.Client({ host: info.host, port: info.port, user, password, database })
      await client.connect()
      try {
        for (const statement of statements) await client.query(statement)
      } finally {
        await client.end()
      }
    }
    await run(info.user, info.password, 'postgres', asAdministrator)
    const url = (role: string) => `postgres://${role}@${info.host}:${info.port}/${names.certdeck}`

    const owner = await postgresBackend(url(names.certdeck_owner), { env: { PGPASSWORD: passwords.owner } }).create(
      emptyStoreData(),
    )
    opened.push(owner)
    await run(names.certdeck_owner, passwords.owner, names.certdeck, asOwner)

    const admin = await postgresBackend(url(names.certdeck_admin), { env: { PGPASSWORD: passwords.admin } }).open()
    opened.push(admin)
    const doc = fullDocument()
    // New rows, a re-scan kept as one shared value, and a change that goes through a staging table.
    await admin.store.update((data) => {
      data.certificates = doc.certificates
      data.cloudCertificates = [cloudCertificate('1', { lastSeenAt: '2026-12-01T00:00:00.000Z' })]
    })
    await admin.store.update((data) => {
      data.cloudCertificates = data.cloudCertificates.map((c) => ({ ...c, lastSeenAt: '2026-12-02T00:00:00.000Z' }))
      data.certificates = data.certificates.map((c) => ({ ...c, tags: { ...c.tags, team: 'yes' } }))
    })
    const audit = admin.auditLog(systemClock)
    await audit.append({ action: 'test.grants', outcome: 'ok' })
    const read = await (
      await postgresBackend(url(names.certdeck_owner), { env: { PGPASSWORD: passwords.owner } }).open()
    ).store
    expect((await read.read()).cloudCertificates[0].lastSeenAt).toBe('2026-12-02T00:00:00.000Z')
    expect((await read.read()).certificates.every((c) => c.tags.team === 'yes')).toBe(true)

    // The audit log stays append-only for the per-person role.
    await expect(
      run(names.certdeck_admin, passwords.admin, names.certdeck, ['DELETE FROM certdeck_audit_events']),
    ).rejects.toThrow(/permission denied/)
    // A table a newer CertDeck's migration creates (as the owner) is usable by the role at once.
    await run(names.certdeck_owner, passwords.owner, names.certdeck, ['CREATE TABLE certdeck_later (x integer)'])
    await run(names.certdeck_admin, passwords.admin, names.certdeck, ['INSERT INTO certdeck_later VALUES (1)'])
  })
})

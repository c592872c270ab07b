import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { initCertDeck } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { homesForEachTest, json } from './cli-harness.js'
import { postgresBackend } from '@certdeck/store-postgres'
import { createDatabase, sqlIn } from '@certdeck/store-postgres/testing'

const home = homesForEachTest()

describe('certdeck on a PostgreSQL store', () => {
  // Each run unlocks a vault made by `init` at the real scrypt cost: slow on a busy 2-core machine.
  it('init --store creates the repository in the database, remembers the URL, and every command uses it', {
    timeout: 120_000,
  }, async () => {
    const h = await home()
    const db = await createDatabase('cli')
    const env = { PGPASSWORD: db.env.PGPASSWORD as string }
    const init = await h.run(['init', '--store', db.url, '--json'], { env })
    expect(init.stderr).toBe('')
    expect(json(init)).toEqual({ dataDir: h.dataDir, store: `${db.url}` })
    expect(JSON.parse(await readFile(join(h.dataDir, 'config.json'), 'utf8'))).toEqual({ store: db.url })
    const created = json<{ id: string }>(
      await h.run(['certs', 'create', '--cn', 'team.example.test', '--json'], { env }),
    )
    const listed = json<{ id: string }[]>(await h.run(['certs', 'list', '--search', 'TEAM.example', '--json'], { env }))
    expect(listed.map((c) => c.id)).toEqual([created.id])
    const rows = await sqlIn<{ key: string }>(db.name, 'SELECT key FROM certdeck_certificates')
    expect(rows.map((r) => r.key)).toEqual([created.id])
    // The sealed key is in the database as ciphertext only.
    const [{ body }] = await sqlIn<{ body: { privateKey: { data: string } } }>(
      db.name,
      'SELECT body FROM certdeck_certificates',
    )
    expect(body.privateKey.data).toMatch(/^[A-Za-z0-9+/=]+$/)
    expect(JSON.stringify(body)).not.toContain('PRIVATE KEY')
    const audit = json<{ action: string; actor: string }[]>(await h.run(['audit', '--json'], { env }))
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['vault.init', 'certificate.create']))
    expect(audit.every((e) => / \(role postgres\)$/.test(e.actor))).toBe(true)
    // Nothing of the repository is kept in the data directory but config.json.
    expect((await h.dataFiles()).map((f) => f.path)).toEqual([join(h.dataDir, 'config.json')])
  })

  it('CERTDECK_STORE_URL selects the store; a wrong password is a clear error that shows no secret', {
    timeout: 120_000,
  }, async () => {
    const h = await home()
    const db = await createDatabase('cli')
    const env = { PGPASSWORD: db.env.PGPASSWORD as string, CERTDECK_STORE_URL: db.url }
    expect((await h.run(['init'], { env })).code).toBe(0)
    const wrong = await h.run(['certs', 'list'], { env: { ...env, PGPASSWORD: 'not-the-password' } })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('refused the login of role "postgres"')
    expect(wrong.stderr).toContain(db.url)
    expect(wrong.stderr).not.toContain('not-the-password')
    const again = await h.run(['init'], { env })
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('already holds a CertDeck repository')
  })

  it('refuses a password in --store before asking for anything, echoing none of it', async () => {
    const h = await home()
    const run = await h.run(['init', '--store', 'postgres://alice:s3cret-pass@127.0.0.1:5432/certdeck'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('PGPASSWORD')
    expect(run.stderr).not.toContain('s3cret-pass')
  })
})

describe('certs list pages on either store', () => {
  it('--limit and --offset give the same page of the same order on files and on PostgreSQL', async () => {
    const db = await createDatabase('cli')
    const pgEnv = { PGPASSWORD: db.env.PGPASSWORD as string, CERTDECK_STORE_URL: db.url }
    const files = await home({ init: true })
    const onDb = await home()
    // Created at a low scrypt cost, as the file home is: `init --store` itself is tested above.
    await initCertDeck({
      dataDir: onDb.dataDir,
      passphrase: onDb.passphrase,
      scrypt: { N: 2 ** 10, r: 8, p: 1 },
      backend: postgresBackend(db.url, { env: db.env }),
    })
    const pages: string[][] = []
    for (const [h, env] of [
      [files, {}],
      [onDb, pgEnv],
    ] as const) {
      for (const cn of ['a.example.test', 'b.example.test', 'c.example.test', 'd.example.test']) {
        expect((await h.run(['certs', 'create', '--cn', cn], { env })).code).toBe(0)
      }
      const page = json<{ commonName: string }[]>(
        await h.run(['certs', 'list', '--offset', '1', '--limit', '2', '--json'], { env }),
      )
      pages.push(page.map((c) => c.commonName))
    }
    expect(pages).toEqual([
      ['b.example.test', 'c.example.test'],
      ['b.example.test', 'c.example.test'],
    ])
  })
})

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltBin, runBin } from './cli-harness.js'
import { createDatabase, sqlIn, type TestDatabase } from '@certdeck/store-postgres/testing'

/**
 * Concurrent writers through the real CLI path, the built bin. 8 processes × 200 writes: 8
 * `certdeck batch` processes at once, each running 200 `certs tag` lines (one command and one
 * commit each), as scripts do. And every write its own start of the bin, as admins in their SSH
 * sessions do: each start loads the CLI and unlocks the vault at the real scrypt cost of
 * `certdeck init` (about 0.7 s of CPU), so 8 workers each start it 5 times in a row (40 starts,
 * about 30 s on an idle 2-core machine); `CERTDECK_TEST_BIN_WRITES=200` makes that 8 × 200 too.
 */
const WORKERS = 8
const WRITES_PER_WORKER = Number(process.env.CERTDECK_TEST_BIN_WRITES ?? 5)
/** Writes of each `certdeck batch` process: the full 8 × 200 through the bin, with one start per process. */
const BATCH_WRITES = 200
const PASSPHRASE = 'correct horse battery staple 7'

let db: TestDatabase
let root: string
let env: Record<string, string>

/** One start of the built bin with the test's environment (the passphrase from a file, the password from PGPASSWORD). */
function certdeck(args: readonly string[], extra: Record<string, string> = {}) {
  return runBin(args, { ...env, ...extra }, root)
}

beforeAll(async () => {
  requireBuiltBin()
  db = await createDatabase('binwriters')
  root = await mkdtemp(join(tmpdir(), 'certdeck-pg-bin-writers-'))
  const passphraseFile = join(root, 'passphrase')
  await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 })
  env = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    CERTDECK_HOME: join(root, 'data'),
    CERTDECK_PASSPHRASE_FILE: passphraseFile,
    PGPASSWORD: db.env.PGPASSWORD as string,
  }
  // init takes the new passphrase from the environment; every later start reads it from the file.
  const init = await certdeck(['init', '--store', db.url], { CERTDECK_PASSPHRASE: PASSPHRASE })
  expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' })
}, 120_000)

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

/** A certificate of the test's own, so that each test counts only its own writes. */
async function newCertificate(name: string): Promise<string> {
  const created = await certdeck(['certs', 'create', '--cn', `${name}.example.test`, '--json'])
  expect(created.stderr).toBe('')
  return (JSON.parse(created.stdout) as { id: string }).id
}

const revisionOf = async () =>
  Number((await sqlIn<{ revision: string }>(db.name, 'SELECT revision FROM certdeck_repository'))[0].revision)

/** Every one of `expected` tags is on `certId` (rows and bin agree), audited once each, one commit each since `start`. */
async function expectAllTags(certId: string, expected: string[], start: number): Promise<void> {
  const [{ tags }] = await sqlIn<{ tags: Record<string, string> }>(
    db.name,
    "SELECT body->'tags' AS tags FROM certdeck_certificates WHERE key = $1",
    [certId],
  )
  expect(Object.keys(tags).sort()).toEqual([...expected].sort())
  // What the bin shows agrees with the rows.
  const shown = await certdeck(['certs', 'show', certId, '--json'])
  expect(Object.keys((JSON.parse(shown.stdout) as { tags: Record<string, string> }).tags).sort()).toEqual(
    [...expected].sort(),
  )
  const audit = await sqlIn<{ target: string; n: string }>(
    db.name,
    "SELECT target, count(*) AS n FROM certdeck_audit_events WHERE action = 'certificate.tag' AND outcome = 'ok' " +
      'AND target = $1 GROUP BY target',
    [certId],
  )
  expect(audit).toEqual([{ target: certId, n: String(expected.length) }])
  // One commit per write: none was merged into another.
  expect((await revisionOf()) - start).toBe(expected.length)
}

describe('PostgreSQL store under concurrent certdeck processes (built bin)', () => {
  it(`loses none of ${WORKERS} workers × ${WRITES_PER_WORKER} bin starts tagging one certificate at once`, {
    timeout: 600_000,
  }, async () => {
    const certId = await newCertificate('starts')
    const start = await revisionOf()
    const failures: string[] = []
    let running = 0
    let mostAtOnce = 0
    const worker = async (w: number) => {
      for (let i = 0; i < WRITES_PER_WORKER; i++) {
        running += 1
        mostAtOnce = Math.max(mostAtOnce, running)
        const run = await certdeck(['certs', 'tag', certId, `w${w}-${i}=1`])
        running -= 1
        if (run.code !== 0 || run.stderr !== '') failures.push(`w${w}-${i}: exit ${run.code} ${run.stderr}`)
      }
    }
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
    expect(failures).toEqual([])
    expect(mostAtOnce).toBe(WORKERS)
    const expected = Array.from({ length: WORKERS }, (_, w) =>
      Array.from({ length: WRITES_PER_WORKER }, (_, i) => `w${w}-${i}`),
    ).flat()
    await expectAllTags(certId, expected, start)
  })

  it(`loses none of ${WORKERS} bin processes × ${BATCH_WRITES} writes each (certdeck batch) tagging one certificate at once`, {
    timeout: 600_000,
  }, async () => {
    const certId = await newCertificate('batches')
    const start = await revisionOf()
    const files = await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const path = join(root, `batch-${w}.txt`)
        const lines = Array.from({ length: BATCH_WRITES }, (_, i) => `certs tag ${certId} b${w}-${i}=1`)
        await writeFile(path, `${lines.join('\n')}\n`)
        return path
      }),
    )
    const runs = await Promise.all(files.map((file) => certdeck(['batch', file])))
    expect(runs.map((run) => ({ code: run.code, stderr: run.stderr }))).toEqual(
      files.map(() => ({ code: 0, stderr: '' })),
    )
    const expected = Array.from({ length: WORKERS }, (_, w) =>
      Array.from({ length: BATCH_WRITES }, (_, i) => `b${w}-${i}`),
    ).flat()
    await expectAllTags(certId, expected, start)
  })
})

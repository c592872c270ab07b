import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initCertDeck } from '@certdeck/core'
import { postgresBackend } from '@certdeck/store-postgres'
import { type OwnServer, startOwnServer } from '@certdeck/store-postgres/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, requireBuiltBin, runBin } from './cli-harness.js'

// This file stops and starts its database server, so it runs one of its own.
const PASSPHRASE = 'correct horse battery staple 7'
let own: OwnServer
let url: string
let root: string
let env: Record<string, string>
let watch: ChildProcessWithoutNullStreams | undefined

beforeAll(async () => {
  requireBuiltBin()
  own = await startOwnServer()
  url = await own.createDatabase('watchrestart')
  root = await mkdtemp(join(tmpdir(), 'certdeck-pg-watch-restart-'))
  const dataDir = join(root, 'data')
  const backend = postgresBackend(url, { env: own.env })
  // Created at a low scrypt cost (as the CLI tests' homes are): `init --store` is tested elsewhere.
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend })
  env = {
    PATH: process.env.PATH ?? '',
    HOME: root,
    CERTDECK_HOME: dataDir,
    CERTDECK_PASSPHRASE: PASSPHRASE,
    CERTDECK_STORE_URL: url,
    ...own.env,
  }
}, 120_000)

afterAll(async () => {
  watch?.kill('SIGKILL')
  await own?.dispose()
  if (root) await rm(root, { recursive: true, force: true })
})

/** The renewal check's row of `watchRuns`, read with a connection of the test's own. */
async function renewRun(): Promise<{ lastRunAt: string; lastOutcome: string } | undefined> {
  const rows = await own.sql<{ body: { lastRunAt: string; lastOutcome: string } }>(
    'watchrestart',
    "SELECT body FROM certdeck_collection_items WHERE collection = 'watchRuns' AND body->>'id' = 'renew'",
  )
  return rows[0]?.body
}

describe('certdeck watch (built bin) across a restart of its PostgreSQL server', () => {
  it('reports the lost repository, keeps running, reconnects and its next runs are saved', {
    timeout: 180_000,
  }, async () => {
    const created = await runBin(['certs', 'create', '--cn', 'kept.example.test', '--json'], env, root)
    expect(created.stderr).toBe('')
    // The renewal check every 2 seconds (a six-field cron with seconds), so runs follow each other quickly.
    const config = await runBin(['watch', 'config', '--renew-every', '*/2 * * * * *'], env, root)
    expect({ code: config.code, stderr: config.stderr }).toEqual({ code: 0, stderr: '' })

    const child = spawn(process.execPath, [BIN, 'watch'], { env, cwd: root, stdio: 'pipe' })
    watch = child
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    let exitCode: number | null | undefined
    const exited = new Promise<void>((resolve) =>
      child.on('close', (code) => {
        exitCode = code
        resolve()
      }),
    )
    const renewOk = () => stderr.split('\n').filter((line) => / renew ok /.test(line)).length
    await expect.poll(renewOk, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(2)

    await own.stop()
    const stoppedAt = Date.now()
    await expect
      .poll(() => stderr, { timeout: 30_000, interval: 100 })
      .toContain('watch: the repository is unreachable (Could not reach the PostgreSQL store')
    expect(exitCode).toBeUndefined()
    expect(stderr).not.toContain(own.env.PGPASSWORD)
    const beforeRestart = renewOk()

    await own.start()
    await expect.poll(() => stderr, { timeout: 60_000, interval: 100 }).toMatch(/the repository answers again after/)
    await expect.poll(renewOk, { timeout: 30_000, interval: 100 }).toBeGreaterThan(beforeRestart)
    // The run after the restart is in the database, and what was there before is still there.
    await expect
      .poll(async () => Date.parse((await renewRun())?.lastRunAt ?? '0'), { timeout: 15_000, interval: 200 })
      .toBeGreaterThan(stoppedAt)
    expect((await renewRun())?.lastOutcome).toBe('ok')
    const listed = await runBin(['certs', 'list', '--json'], env, root)
    expect((JSON.parse(listed.stdout) as { commonName: string }[]).map((c) => c.commonName)).toEqual([
      'kept.example.test',
    ])

    child.kill('SIGTERM')
    await exited
    expect(exitCode).toBe(0)
    expect(stderr).toMatch(/watch: stopped\n$/)
  })
})

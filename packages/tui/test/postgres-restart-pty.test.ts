import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { initCertDeck } from '@certdeck/core'
import { postgresBackend } from '@certdeck/store-postgres'
import { type OwnServer, startOwnServer } from '@certdeck/store-postgres/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEQ } from '../src/index.js'
import { PtyApp } from './helpers/pty-screen.js'

// This file stops and starts its database server, so it runs one of its own.
const BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url))
const PASSPHRASE = 'correct horse battery staple 7'
const DATABASE = 'tuirestart'
let own: OwnServer
let root: string
let env: Record<string, string>
let app: PtyApp | undefined

/** The environment of an admin in an interactive terminal, with the repository in the database. */
function terminalEnv(url: string, dataDir: string): Record<string, string> {
  const base: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    const dropped = key.startsWith('CERTDECK_') || key.startsWith('AWS_') || key === 'CI' || key === 'NO_COLOR'
    if (value !== undefined && !dropped) base[key] = value
  }
  return {
    ...base,
    TERM: 'xterm-256color',
    HOME: root,
    CERTDECK_HOME: dataDir,
    CERTDECK_PASSPHRASE: PASSPHRASE,
    CERTDECK_STORE_URL: url,
    ...own.env,
  }
}

const listening = async () =>
  (await own.sql(DATABASE, "SELECT 1 FROM pg_stat_activity WHERE query = 'LISTEN certdeck_changes'")).length

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} is missing: run pnpm build first`).toBe(true)
  own = await startOwnServer()
  const url = await own.createDatabase(DATABASE)
  root = await mkdtemp(join(tmpdir(), 'certdeck-pg-tui-restart-'))
  const dataDir = join(root, 'data')
  // Created at a low scrypt cost, so that each start unlocks it quickly.
  const backend = postgresBackend(url, { env: own.env })
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 }, backend })
  env = terminalEnv(url, dataDir)
}, 120_000)

afterAll(async () => {
  app?.kill()
  await own?.dispose()
  if (root) await rm(root, { recursive: true, force: true })
})

describe('the full-screen UI (built bin, real terminal) across a restart of its PostgreSQL server', () => {
  it("says the repository is unreachable, reconnects by itself, then shows another process's change and saves its own", {
    timeout: 180_000,
  }, async () => {
    const tui = new PtyApp(process.execPath, [BIN], { cols: 100, rows: 30, cwd: root, env })
    app = tui
    await tui.waitFor('0 certs', 60_000)
    await expect.poll(listening, { timeout: 20_000 }).toBe(1)

    await own.stop()
    await tui.waitFor('Could not reach the PostgreSQL store', 30_000)
    expect(tui.screen.text()).toContain('Reconnecting')
    expect(tui.raw).not.toContain(own.env.PGPASSWORD)

    await own.start()
    // The UI subscribes again on a new connection of its own, and says so in place of the outage notice.
    await tui.waitFor('Connected to the repository again', 30_000)
    expect(tui.screen.text()).not.toContain('Reconnecting')
    await expect.poll(listening, { timeout: 30_000, interval: 200 }).toBe(1)
    // Another admin's certdeck, in a process of its own; nothing is pressed in the UI.
    await promisify(execFile)(process.execPath, [BIN, 'certs', 'create', '--cn', 'after.example.test'], {
      env,
      cwd: root,
    })
    await tui.waitFor('after.example.test', 20_000)
    await tui.waitFor('1 cert ·')

    // A change made in the UI after the restart is saved.
    tui.press('t')
    await tui.waitFor('Tag after.example.test')
    tui.press('env=prod')
    tui.press(SEQ.enter)
    await tui.waitFor('Tags of after.example.test: env=prod.', 20_000)
    const rows = await own.sql<{ tags: Record<string, string> }>(
      DATABASE,
      "SELECT body->'tags' AS tags FROM certdeck_certificates",
    )
    expect(rows).toEqual([{ tags: { env: 'prod' } }])
    tui.press('q')
    expect(await tui.exit(20_000)).toBe(0)
  })
})

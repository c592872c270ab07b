import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from './domain/store-data.js'
import { initCertDeck } from './init-certdeck.js'
import { openCertDeck } from './open-certdeck.js'
import type { CertDeckPlugin } from './plugins/plugin.js'
import type { ScryptParams } from './vault/kdf.js'

const scrypt: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }
const PASS = 'first master passphrase'
const NEXT = 'second master passphrase'

let root: string
let dataDir: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'certdeck-open-'))
  dataDir = join(root, 'data')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const snapshot = async () =>
  Object.fromEntries(
    await Promise.all(
      (await readdir(dataDir)).map(async (f) => [f, await readFile(join(dataDir, f), 'utf8').catch(() => 'dir')]),
    ),
  )

describe('initCertDeck / openCertDeck', () => {
  it('narrows a loosened data dir and audit log at open and lists what it did in warnings', async () => {
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    await chmod(dataDir, 0o755)
    await chmod(join(dataDir, 'audit.jsonl'), 0o644)
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
    expect((await stat(join(dataDir, 'audit.jsonl'))).mode & 0o777).toBe(0o600)
    expect(deck.warnings).toEqual([
      expect.stringContaining(`${dataDir} had mode 0755`),
      expect.stringContaining(`${join(dataDir, 'audit.jsonl')} had mode 0644`),
    ])
    expect((await openCertDeck({ dataDir, passphrase: PASS })).warnings).toEqual([])
  })

  it('initialises a private data dir, opens it and records the init in the audit log', async () => {
    const result = await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    expect(result).toEqual({ dataDir, path: join(dataDir, 'certdeck.json') })
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700)
    expect((await stat(result.path)).mode & 0o777).toBe(0o600)
    expect((await stat(join(dataDir, 'audit.jsonl'))).mode & 0o777).toBe(0o600)
    const deck = await openCertDeck({ dataDir, passphrase: PASS })
    expect(deck.dataDir).toBe(dataDir)
    expect(deck.config.expiryThresholdsDays).toEqual([30, 14, 7, 1])
    expect(deck.plugins).toEqual({ loaded: [], failed: [] })
    const events = await deck.auditEvents()
    expect(events).toMatchObject([{ action: 'vault.init', target: dataDir, outcome: 'ok' }])
    expect(events[0].actor).not.toBe('')
  })

  it('refuses a weak passphrase and a second init, writing nothing', async () => {
    await expect(initCertDeck({ dataDir, passphrase: '', scrypt })).rejects.toMatchObject({ code: 'PASSPHRASE_WEAK' })
    await expect(initCertDeck({ dataDir, passphrase: 'seven77', scrypt })).rejects.toMatchObject({
      code: 'PASSPHRASE_WEAK',
    })
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' })
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    const before = await snapshot()
    await expect(initCertDeck({ dataDir, passphrase: NEXT, scrypt })).rejects.toMatchObject({
      code: 'ALREADY_INITIALISED',
    })
    expect(await snapshot()).toEqual(before)
  })

  it('tells the user to run certdeck init when there is no repository', async () => {
    const error = await openCertDeck({ dataDir, passphrase: PASS }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'VAULT_NOT_INITIALISED' })
    expect((error as Error).message).toContain('certdeck init')
  })

  it('says the data dir is a file, naming it, for init and open alike, and writes nothing', async () => {
    await writeFile(join(root, 'data'), 'not a directory')
    for (const dir of [dataDir, join(dataDir, 'nested')]) {
      for (const attempt of [
        initCertDeck({ dataDir: dir, passphrase: PASS, scrypt }),
        openCertDeck({ dataDir: dir, passphrase: PASS }),
      ]) {
        await expect(attempt).rejects.toMatchObject({
          name: 'CertDeckError',
          code: 'DATA_DIR_NOT_A_DIRECTORY',
          message: expect.stringMatching(new RegExp(`${dataDir}.* is a file, not a directory\\. Point CERTDECK_HOME`)),
        })
      }
    }
    expect(await readdir(root)).toEqual(['data'])
    expect(await readFile(join(root, 'data'), 'utf8')).toBe('not a directory')
  })

  it('refuses a wrong passphrase and writes nothing', async () => {
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    const before = await snapshot()
    await expect(openCertDeck({ dataDir, passphrase: NEXT })).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
    expect(await snapshot()).toEqual(before)
  })

  it(
    'changes the passphrase, audits it without either ' + 'passphrase, and stops a stale process from writing',
    async () => {
      await initCertDeck({ dataDir, passphrase: PASS, scrypt })
      const deck = await openCertDeck({ dataDir, passphrase: PASS, scrypt })
      const other = await openCertDeck({ dataDir, passphrase: PASS, scrypt })
      await deck.vault.changePassphrase(NEXT)
      await expect(openCertDeck({ dataDir, passphrase: PASS })).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' })
      const reopened = await openCertDeck({ dataDir, passphrase: NEXT })
      await expect(other.vault.changePassphrase('third master passphrase')).rejects.toMatchObject({
        code: 'VAULT_STALE',
      })
      await expect(deck.vault.changePassphrase('short')).rejects.toMatchObject({ code: 'PASSPHRASE_WEAK' })
      const events = await reopened.auditEvents()
      expect(events.map((e) => [e.action, e.outcome])).toEqual([
        ['vault.init', 'ok'],
        ['vault.passphrase-change', 'ok'],
        ['vault.passphrase-change', 'failed'],
      ])
      const log = await readFile(join(dataDir, 'audit.jsonl'), 'utf8')
      for (const secret of [PASS, NEXT, 'third master passphrase']) expect(log).not.toContain(secret)
    },
  )

  it('initialises a hand-written v0 file without a vault, migrating it after a backup', async () => {
    await mkdir(dataDir, { mode: 0o700 })
    await writeFile(join(dataDir, 'certdeck.json'), JSON.stringify({ vault: null, certificates: [] }))
    await expect(openCertDeck({ dataDir, passphrase: PASS })).rejects.toMatchObject({ code: 'VAULT_NOT_INITIALISED' })
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    await openCertDeck({ dataDir, passphrase: PASS })
    expect((await readdir(dataDir)).some((f) => /^certdeck\.json\.bak-v0-/.test(f))).toBe(true)
    expect(JSON.parse(await readFile(join(dataDir, 'certdeck.json'), 'utf8')).schemaVersion).toBe(SCHEMA_VERSION)
  })

  it('loads the given plugins and says what is missing without a cloud provider', async () => {
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    const plugin: CertDeckPlugin = { name: 'test:nothing', register: () => undefined }
    const broken: CertDeckPlugin = {
      name: 'test:broken',
      register: () => {
        throw new Error('no options')
      },
    }
    const deck = await openCertDeck({ dataDir, passphrase: PASS, plugins: [plugin, broken] })
    expect(deck.plugins).toEqual({
      loaded: ['test:nothing'],
      failed: [{ name: 'test:broken', error: 'register failed: no options' }],
    })
    await expect(deck.cloud.discover()).rejects.toMatchObject({
      code: 'NOT_AVAILABLE',
      message: expect.stringContaining('no cloud provider plugin is registered'),
    })
    await expect(deck.credentials.list()).rejects.toMatchObject({ code: 'NOT_AVAILABLE' })
    expect(() => deck.cloud.regions()).toThrow(expect.objectContaining({ code: 'NOT_AVAILABLE' }))
  })

  it('reports a bad config.json naming the file', async () => {
    await initCertDeck({ dataDir, passphrase: PASS, scrypt })
    await writeFile(join(dataDir, 'config.json'), '{ plugins: [] }')
    await expect(openCertDeck({ dataDir, passphrase: PASS })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(join(dataDir, 'config.json')),
    })
  })
})

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { container } from 'tsyringe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JsonlAuditLog } from '../src/audit/jsonl-audit-log.js'
import { initCertDeck } from '../src/init-certdeck.js'
import { registerCore } from '../src/register-core.js'
import { CertificateService } from '../src/services/certificate-service.js'
import { AUDIT_FILE } from '../src/store/data-dir.js'
import { FileStore } from '../src/store/file-store.js'
import { DEFAULT_CONFIG } from '../src/domain/config.js'
import { inputFile, keyPemAs, makeTestPki } from '../src/testing/test-pki.js'
import { systemClock } from '../src/ports/clock.js'
import { unlockVault } from '../src/vault/vault-header.js'

const PASS = 'integration master passphrase'
const KEY_PASS = 'integration key passphrase'
let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'certdeck-certs-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** The certificate service over the real file store, vault and audit log of `dataDir`. */
async function openService(dataDir: string): Promise<CertificateService> {
  const store = await FileStore.open(dataDir)
  const header = (await store.read()).vault
  if (!header) throw new Error('not initialised')
  const vault = await unlockVault(header, PASS)
  const plugins = { status: { loaded: [], failed: [] }, cloudProviders: () => [], cloudProvider: () => undefined, dnsProviders: () => [], dnsProvider: () => undefined }
  const auditLog = new JsonlAuditLog(join(dataDir, AUDIT_FILE))
  const child = registerCore(container.createChildContainer(), { store, vault, auditLog, clock: systemClock, config: DEFAULT_CONFIG, plugins })
  return child.resolve(CertificateService)
}

describe('certificates on disk', () => {
  it('imports an encrypted key, keeps it sealed on disk, and reads it back after reopening', async () => {
    const dataDir = join(root, 'data')
    await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    const pki = await makeTestPki()
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048', commonName: 'disk.example.test' })
    const service = await openService(dataDir)
    const { certificate } = await service.import({
      files: [inputFile('chain.pem', leaf.chainPem.join('')), inputFile('key.pem', keyPemAs(leaf.key, 'pkcs8', KEY_PASS)), inputFile('leaf.pem', leaf.pem)],
      passphrase: KEY_PASS,
    })
    const failed = await service.import({ files: [inputFile('leaf.pem', leaf.pem), inputFile('key.pem', keyPemAs(leaf.key, 'pkcs8', KEY_PASS))], passphrase: 'not it' }).catch((e: Error) => e)
    expect(failed).toMatchObject({ code: 'KEY_PASSPHRASE_WRONG' })

    const reopened = await openService(dataDir)
    expect((await reopened.get(certificate.id)).fingerprintSha256).toBe(leaf.fingerprint)
    expect(await reopened.privateKeyPem(certificate.id)).toBe(leaf.keyPem)

    const onDisk = await readFile(join(dataDir, 'certdeck.json'), 'utf8')
    const audit = await readFile(join(dataDir, AUDIT_FILE), 'utf8')
    const keyBody = leaf.keyPem.split('\n')[5]
    for (const text of [onDisk, audit]) {
      expect(text).not.toContain(keyBody)
      expect(text).not.toContain(KEY_PASS)
      expect(text).not.toContain(PASS)
    }
    const events = audit.trim().split('\n').map((line) => JSON.parse(line))
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['vault.init', 'ok'],
      ['certificate.import', 'ok'],
      ['certificate.import', 'failed'],
    ])
  })
})

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { initCertDeck } from '../src/init-certdeck.js'
import { openCertDeck } from '../src/open-certdeck.js'
import { AUDIT_FILE } from '../src/store/data-dir.js'
import { inputFile, keyPemAs, makeTestPki } from '../src/testing/test-pki.js'

const PASS = 'integration master passphrase'
const KEY_PASS = 'integration key passphrase'
let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'certdeck-certs-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('certificates on disk', () => {
  it('imports an encrypted key, keeps it sealed on disk, and reads it back after reopening', async () => {
    const dataDir = join(root, 'data')
    await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
    const pki = await makeTestPki()
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048', commonName: 'disk.example.test' })
    const service = (await openCertDeck({ dataDir, passphrase: PASS })).certificates
    const { certificate } = await service.import({
      files: [
        inputFile('chain.pem', leaf.chainPem.join('')),
        inputFile('key.pem', keyPemAs(leaf.key, 'pkcs8', KEY_PASS)),
        inputFile('leaf.pem', leaf.pem),
      ],
      passphrase: KEY_PASS,
    })
    const failed = await service
      .import({
        files: [inputFile('leaf.pem', leaf.pem), inputFile('key.pem', keyPemAs(leaf.key, 'pkcs8', KEY_PASS))],
        passphrase: 'not it',
      })
      .catch((e: Error) => e)
    expect(failed).toMatchObject({ code: 'KEY_PASSPHRASE_WRONG' })

    const reopened = (await openCertDeck({ dataDir, passphrase: PASS })).certificates
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
    const events = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['vault.init', 'ok'],
      ['certificate.import', 'ok'],
      ['certificate.import', 'failed'],
    ])
  })
})

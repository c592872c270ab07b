import { createPrivateKey } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type CertificateHarness, certificateHarness } from '../../testing/certificate-harness.js'
import { type TestCertificate, type TestPki, inputFile, makeTestPki } from '../../testing/test-pki.js'
import { readBundleFiles } from '../../x509/bundle.js'
import { assembleBundle } from '../../x509/chain.js'
import { certificateFacts, fingerprintSha256 } from '../../x509/facts.js'
import { readPkcs12 } from '../../x509/pkcs12.js'
import type { CertificateService } from './certificate-service.js'

const DAY = 86_400_000
let pki: TestPki
let h: CertificateHarness

beforeAll(async () => {
  pki = await makeTestPki()
})

beforeEach(() => {
  h = certificateHarness()
})

async function importLeaf(leaf: TestCertificate, tags?: Record<string, string>) {
  return (
    await h.service.import({ files: [inputFile('leaf.pem', leaf.pem + leaf.keyPem + leaf.chainPem.join(''))], tags })
  ).certificate
}

describe('create and createCsr', () => {
  it('creates a self-signed certificate with a sealed key, the CN among the SANs', async () => {
    const certificate = await h.service.create({
      commonName: 'Self.Example.Test',
      sans: ['alt.example.test', '10.0.0.7'],
      keyAlgorithm: 'EC_secp384r1',
      days: 30,
      tags: { owner: 'ops' },
    })
    expect(certificate).toMatchObject({
      commonName: 'Self.Example.Test',
      sans: ['self.example.test', 'alt.example.test', '10.0.0.7'],
      keyAlgorithm: 'EC_secp384r1',
      selfSigned: true,
      origin: 'created',
      tags: { owner: 'ops' },
    })
    expect(Date.parse(certificate.notAfter) - Date.parse(certificate.notBefore)).toBe(30 * DAY)
    expect(certificateFacts(certificate.pem).fingerprintSha256).toBe(certificate.fingerprintSha256)
    const key = createPrivateKey(await h.service.privateKeyPem(certificate.id))
    expect(assembleBundle(readBundleFiles([inputFile('c.pem', certificate.pem)]), { key }).key).toBe(key)
    expect(h.audit.events).toMatchObject([{ action: 'certificate.create', target: certificate.id, outcome: 'ok' }])
  })

  it('rejects bad create options before generating anything, and writes nothing', async () => {
    await expect(h.service.create({ commonName: '' })).rejects.toMatchObject({ code: 'CREATE_OPTIONS_INVALID' })
    await expect(h.service.create({ commonName: 'x.test', sans: ['bad name!'] })).rejects.toThrow(
      /Not a host name or IP address: 'bad name!'/,
    )
    await expect(h.service.create({ commonName: 'x.test', sans: ['a.*.test'] })).rejects.toMatchObject({
      code: 'CREATE_OPTIONS_INVALID',
    })
    await expect(h.service.create({ commonName: 'x.test', days: 0 })).rejects.toThrow(/from 1 to 36500/)
    await expect(h.service.createCsr({ commonName: 'x.test', keyAlgorithm: 'RSA_1024' as never })).rejects.toThrow(
      /Accepted: RSA_2048/,
    )
    await expect(h.service.create({ commonName: 'x.test', tags: { 'aws:owner': 'me' } })).rejects.toMatchObject({
      code: 'TAG_INVALID',
    })
    expect(h.store.writes).toBe(0)
    expect(h.audit.events.map((e) => e.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed'])
  })

  it('creates a CSR as a pending key', async () => {
    const pending = await h.service.createCsr({ commonName: 'pending.example.test', keyAlgorithm: 'RSA_2048' })
    expect(await h.service.pendingKeys()).toEqual([pending])
    expect(pending).toMatchObject({
      commonName: 'pending.example.test',
      sans: ['pending.example.test'],
      keyAlgorithm: 'RSA_2048',
    })
    expect(await h.service.list()).toEqual([])
  })
})

describe('list, get, tag, delete', () => {
  it(
    'searches case-insensitively over CN, SANs, issuer, ' + 'serial, fingerprint, id and tags, and filters by tag',
    async () => {
      const a = await importLeaf(
        await pki.leaf({ commonName: 'shop.example.test', sans: ['shop.example.test', 'cart.example.test'] }),
        { env: 'prod' },
      )
      const b = await importLeaf(await pki.selfSigned({ commonName: 'intranet.local.test', keySlot: 1 }), {
        env: 'dev',
      })
      const ids = async (options: Parameters<CertificateService['list']>[0]) =>
        (await h.service.list(options)).map((c) => c.id)
      expect(await ids({ search: 'CART' })).toEqual([a.id])
      expect(await ids({ search: 'intermediate ca' })).toEqual([a.id])
      expect(await ids({ search: b.serial.slice(0, 10).toUpperCase() })).toEqual([b.id])
      expect(await ids({ search: b.fingerprintSha256.slice(20, 40) })).toEqual([b.id])
      expect(await ids({ search: 'env=dev' })).toEqual([b.id])
      expect(await ids({ tag: 'env' })).toEqual([a.id, b.id])
      expect(await ids({ tag: 'env=prod' })).toEqual([a.id])
      expect(await ids({ search: 'nothing-like-this' })).toEqual([])
    },
  )

  it('gets by id, id prefix or fingerprint prefix, and explains none and ambiguous refs', async () => {
    const a = await importLeaf(await pki.leaf({ commonName: 'one.example.test' }))
    const b = await importLeaf(await pki.leaf({ commonName: 'two.example.test', keySlot: 1 }))
    expect((await h.service.get(a.id)).id).toBe(a.id)
    expect((await h.service.get(b.id.slice(0, 8).toUpperCase())).id).toBe(b.id)
    const colonFingerprint = a.fingerprintSha256.slice(0, 12).match(/../g)?.join(':') ?? ''
    expect((await h.service.get(colonFingerprint)).id).toBe(a.id)
    await expect(h.service.get('zz-no-such')).rejects.toMatchObject({
      code: 'CERT_NOT_FOUND',
      message: expect.stringContaining("'zz-no-such'"),
    })
    // Forge an ambiguity: both ids start with the same hex digit.
    await h.store.update((data) => {
      data.certificates[0] = { ...data.certificates[0], id: `a1${data.certificates[0].id.slice(2)}` }
      data.certificates[1] = { ...data.certificates[1], id: `a1${data.certificates[1].id.slice(2)}` }
    })
    const error = await h.service.get('a1').catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'CERT_REF_AMBIGUOUS' })
    expect((error as Error).message).toMatch(
      /'a1' matches 2 certificates: a1\w+ one\.example\.test \(expires \d{4}-\d\d-\d\d\); a1\w+ two\.example\.test/,
    )
  })

  it('sets and removes tags, audited', async () => {
    const a = await importLeaf(await pki.leaf(), { env: 'dev', team: 'web' })
    const tagged = await h.service.tag(a.id, { env: 'prod', app: 'shop' }, ['team'])
    expect(tagged.tags).toEqual({ env: 'prod', app: 'shop' })
    expect((await h.service.get(a.id)).tags).toEqual({ env: 'prod', app: 'shop' })
    expect(h.audit.events.at(-1)).toMatchObject({
      action: 'certificate.tag',
      target: a.id,
      outcome: 'ok',
      detail: 'tags +env +app -team',
    })
    await expect(h.service.tag(a.id, { 'a=b': 'x' })).rejects.toMatchObject({ code: 'TAG_INVALID' })
  })

  it('deletes the local entry only, audited; a bad ref deletes nothing', async () => {
    const a = await importLeaf(await pki.leaf())
    const writes = h.store.writes
    await expect(h.service.delete('ffffffffffff')).rejects.toMatchObject({ code: 'CERT_NOT_FOUND' })
    expect(h.store.writes).toBe(writes)
    await h.service.delete(a.id)
    expect(await h.service.list()).toEqual([])
    expect(h.audit.events.slice(-2)).toMatchObject([
      { action: 'certificate.delete', target: 'ffffffffffff', outcome: 'failed' },
      { action: 'certificate.delete', target: a.id, outcome: 'ok' },
    ])
  })
})

describe('export', () => {
  it('exports a PEM bundle of leaf and chain, the key only when asked', async () => {
    const leaf = await pki.leaf()
    const a = await importLeaf(leaf)
    const plain = Buffer.from(await h.service.export(a.id)).toString()
    expect(plain).not.toContain('PRIVATE KEY')
    const withKey = Buffer.from(await h.service.export(a.id, { includeKey: true })).toString()
    const back = assembleBundle(readBundleFiles([inputFile('export.pem', withKey)]))
    expect(fingerprintSha256(back.leaf)).toBe(leaf.fingerprint)
    expect(back.chain.map((c) => fingerprintSha256(c))).toEqual([pki.intermediate.fingerprint, pki.root.fingerprint])
    expect(back.key?.export({ type: 'pkcs8', format: 'pem' })).toBe(leaf.keyPem)
    expect(h.audit.events.at(-1)).toMatchObject({
      action: 'certificate.export',
      outcome: 'ok',
      detail: 'pem with the private key',
    })
  })

  it('exports PKCS#12 with a passphrase, and re-imports it', async () => {
    const leaf = await pki.leaf({ keyAlgorithm: 'RSA_2048' })
    const a = await importLeaf(leaf)
    const p12 = await h.service.export(a.id, { format: 'pkcs12', includeKey: true, passphrase: 'export-pw' })
    const contents = readPkcs12(p12, 'out.p12', 'export-pw')
    expect(contents.certificates.map((c) => fingerprintSha256(c))).toEqual([
      leaf.fingerprint,
      pki.intermediate.fingerprint,
      pki.root.fingerprint,
    ])
    expect(contents.keys.map((k) => k.export({ type: 'pkcs8', format: 'pem' }))).toEqual([leaf.keyPem])
    const certsOnly = readPkcs12(
      await h.service.export(a.id, { format: 'pkcs12', passphrase: 'export-pw' }),
      'c.p12',
      'export-pw',
    )
    expect(certsOnly.keys).toEqual([])
    await h.service.delete(a.id)
    const again = await h.service.import({ files: [inputFile('out.p12', p12)], passphrase: 'export-pw' })
    expect(again.certificate.fingerprintSha256).toBe(leaf.fingerprint)
  })

  it('requires a passphrase for PKCS#12 and a held key for includeKey', async () => {
    const noKey = (await h.service.import({ files: [inputFile('c.pem', (await pki.leaf()).pem)] })).certificate
    await expect(h.service.export(noKey.id, { format: 'pkcs12' })).rejects.toMatchObject({ code: 'PASSPHRASE_NEEDED' })
    await expect(h.service.export(noKey.id, { includeKey: true })).rejects.toMatchObject({
      code: 'NO_PRIVATE_KEY',
      message: expect.stringContaining(noKey.id),
    })
    await expect(h.service.privateKeyPem(noKey.id)).rejects.toMatchObject({ code: 'NO_PRIVATE_KEY' })
    await expect(h.service.export(noKey.id, { format: 'der' as never })).rejects.toMatchObject({
      code: 'EXPORT_FORMAT_INVALID',
    })
  })
})

describe('expiring', () => {
  it('lists certificates expiring within the window, expired included, soonest first', async () => {
    const now = h.clock.now().getTime()
    const at = (days: number) => new Date(now + days * DAY)
    const expired = await importLeaf(
      await pki.leaf({ commonName: 'expired.example.test', notBefore: at(-400), notAfter: at(-3) }),
    )
    const soon = await importLeaf(await pki.leaf({ commonName: 'soon.example.test', keySlot: 1, notAfter: at(6) }))
    const month = await importLeaf(await pki.leaf({ commonName: 'month.example.test', keySlot: 2, notAfter: at(29) }))
    await importLeaf(await pki.leaf({ commonName: 'later.example.test', keySlot: 3, notAfter: at(200) }))
    expect((await h.service.expiring(30)).map((c) => c.id)).toEqual([expired.id, soon.id, month.id])
    expect((await h.service.expiring(0)).map((c) => c.id)).toEqual([expired.id])
    h.clock.advanceDays(7)
    expect((await h.service.expiring(0)).map((c) => c.id)).toEqual([expired.id, soon.id])
    await expect(h.service.expiring(-1)).rejects.toMatchObject({ code: 'EXPIRY_WINDOW_INVALID' })
  })
})

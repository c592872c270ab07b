import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { makeTestPki } from '@certdeck/core/testing'
import { awsProvider, staticCredential, storesOf } from './support/aws.js'

describe('ACM store over the real SDK and the sandbox', () => {
  let sandbox: Sandbox
  let session: ReturnType<ReturnType<typeof awsProvider>['connect']>

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({
      regions: ['eu-west-1'],
      certsPerRegion: 1150,
      mix: { amazonIssued: 2, imported: 1, private: 1, pending: 1 },
      keyTypes: ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1', 'RSA_4096', 'EC_secp521r1'],
      privateCAs: 1,
    })
    session = awsProvider().connect(staticCredential(sandbox.endpoint))
  })
  afterAll(async () => {
    session.close?.()
    await sandbox.close()
  })

  it('lists every certificate of a region past 1,000, EC keys and every status included', async () => {
    sandbox.control.resetStats()
    const list = await storesOf(session).acm.list('eu-west-1')
    expect(list).toHaveLength(1150)
    expect(new Set(list.map((s) => s.arn)).size).toBe(1150)
    expect(sandbox.control.calls({ operation: 'ListCertificates' })).toBe(2)
    const keyTypes = new Set(list.map((s) => s.keyAlgorithm))
    expect([...keyTypes].sort()).toEqual(['EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1', 'RSA_2048', 'RSA_4096'])
    expect(new Set(list.map((s) => s.kind))).toEqual(new Set(['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE']))
    expect(list.some((s) => s.status === 'PENDING_VALIDATION')).toBe(true)
    const issued = list.find((s) => s.status === 'ISSUED')!
    expect(issued.notAfter).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(issued.arn).toMatch(/^arn:aws:acm:eu-west-1:111122223333:certificate\//)
  })

  it('reads a body with its chain, leaf first', async () => {
    const { acm } = storesOf(session)
    const summary = (await acm.list('eu-west-1')).find((s) => s.kind === 'PRIVATE' && s.status === 'ISSUED')!
    const body = await acm.get('eu-west-1', summary.arn)
    const leaf = new X509Certificate(body.pem)
    expect(body.chainPem.length).toBeGreaterThan(0)
    expect(leaf.checkIssued(new X509Certificate(body.chainPem[0]))).toBe(true)
    expect(Date.parse(leaf.validTo) / 1000).toBe(Math.floor(Date.parse(summary.notAfter!) / 1000))
  })

  it('imports with tags, then re-imports onto the same ARN', async () => {
    const { acm } = storesOf(session)
    const pki = await makeTestPki()
    const first = await pki.leaf({ commonName: 'shop.example.test' })
    const arn = await acm.importCertificate('us-east-2', {
      pem: first.pem,
      chainPem: first.chainPem,
      privateKeyPem: first.keyPem,
      tags: { 'certdeck:certificate-id': 'abc123' },
    })
    expect(await acm.tags('us-east-2', arn)).toEqual({ 'certdeck:certificate-id': 'abc123' })
    const second = await pki.leaf({
      commonName: 'shop.example.test',
      notAfter: new Date(Date.now() + 200 * 86_400_000),
    })
    const again = await acm.importCertificate('us-east-2', {
      pem: second.pem,
      chainPem: second.chainPem,
      privateKeyPem: second.keyPem,
      arn,
    })
    expect(again).toBe(arn)
    const body = await acm.get('us-east-2', arn)
    expect(new X509Certificate(body.pem).fingerprint256).toBe(new X509Certificate(second.pem).fingerprint256)
    const listed = await acm.list('us-east-2')
    expect(listed.map((s) => s.arn)).toEqual([arn])
    expect(listed[0].importedAt).toBeDefined()
  })

  it('loses nothing when AWS throttles and fails calls at random', async () => {
    sandbox.control.setFaults({
      rules: [
        { service: 'acm', operation: 'ListCertificates', errorRate: 0.4, error: 'Throttling' },
        { service: 'acm', operation: 'GetCertificate', errorRate: 0.3, error: 'InternalFailure' },
      ],
    })
    sandbox.control.resetStats()
    try {
      const { acm } = storesOf(session)
      const list = await acm.list('eu-west-1')
      expect(new Set(list.map((s) => s.arn)).size).toBe(1150)
      const issued = list.filter((s) => s.status === 'ISSUED').slice(0, 12)
      const bodies = await Promise.all(issued.map((s) => acm.get('eu-west-1', s.arn)))
      expect(bodies.every((b) => b.pem.includes('BEGIN CERTIFICATE'))).toBe(true)
      const faulted = sandbox.control.stats({ service: 'acm' }).reduce((sum, row) => sum + row.faulted, 0)
      expect(faulted).toBeGreaterThan(0)
    } finally {
      sandbox.control.setFaults({})
    }
  })
})

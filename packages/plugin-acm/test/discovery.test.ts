import { DeleteCertificateCommand, ImportCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { FileStore, type DiscoveryEvent } from '@certdeck/core'
import { makeTestPki } from '@certdeck/core/testing'
import { openTestDeck, type TestDeck } from './support/deck.js'
import { rawAcm } from './support/raw-acm.js'

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1']
const KEY_TYPES = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const
const encode = (text: string) => new TextEncoder().encode(text)
/** ACM statuses whose certificate has a body to read. */
const NO_BODY = ['PENDING_VALIDATION', 'FAILED', 'VALIDATION_TIMED_OUT']

/** How many ACM certificates `region` of the sandbox holds now, counted through a plain SDK client. */
async function acmCount(endpoint: string, region: string): Promise<number> {
  const client = rawAcm(endpoint, region)
  let count = 0
  let NextToken: string | undefined
  do {
    const page = await client.send(new ListCertificatesCommand({ Includes: { keyTypes: [...KEY_TYPES] }, NextToken }))
    count += page.CertificateSummaryList?.length ?? 0
    NextToken = page.NextToken
  } while (NextToken)
  return count
}

const acmCounts = async (endpoint: string, regions: readonly string[]) =>
  (await Promise.all(regions.map((region) => acmCount(endpoint, region)))).reduce((a, b) => a + b, 0)

describe('discovery through openCertDeck, the ACM plugin and the sandbox', () => {
  let sandbox: Sandbox
  let t: TestDeck

  // Each test brings the shared repository up to date with a discovery of its own first and
  // counts what it expects in the sandbox, so none depends on the tests before it.
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({
      regions: ['us-east-1'],
      certsPerRegion: 1050,
      keyTypes: [...KEY_TYPES],
      iamServerCertificates: 3,
    })
    await sandbox.control.seed({
      regions: ['eu-west-1', 'ap-south-1'],
      certsPerRegion: 30,
      keyTypes: ['EC_prime256v1', 'RSA_2048'],
    })
    t = await openTestDeck()
    await t.addCredential(sandbox.endpoint)
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it('finds every certificate of every region, EC keys and IAM included, from summaries alone', async () => {
    // A repository of its own, so that everything is new to it.
    const own = await openTestDeck()
    await own.addCredential(sandbox.endpoint)
    const expected = (await acmCounts(sandbox.endpoint, REGIONS)) + 3
    sandbox.control.resetStats()
    const events: DiscoveryEvent[] = []
    const summary = await own.deck.cloud.discover({ regions: REGIONS, onEvent: (e) => events.push(e) })
    expect(expected).toBeGreaterThan(1100)
    expect(summary).toEqual({ found: expected, new: expected, changed: 0, gone: 0, failedRegions: [] })
    expect(
      events
        .filter((e) => e.type === 'region-done')
        .map((e) => e.region)
        .sort(),
    ).toEqual([...REGIONS, 'global'].sort())
    const all = await own.deck.cloud.list()
    expect(all.filter((c) => c.keyAlgorithm?.startsWith('EC_')).length).toBeGreaterThan(300)
    expect(new Set(all.map((c) => c.kind))).toEqual(new Set(['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE']))
    // Summaries suffice for ACM: no body is read; two pages for the region past 1,000.
    expect(sandbox.control.calls({ service: 'acm', operation: 'GetCertificate' })).toBe(0)
    expect(sandbox.control.calls({ service: 'acm', operation: 'DescribeCertificate' })).toBe(0)
    expect(sandbox.control.calls({ region: 'us-east-1', operation: 'ListCertificates' })).toBe(2)
    // IAM bodies are read: they give the domain, and they enter the repository.
    const iam = await own.deck.cloud.list({ region: 'global' })
    expect(iam).toHaveLength(3)
    expect(
      iam.every((c) => c.store === 'iam' && c.fingerprintSha256 && c.certificateId && c.domain.includes('.')),
    ).toBe(true)
    const discovered = (await own.deck.certificates.list()).filter((c) => c.origin === 'discovered')
    expect(discovered.map((c) => c.id).sort()).toEqual(iam.map((c) => c.certificateId).sort())
    await own.close()
  })

  it(
    "keeps a failed region's records, marked stale, while the others complete; only answering regions lose " +
      'records',
    async () => {
      await t.deck.cloud.discover({ regions: REGIONS, iam: false })
      const westBefore = (await t.deck.cloud.list({ region: 'eu-west-1' })).length
      const west = rawAcm(sandbox.endpoint, 'eu-west-1')
      const east = rawAcm(sandbox.endpoint, 'us-east-1')
      const westArn = (
        await west.send(new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1', 'RSA_2048'] } }))
      ).CertificateSummaryList!.find((s) => !s.InUse)!.CertificateArn!
      const eastList = await t.deck.cloud.list({ region: 'us-east-1' })
      const eastArn = eastList.find((c) => !c.inUse)!.arn
      await west.send(new DeleteCertificateCommand({ CertificateArn: westArn }))
      await east.send(new DeleteCertificateCommand({ CertificateArn: eastArn }))
      sandbox.control.setFaults({ regionsDown: { 'eu-west-1': 'unavailable' } })
      try {
        const summary = await t.deck.cloud.discover({ regions: REGIONS, iam: false })
        expect(summary.failedRegions).toEqual([expect.objectContaining({ region: 'eu-west-1', credential: 'sandbox' })])
        expect(summary.failedRegions[0].error).toContain('eu-west-1')
        expect(summary.gone).toBe(1)
        const westRecords = await t.deck.cloud.list({ region: 'eu-west-1' })
        expect(westRecords).toHaveLength(westBefore)
        expect(westRecords.every((c) => c.stale === true)).toBe(true)
        expect(westRecords.some((c) => c.arn === westArn)).toBe(true)
        expect((await t.deck.cloud.list({ region: 'us-east-1' })).some((c) => c.arn === eastArn)).toBe(false)
      } finally {
        sandbox.control.setFaults({})
      }
      const again = await t.deck.cloud.discover({ regions: ['eu-west-1'], iam: false })
      expect(again).toMatchObject({ found: westBefore - 1, gone: 1, failedRegions: [] })
      const westRecords = await t.deck.cloud.list({ region: 'eu-west-1' })
      expect(westRecords.some((c) => c.stale)).toBe(false)
    },
  )

  it('loses nothing when ListCertificates is throttled at random', async () => {
    await t.deck.cloud.discover({ regions: REGIONS, iam: false })
    const expected = await acmCounts(sandbox.endpoint, REGIONS)
    sandbox.control.setFaults({
      rules: [{ service: 'acm', operation: 'ListCertificates', errorRate: 0.35, error: 'Throttling' }],
    })
    sandbox.control.resetStats()
    try {
      const summary = await t.deck.cloud.discover({ regions: REGIONS, iam: false })
      expect(summary).toMatchObject({ found: expected, new: 0, gone: 0, failedRegions: [] })
      expect(
        sandbox.control.stats({ operation: 'ListCertificates' }).reduce((n, r) => n + r.faulted, 0),
      ).toBeGreaterThan(0)
    } finally {
      sandbox.control.setFaults({})
    }
  })

  it('links a cloud copy to the repository certificate with the same fingerprint, reading only that body', async () => {
    await t.deck.cloud.discover({ regions: ['ap-south-1'], iam: false })
    const leaf = await (await makeTestPki()).leaf({ commonName: 'linked.example.test' })
    const { certificate } = await t.importCertificate(leaf)
    const south = rawAcm(sandbox.endpoint, 'ap-south-1')
    const imported = await south.send(
      new ImportCertificateCommand({
        Certificate: encode(leaf.pem),
        PrivateKey: encode(leaf.keyPem),
        CertificateChain: encode(leaf.chainPem.join('')),
      }),
    )
    sandbox.control.resetStats()
    const summary = await t.deck.cloud.discover({ regions: ['ap-south-1'], iam: false })
    expect(summary).toMatchObject({ found: await acmCount(sandbox.endpoint, 'ap-south-1'), new: 1, changed: 0 })
    expect(sandbox.control.calls({ operation: 'GetCertificate' })).toBe(1)
    const record = (await t.deck.cloud.list({ region: 'ap-south-1' })).find((c) => c.arn === imported.CertificateArn)
    expect(record).toMatchObject({
      certificateId: certificate.id,
      fingerprintSha256: leaf.fingerprint,
      kind: 'IMPORTED',
    })
  })

  it(
    'reads the remaining bodies in a second phase, within ' + 'the quota, entering them into the repository once',
    async () => {
      await t.deck.cloud.discover({ regions: ['ap-south-1'], iam: false })
      const unread = (await t.deck.cloud.list({ region: 'ap-south-1' })).filter(
        (c) => !NO_BODY.includes(c.status) && !c.fingerprintSha256,
      )
      expect(unread.length).toBeGreaterThan(10)
      sandbox.control.resetStats()
      const before = (await t.deck.certificates.list()).length
      const summary = await t.deck.cloud.importBodies!({ regions: ['ap-south-1'] })
      const south = await t.deck.cloud.list({ region: 'ap-south-1' })
      const withBody = south.filter((c) => !NO_BODY.includes(c.status))
      expect(summary).toEqual({ fetched: unread.length, added: unread.length, failed: 0 })
      expect(withBody.every((c) => c.fingerprintSha256 && c.certificateId)).toBe(true)
      expect((await t.deck.certificates.list()).length).toBe(before + summary.added)
      expect(sandbox.control.stats({ operation: 'GetCertificate' }).reduce((n, r) => n + r.throttled, 0)).toBe(0)
      expect(await t.deck.cloud.importBodies!({ regions: ['ap-south-1'] })).toEqual({ fetched: 0, added: 0, failed: 0 })
    },
  )

  it('re-discovers records written without an ARN before listing them', async () => {
    const store = await FileStore.open(t.dataDir)
    const credentialId = (await t.deck.credentials.list())[0].id
    await store.update((data) => {
      data.cloudCertificates.push({
        store: 'acm',
        region: 'ap-south-1',
        accountId: '',
        credentialId,
        kind: 'IMPORTED',
        status: 'ISSUED',
        domain: 'old.example.test',
        sans: [],
        lastSeenAt: '2020-01-01T00:00:00.000Z',
      } as never)
    })
    sandbox.control.resetStats()
    const south = await t.deck.cloud.list({ region: 'ap-south-1' })
    expect(south).toHaveLength(await acmCount(sandbox.endpoint, 'ap-south-1'))
    expect(south.every((c) => c.arn)).toBe(true)
    // Listing the region again is what gave the record its ARN.
    expect(sandbox.control.calls({ region: 'ap-south-1', operation: 'ListCertificates' })).toBeGreaterThan(0)
  })
})

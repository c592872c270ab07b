import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { X509Certificate } from 'node:crypto'
import {
  DescribeCertificateCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  type CertificateSummary,
} from '@aws-sdk/client-acm'
import { ListCertificateAuthoritiesCommand } from '@aws-sdk/client-acm-pca'
import { GetServerCertificateCommand, ListServerCertificatesCommand } from '@aws-sdk/client-iam'
import { ListHostedZonesCommand } from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox, type SeedReport } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const ALL_KEY_TYPES = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const
const DAY = 86_400_000
const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

describe('the seeder', () => {
  let sandbox: Sandbox
  let report: SeedReport
  let summaries: CertificateSummary[]

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    report = await sandbox.control.seed({
      regions: ['us-east-1', 'ap-south-1'],
      certsPerRegion: 40,
      mix: { amazonIssued: 2, imported: 1, private: 1 },
      keyTypes: { RSA_2048: 1, EC_prime256v1: 1, EC_secp384r1: 1 },
      expiringSoon: 0.25,
      iamServerCertificates: 2,
      hostedZones: 2,
      privateCAs: 1,
    })
    summaries = []
    for (const region of ['us-east-1', 'ap-south-1']) {
      const { acm } = sdkClients(sandbox.endpoint, { region })
      summaries.push(
        ...(await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] } })))
          .CertificateSummaryList!,
      )
    }
  })
  afterAll(() => sandbox.close())

  it('creates the requested counts, kinds, key types and expiring share', () => {
    expect(report).toMatchObject({
      certificates: 80,
      byKind: { amazonIssued: 40, imported: 20, private: 20, pending: 0 },
      iamServerCertificates: 2,
    })
    expect(summaries).toHaveLength(80)
    const count = (pick: (s: CertificateSummary) => unknown): Record<string, number> =>
      summaries.reduce<Record<string, number>>((acc, s) => {
        const key = String(pick(s))
        acc[key] = (acc[key] ?? 0) + 1
        return acc
      }, {})
    expect(count((s) => s.Type)).toEqual({ AMAZON_ISSUED: 40, IMPORTED: 20, PRIVATE: 20 })
    expect(Object.keys(count((s) => s.KeyAlgorithm)).sort()).toEqual(['EC_prime256v1', 'EC_secp384r1', 'RSA_2048'])
    const soon = summaries.filter((s) => s.NotAfter!.getTime() < Date.now() + 30 * DAY)
    expect(soon).toHaveLength(report.expiringSoon)
    expect(report.expiringSoon).toBe(20)
  })

  it('produces real certificates whose chain verifies and whose fields match the summary', async () => {
    const sample = summaries.filter((_, i) => i % 7 === 0)
    for (const summary of sample) {
      const region = summary.CertificateArn!.split(':')[3]
      const { acm } = sdkClients(sandbox.endpoint, { region })
      const body = await acm.send(new GetCertificateCommand({ CertificateArn: summary.CertificateArn }))
      const [leaf, ...chain] = [body.Certificate!, ...body.CertificateChain!.match(PEM)!].map(
        (pem) => new X509Certificate(pem),
      )
      let child = leaf
      for (const parent of chain) {
        expect(child.checkIssued(parent) && child.verify(parent.publicKey)).toBe(true)
        child = parent
      }
      expect(Math.floor(summary.NotAfter!.getTime() / 1000) * 1000).toBe(new Date(leaf.validTo).getTime())
      expect(leaf.subject).toBe(`CN=${summary.DomainName}`)
    }
  })

  it(
    'creates the private CAs, hosted zones (a public and a private one of the same name) and IAM server ' +
      'certificates',
    async () => {
      const clients = sdkClients(sandbox.endpoint, { region: 'ap-south-1' })
      expect((await clients.pca.send(new ListCertificateAuthoritiesCommand({}))).CertificateAuthorities).toHaveLength(1)
      const zones = (await clients.route53.send(new ListHostedZonesCommand({}))).HostedZones!
      expect(zones.map((z) => [z.Name, z.Config?.PrivateZone])).toEqual([
        ['example.com.', false],
        ['example.com.', true],
      ])
      const list = await clients.iam.send(new ListServerCertificatesCommand({}))
      expect(list.ServerCertificateMetadataList!.map((m) => m.ServerCertificateName).sort()).toEqual([
        'legacy-1',
        'legacy-2',
      ])
      const one = await clients.iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'legacy-1' }))
      expect(new X509Certificate(one.ServerCertificate!.CertificateBody!).subject).toBe('CN=legacy1.example.com')
    },
  )

  it('signs lazily seeded bodies on first GetCertificate with the serial and dates already reported', async () => {
    const lazy = await startSandbox({ quotas: false })
    try {
      await lazy.control.seed({
        regions: ['eu-north-1'],
        certsPerRegion: 6,
        mix: { amazonIssued: 1, imported: 1, private: 1 },
        lazyBodies: true,
      })
      const { acm } = sdkClients(lazy.endpoint, { region: 'eu-north-1' })
      const list = (await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] } })))
        .CertificateSummaryList!
      expect(list).toHaveLength(6)
      for (const summary of list) {
        const { Certificate: detail } = await acm.send(
          new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }),
        )
        const body = await acm.send(new GetCertificateCommand({ CertificateArn: summary.CertificateArn }))
        const leaf = new X509Certificate(body.Certificate!)
        const issuer = new X509Certificate(body.CertificateChain!.match(PEM)![0])
        expect(leaf.verify(issuer.publicKey)).toBe(true)
        expect(leaf.serialNumber.toLowerCase().match(/../g)!.join(':')).toBe(detail!.Serial)
        expect(new Date(leaf.validTo).getTime()).toBe(Math.floor(detail!.NotAfter!.getTime() / 1000) * 1000)
        expect(
          (await acm.send(new GetCertificateCommand({ CertificateArn: summary.CertificateArn }))).Certificate,
        ).toBe(body.Certificate)
      }
    } finally {
      await lazy.close()
    }
  })

  it('loads a demo set with every kind, EC keys, expiring and pending certificates', async () => {
    const demo = await startSandbox({ quotas: false, seed: 'demo' })
    try {
      const { acm, iam, route53 } = sdkClients(demo.endpoint)
      const list = (await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] } })))
        .CertificateSummaryList!
      expect(new Set(list.map((s) => s.Type))).toEqual(new Set(['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE']))
      expect(list.some((s) => s.KeyAlgorithm!.startsWith('EC_'))).toBe(true)
      expect(list.some((s) => s.Status === 'PENDING_VALIDATION')).toBe(true)
      expect(list.some((s) => s.NotAfter && s.NotAfter.getTime() < Date.now() + 30 * DAY)).toBe(true)
      expect(demo.control.counts()).toMatchObject({ certificates: 48, privateCAs: 3 })
      expect((await iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList).toHaveLength(3)
      expect((await route53.send(new ListHostedZonesCommand({}))).HostedZones).toHaveLength(2)
    } finally {
      await demo.close()
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { X509Certificate } from 'node:crypto'
import {
  DescribeCertificateCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  paginateListCertificates,
  type CertificateSummary,
} from '@aws-sdk/client-acm'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
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

describe('ListCertificates, DescribeCertificate and GetCertificate over the real ACM client', () => {
  let sandbox: Sandbox
  let acm: ReturnType<typeof sdkClients>['acm']

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    await sandbox.control.seed({
      regions: ['eu-west-1'],
      certsPerRegion: 1050,
      mix: { amazonIssued: 3, imported: 1, private: 1 },
      keyTypes: { RSA_2048: 2, EC_prime256v1: 1 },
    })
    await sandbox.control.seed({ regions: ['us-west-2'], certsPerRegion: 20, keyTypes: ['RSA_2048', 'EC_prime256v1'] })
    acm = sdkClients(sandbox.endpoint, { region: 'eu-west-1' }).acm
  })
  afterAll(() => sandbox.close())

  it('hides EC certificates unless Includes.keyTypes lists them', async () => {
    const west2 = sdkClients(sandbox.endpoint, { region: 'us-west-2' }).acm
    const byDefault = await west2.send(new ListCertificatesCommand({}))
    const everything = await west2.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] } }))
    expect(byDefault.CertificateSummaryList!.map((s) => s.KeyAlgorithm)).toEqual(Array(10).fill('RSA_2048'))
    expect(everything.CertificateSummaryList).toHaveLength(20)
    expect(everything.CertificateSummaryList!.filter((s) => s.KeyAlgorithm === 'EC_prime256v1')).toHaveLength(10)
  })

  it('pages past 1,000 with MaxItems and NextToken, never repeating a certificate', async () => {
    const first = await acm.send(new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] } }))
    expect(first.CertificateSummaryList).toHaveLength(1000)
    expect(first.NextToken).toBeTruthy()
    const second = await acm.send(
      new ListCertificatesCommand({ Includes: { keyTypes: [...ALL_KEY_TYPES] }, NextToken: first.NextToken }),
    )
    expect(second.CertificateSummaryList).toHaveLength(50)
    expect(second.NextToken).toBeUndefined()

    const arns: string[] = []
    for await (const page of paginateListCertificates(
      { client: acm, pageSize: 300 },
      { Includes: { keyTypes: [...ALL_KEY_TYPES] } },
    )) {
      arns.push(...page.CertificateSummaryList!.map((s) => s.CertificateArn!))
    }
    expect(arns).toHaveLength(1050)
    expect(new Set(arns).size).toBe(1050)
  })

  it('refuses MaxItems above 1000 with a typed ValidationException', async () => {
    await expect(acm.send(new ListCertificatesCommand({ MaxItems: 1001 }))).rejects.toMatchObject({
      name: 'ValidationException',
    })
  })

  it('filters by CertificateStatuses and sorts by creation date', async () => {
    const west2 = sdkClients(sandbox.endpoint, { region: 'us-west-2' }).acm
    const pending = await west2.send(
      new ListCertificatesCommand({
        CertificateStatuses: ['PENDING_VALIDATION'],
        Includes: { keyTypes: [...ALL_KEY_TYPES] },
      }),
    )
    const issued = await west2.send(
      new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'], Includes: { keyTypes: [...ALL_KEY_TYPES] } }),
    )
    expect(pending.CertificateSummaryList!.length).toBeGreaterThan(0)
    expect(pending.CertificateSummaryList!.every((s) => s.Status === 'PENDING_VALIDATION')).toBe(true)
    expect(pending.CertificateSummaryList!.length + issued.CertificateSummaryList!.length).toBe(20)

    const sorted = await acm.send(
      new ListCertificatesCommand({
        SortBy: 'CREATED_AT',
        SortOrder: 'DESCENDING',
        MaxItems: 50,
        Includes: { keyTypes: [...ALL_KEY_TYPES] },
      }),
    )
    const times = sorted.CertificateSummaryList!.map((s) => (s.CreatedAt ?? s.ImportedAt)!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('returns summaries with the current fields and real certificate bodies that match them', async () => {
    const page = await acm.send(
      new ListCertificatesCommand({ MaxItems: 30, Includes: { keyTypes: [...ALL_KEY_TYPES] } }),
    )
    const kinds = new Set(page.CertificateSummaryList!.map((s) => s.Type))
    expect(kinds).toEqual(new Set(['AMAZON_ISSUED', 'IMPORTED', 'PRIVATE']))
    const summary = page.CertificateSummaryList!.find((s) => s.Type === 'PRIVATE') as CertificateSummary
    expect(summary).toMatchObject({
      Status: 'ISSUED',
      ExportOption: 'ENABLED',
      RenewalEligibility: 'ELIGIBLE',
      CertificateKeyPairOrigin: 'AWS_MANAGED',
    })
    expect(summary.NotAfter).toBeInstanceOf(Date)
    expect(typeof summary.InUse).toBe('boolean')

    const { Certificate: detail } = await acm.send(
      new DescribeCertificateCommand({ CertificateArn: summary.CertificateArn }),
    )
    const body = await acm.send(new GetCertificateCommand({ CertificateArn: summary.CertificateArn }))
    const leaf = new X509Certificate(body.Certificate!)
    const issuer = new X509Certificate(
      body.CertificateChain!.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0],
    )
    expect(leaf.verify(issuer.publicKey)).toBe(true)
    expect(leaf.subject).toBe(`CN=${detail!.DomainName}`)
    expect(detail!.Serial).toBe(leaf.serialNumber.toLowerCase().match(/../g)!.join(':'))
    expect(new Date(leaf.validTo).getTime()).toBe(Math.floor(detail!.NotAfter!.getTime() / 1000) * 1000)
    expect(detail!.CertificateAuthorityArn).toMatch(/^arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority\//)
  })

  it('answers a missing certificate and a malformed ARN with typed errors', async () => {
    await expect(
      acm.send(
        new DescribeCertificateCommand({
          CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn: 'not-an-arn' }))).rejects.toMatchObject({
      name: 'InvalidArnException',
    })
  })
})

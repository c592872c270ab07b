import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import {
  DescribeCertificateCommand,
  ExportCertificateCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
  RenewCertificateCommand,
  RequestCertificateCommand,
  RevokeCertificateCommand as AcmRevokeCertificateCommand,
  ValidationException,
} from '@aws-sdk/client-acm'
import {
  DescribeCertificateAuthorityCommand,
  GetCertificateAuthorityCertificateCommand,
  ListCertificateAuthoritiesCommand,
  RequestAlreadyProcessedException,
  ResourceNotFoundException,
  RevokeCertificateCommand as PcaRevokeCertificateCommand,
} from '@aws-sdk/client-acm-pca'
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const PASSPHRASE = 'correct horse battery staple'

describe('ACM Private CA, private certificates, export, renewal and revocation', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let caArn: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 0 })
    clients = sdkClients(sandbox.endpoint)
    caArn = sandbox.control.createCertificateAuthority({
      region: 'us-east-1',
      commonName: 'Test Private CA',
      organization: 'Test Corp',
    })
    sandbox.control.createCertificateAuthority({ region: 'eu-west-1', commonName: 'Other Region CA' })
  })
  afterAll(() => sandbox.close())

  const requestPrivate = async (domain: string) =>
    (
      await clients.acm.send(
        new RequestCertificateCommand({
          DomainName: domain,
          CertificateAuthorityArn: caArn,
          KeyAlgorithm: 'EC_prime256v1',
        }),
      )
    ).CertificateArn!

  it("lists, describes and returns the certificate of the region's CAs", async () => {
    const list = await clients.pca.send(new ListCertificateAuthoritiesCommand({}))
    expect(list.CertificateAuthorities!.map((ca) => ca.Arn)).toEqual([caArn])
    const { CertificateAuthority } = await clients.pca.send(
      new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: caArn }),
    )
    expect(CertificateAuthority).toMatchObject({
      Status: 'ACTIVE',
      Type: 'ROOT',
      CertificateAuthorityConfiguration: { Subject: { CommonName: 'Test Private CA', Organization: 'Test Corp' } },
    })
    const { Certificate } = await clients.pca.send(
      new GetCertificateAuthorityCertificateCommand({ CertificateAuthorityArn: caArn }),
    )
    const ca = new X509Certificate(Certificate!)
    expect(ca.ca).toBe(true)
    expect(ca.verify(ca.publicKey)).toBe(true)
    await expect(
      clients.pca.send(
        new DescribeCertificateAuthorityCommand({
          CertificateAuthorityArn: caArn.replace(/\/[^/]+$/, '/00000000-0000-4000-8000-000000000000'),
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('issues a private certificate at once and exports it with a key that decrypts and matches', async () => {
    const arn = await requestPrivate('private.internal.example')
    const { Certificate: detail } = await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))
    expect(detail).toMatchObject({
      Type: 'PRIVATE',
      Status: 'ISSUED',
      CertificateAuthorityArn: caArn,
      Issuer: 'Test Corp',
      RenewalEligibility: 'ELIGIBLE',
    })

    const exported = await clients.acm.send(
      new ExportCertificateCommand({ CertificateArn: arn, Passphrase: Buffer.from(PASSPHRASE) }),
    )
    expect(exported.PrivateKey).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    expect(() => createPrivateKey({ key: exported.PrivateKey!, passphrase: 'wrong passphrase' })).toThrow()
    const key = createPrivateKey({ key: exported.PrivateKey!, passphrase: PASSPHRASE })
    const leaf = new X509Certificate(exported.Certificate!)
    expect(leaf.checkPrivateKey(key)).toBe(true)
    const caCert = (
      await clients.pca.send(new GetCertificateAuthorityCertificateCommand({ CertificateAuthorityArn: caArn }))
    ).Certificate!
    expect(leaf.verify(new X509Certificate(caCert).publicKey)).toBe(true)
    const summary = (
      await clients.acm.send(new ListCertificatesCommand({ Includes: { keyTypes: ['EC_prime256v1'] } }))
    ).CertificateSummaryList!.find((s) => s.CertificateArn === arn)
    expect(summary?.Exported).toBe(true)
  })

  it('applies the passphrase rules', async () => {
    const arn = await requestPrivate('rules.internal.example')
    for (const bad of ['abc', 'x'.repeat(129), 'has#hash', 'dollar$', 'per%cent']) {
      const attempt = clients.acm.send(
        new ExportCertificateCommand({ CertificateArn: arn, Passphrase: Buffer.from(bad) }),
      )
      await expect(attempt).rejects.toBeInstanceOf(ValidationException)
    }
    expect(sandbox.control.certificate(arn)?.exported).toBe(false)
  })

  it('renews a private certificate under the same ARN with a new serial', async () => {
    const arn = await requestPrivate('renew.internal.example')
    const before = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!
    await clients.acm.send(new RenewCertificateCommand({ CertificateArn: arn }))
    const after = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!
    expect(after.Serial).not.toBe(before.Serial)
    expect(after.RenewalSummary?.RenewalStatus).toBe('SUCCESS')
    const body = await clients.acm.send(new GetCertificateCommand({ CertificateArn: arn }))
    expect(new X509Certificate(body.Certificate!).serialNumber.toLowerCase().match(/../g)!.join(':')).toBe(after.Serial)
  })

  it(
    'keeps the certificate when a renewal cannot be issued, ' + 'and fails new requests, while the CA is disabled',
    async () => {
      const arn = await requestPrivate('disabled.internal.example')
      const serial = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!
        .Serial
      sandbox.control.setCertificateAuthorityStatus(caArn, 'DISABLED')
      try {
        await clients.acm.send(new RenewCertificateCommand({ CertificateArn: arn }))
        const after = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!
        expect(after).toMatchObject({
          Status: 'ISSUED',
          Serial: serial,
          RenewalSummary: { RenewalStatus: 'FAILED', RenewalStatusReason: 'PCA_INVALID_STATE' },
        })
        const fresh = await requestPrivate('disabled2.internal.example')
        expect(
          (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: fresh }))).Certificate,
        ).toMatchObject({ Status: 'FAILED', FailureReason: 'PCA_INVALID_STATE' })
      } finally {
        sandbox.control.setCertificateAuthorityStatus(caArn, 'ACTIVE')
      }
    },
  )

  it('revokes through ACM-PCA by serial, after which ACM shows REVOKED', async () => {
    const arn = await requestPrivate('revoke.internal.example')
    const { Certificate } = await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))
    await clients.pca.send(
      new PcaRevokeCertificateCommand({
        CertificateAuthorityArn: caArn,
        CertificateSerial: Certificate!.Serial!.toUpperCase(),
        RevocationReason: 'KEY_COMPROMISE',
      }),
    )
    const revoked = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!
    expect(revoked).toMatchObject({ Status: 'REVOKED', RevocationReason: 'KEY_COMPROMISE' })
    expect(revoked.RevokedAt).toBeInstanceOf(Date)
    await expect(
      clients.pca.send(
        new PcaRevokeCertificateCommand({
          CertificateAuthorityArn: caArn,
          CertificateSerial: Certificate!.Serial!,
          RevocationReason: 'KEY_COMPROMISE',
        }),
      ),
    ).rejects.toBeInstanceOf(RequestAlreadyProcessedException)
  })

  it('fails a private request whose CA is in another region', async () => {
    const otherCa = (
      await sdkClients(sandbox.endpoint, { region: 'eu-west-1' }).pca.send(new ListCertificateAuthoritiesCommand({}))
    ).CertificateAuthorities![0].Arn
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({ DomainName: 'x.internal.example', CertificateAuthorityArn: otherCa }),
    )
    const { Certificate } = await clients.acm.send(new DescribeCertificateCommand({ CertificateArn }))
    expect(Certificate).toMatchObject({ Status: 'FAILED', FailureReason: 'PCA_INVALID_ARN' })
  })

  it('exports and revokes an exportable public certificate; refuses a non-exportable one', async () => {
    const created = await clients.route53.send(
      new CreateHostedZoneCommand({ Name: 'public.example.net', CallerReference: 'pub' }),
    )
    const request = (exportable: boolean) =>
      clients.acm.send(
        new RequestCertificateCommand({
          DomainName: 'public.example.net',
          ValidationMethod: 'DNS',
          KeyAlgorithm: 'EC_prime256v1',
          Options: exportable ? { Export: 'ENABLED' } : undefined,
        }),
      )
    const exportable = (await request(true)).CertificateArn!
    const plain = (await request(false)).CertificateArn!
    const record = (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: exportable }))).Certificate!
      .DomainValidationOptions![0].ResourceRecord!
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: created.HostedZone!.Id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: record.Name,
                Type: 'CNAME',
                TTL: 300,
                ResourceRecords: [{ Value: record.Value }],
              },
            },
          ],
        },
      }),
    )
    await expect(
      clients.acm.send(new ExportCertificateCommand({ CertificateArn: plain, Passphrase: Buffer.from(PASSPHRASE) })),
    ).rejects.toBeInstanceOf(ValidationException)
    await expect(
      clients.acm.send(new AcmRevokeCertificateCommand({ CertificateArn: exportable, RevocationReason: 'SUPERSEDED' })),
    ).rejects.toThrow(/only public certificates that were exported/)

    const exported = await clients.acm.send(
      new ExportCertificateCommand({ CertificateArn: exportable, Passphrase: Buffer.from(PASSPHRASE) }),
    )
    expect(
      new X509Certificate(exported.Certificate!).checkPrivateKey(
        createPrivateKey({ key: exported.PrivateKey!, passphrase: PASSPHRASE }),
      ),
    ).toBe(true)
    const revoked = await clients.acm.send(
      new AcmRevokeCertificateCommand({ CertificateArn: exportable, RevocationReason: 'SUPERSEDED' }),
    )
    expect(revoked.CertificateArn).toBe(exportable)
    expect(
      (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: exportable }))).Certificate,
    ).toMatchObject({ Status: 'REVOKED', RevocationReason: 'SUPERSEDED' })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { X509Certificate } from 'node:crypto'
import {
  DescribeCertificateCommand,
  GetCertificateCommand,
  InvalidStateException,
  LimitExceededException,
  RequestCertificateCommand,
  RequestInProgressException,
  ResendValidationEmailCommand,
  ValidationException,
  InvalidDomainValidationOptionsException,
} from '@aws-sdk/client-acm'
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const DELAY = 60_000

describe('ACM validation: DNS through Route 53 public zones, EMAIL through control', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let publicZone: string
  let privateZone: string

  beforeAll(async () => {
    // The delay is long so that only advanceTime (never wall time) can make the record appear.
    sandbox = await startSandbox({ quotas: false, validationDelayMs: DELAY, validationTimeoutMs: 3_600_000 })
    clients = sdkClients(sandbox.endpoint)
    const zone = async (privateZone: boolean): Promise<string> => {
      const created = await clients.route53.send(
        new CreateHostedZoneCommand({
          Name: 'validate.example.com',
          CallerReference: `ref-${privateZone}`,
          HostedZoneConfig: { PrivateZone: privateZone },
          VPC: privateZone ? { VPCRegion: 'us-east-1', VPCId: 'vpc-0123456789abcdef0' } : undefined,
        }),
      )
      return created.HostedZone!.Id!
    }
    publicZone = await zone(false)
    privateZone = await zone(true)
  })
  afterAll(() => sandbox.close())

  const upsertCname = (zoneId: string, name: string, value: string) =>
    clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] },
            },
          ],
        },
      }),
    )
  const describe_ = async (arn: string) =>
    (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!

  it('issues a DNS-validated certificate only after the right CNAME is in the public zone', async () => {
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({
        DomainName: 'validate.example.com',
        SubjectAlternativeNames: ['*.validate.example.com'],
        ValidationMethod: 'DNS',
        KeyAlgorithm: 'EC_prime256v1',
      }),
    )
    const early = await describe_(CertificateArn!)
    expect(early.Status).toBe('PENDING_VALIDATION')
    expect(early.DomainValidationOptions!.map((o) => o.ResourceRecord)).toEqual([undefined, undefined])
    await expect(clients.acm.send(new GetCertificateCommand({ CertificateArn }))).rejects.toBeInstanceOf(
      RequestInProgressException,
    )

    sandbox.control.advanceTime(DELAY)
    const pending = await describe_(CertificateArn!)
    const [apex, wildcard] = pending.DomainValidationOptions!
    expect(apex.ResourceRecord).toEqual(wildcard.ResourceRecord)
    const record = apex.ResourceRecord!
    expect(record.Type).toBe('CNAME')
    expect(record.Name).toMatch(/^_[0-9a-f]{32}\.validate\.example\.com\.$/)
    expect(record.Value).toMatch(/\.acm-validations\.aws\.$/)

    await upsertCname(privateZone, record.Name!, record.Value!)
    await upsertCname(publicZone, record.Name!, '_wrong.acm-validations.aws.')
    expect((await describe_(CertificateArn!)).Status).toBe('PENDING_VALIDATION')

    await upsertCname(publicZone, record.Name!, record.Value!)
    const issued = await describe_(CertificateArn!)
    expect(issued.Status).toBe('ISSUED')
    expect(issued.DomainValidationOptions!.map((o) => o.ValidationStatus)).toEqual(['SUCCESS', 'SUCCESS'])
    const body = await clients.acm.send(new GetCertificateCommand({ CertificateArn }))
    const leaf = new X509Certificate(body.Certificate!)
    expect(leaf.subjectAltName).toBe('DNS:validate.example.com, DNS:*.validate.example.com')
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
  })

  it('reuses the same CNAME for the same domain, so a later request validates at once', async () => {
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({ DomainName: '*.validate.example.com', ValidationMethod: 'DNS' }),
    )
    sandbox.control.advanceTime(DELAY)
    expect((await describe_(CertificateArn!)).Status).toBe('ISSUED')
  })

  it('lists the five admin addresses for EMAIL validation and issues on approval', async () => {
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({
        DomainName: 'mail.validate.example.com',
        ValidationMethod: 'EMAIL',
        DomainValidationOptions: [
          { DomainName: 'mail.validate.example.com', ValidationDomain: 'validate.example.com' },
        ],
      }),
    )
    const pending = await describe_(CertificateArn!)
    expect(pending.DomainValidationOptions![0].ValidationEmails).toEqual(
      ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((box) => `${box}@validate.example.com`),
    )
    await clients.acm.send(
      new ResendValidationEmailCommand({
        CertificateArn,
        Domain: 'mail.validate.example.com',
        ValidationDomain: 'validate.example.com',
      }),
    )
    expect(sandbox.control.resentEmails(CertificateArn!)).toBe(1)
    await expect(
      clients.acm.send(
        new ResendValidationEmailCommand({
          CertificateArn,
          Domain: 'mail.validate.example.com',
          ValidationDomain: 'other.example.com',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDomainValidationOptionsException)

    sandbox.control.approveEmail(CertificateArn!, 'mail.validate.example.com')
    expect((await describe_(CertificateArn!)).Status).toBe('ISSUED')
    await expect(
      clients.acm.send(
        new ResendValidationEmailCommand({
          CertificateArn,
          Domain: 'mail.validate.example.com',
          ValidationDomain: 'validate.example.com',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidStateException)
  })

  it('times out unvalidated requests as VALIDATION_TIMED_OUT', async () => {
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({ DomainName: 'never.example.org', ValidationMethod: 'DNS' }),
    )
    sandbox.control.advanceTime(3_600_000)
    const timedOut = await describe_(CertificateArn!)
    expect(timedOut.Status).toBe('VALIDATION_TIMED_OUT')
    expect(timedOut.DomainValidationOptions![0].ValidationStatus).toBe('FAILED')
  })

  it('enforces request limits with typed errors and honours IdempotencyToken', async () => {
    const sans = Array.from({ length: 10 }, (_, i) => `n${i}.example.com`)
    // The SDK classes LimitExceededException as throttling and would retry it with back-off.
    const once_ = sdkClients(sandbox.endpoint, { maxAttempts: 1 }).acm
    const tooMany = once_.send(
      new RequestCertificateCommand({
        DomainName: 'limits.example.com',
        SubjectAlternativeNames: sans,
        ValidationMethod: 'DNS',
      }),
    )
    await expect(tooMany).rejects.toBeInstanceOf(LimitExceededException)
    await expect(tooMany).rejects.toThrow(/at most 10 domain names.*has 11/)
    const longName = `${'a'.repeat(60)}.example.com`
    await expect(
      clients.acm.send(new RequestCertificateCommand({ DomainName: longName, ValidationMethod: 'DNS' })),
    ).rejects.toBeInstanceOf(ValidationException)
    await expect(
      clients.acm.send(new RequestCertificateCommand({ DomainName: 'a.*.example.com', ValidationMethod: 'DNS' })),
    ).rejects.toBeInstanceOf(ValidationException)
    await expect(
      clients.acm.send(new RequestCertificateCommand({ DomainName: 'k.example.com', KeyAlgorithm: 'RSA_4096' })),
    ).rejects.toBeInstanceOf(ValidationException)

    const before = sandbox.control.counts().certificates
    const once = await clients.acm.send(
      new RequestCertificateCommand({
        DomainName: 'idem.example.com',
        ValidationMethod: 'DNS',
        IdempotencyToken: 'tok1',
      }),
    )
    const twice = await clients.acm.send(
      new RequestCertificateCommand({
        DomainName: 'idem.example.com',
        ValidationMethod: 'DNS',
        IdempotencyToken: 'tok1',
      }),
    )
    expect(twice.CertificateArn).toBe(once.CertificateArn)
    expect(sandbox.control.counts().certificates).toBe(before + 1)
  })
})

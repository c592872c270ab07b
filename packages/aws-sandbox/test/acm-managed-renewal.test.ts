import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DescribeCertificateCommand, RequestCertificateCommand } from '@aws-sdk/client-acm'
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const DAY = 24 * 3600 * 1000
const DELAY = 60_000
const LOAD_BALANCER = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/0123456789abcdef'

describe('ACM managed renewal: InUseBy, RenewalSummary and a renewal that fails without its CNAME', () => {
  let sandbox: Sandbox
  let clients: ReturnType<typeof sdkClients>
  let zoneId: string

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: DELAY, validationTimeoutMs: 3_600_000 })
    clients = sdkClients(sandbox.endpoint)
    const zone = await clients.route53.send(
      new CreateHostedZoneCommand({ Name: 'renew.example.com', CallerReference: 'renew' }),
    )
    zoneId = zone.HostedZone!.Id!
  })
  afterAll(() => sandbox.close())

  const cname = (action: 'UPSERT' | 'DELETE', name: string, value: string) =>
    clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: action,
              ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] },
            },
          ],
        },
      }),
    )
  const describe_ = async (arn: string) =>
    (await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }))).Certificate!

  /** Requests a DNS-validated certificate for `name` and validates it through the zone. */
  async function issued(name: string): Promise<{ arn: string; record: { Name: string; Value: string } }> {
    const { CertificateArn } = await clients.acm.send(
      new RequestCertificateCommand({ DomainName: name, ValidationMethod: 'DNS' }),
    )
    sandbox.control.advanceTime(DELAY)
    const record = (await describe_(CertificateArn!)).DomainValidationOptions![0].ResourceRecord!
    await cname('UPSERT', record.Name!, record.Value!)
    expect((await describe_(CertificateArn!)).Status).toBe('ISSUED')
    return { arn: CertificateArn!, record: { Name: record.Name!, Value: record.Value! } }
  }

  it('reports InUseBy, the renewal 60 days out, PENDING_VALIDATION without a CNAME, FAILED at expiry', async () => {
    const { arn, record } = await issued('www.renew.example.com')
    sandbox.control.setInUse(arn, [LOAD_BALANCER])
    const fresh = await describe_(arn)
    expect(fresh.InUseBy).toEqual([LOAD_BALANCER])
    expect(fresh.RenewalSummary).toBeUndefined()

    const notAfter = fresh.NotAfter!.getTime()
    sandbox.control.advanceTime(notAfter - 59 * DAY - sandbox.control.world.now())
    const renewing = await describe_(arn)
    expect(renewing.RenewalSummary).toMatchObject({
      RenewalStatus: 'PENDING_AUTO_RENEWAL',
      DomainValidationOptions: [
        {
          DomainName: 'www.renew.example.com',
          ValidationStatus: 'SUCCESS',
          ValidationMethod: 'DNS',
          ResourceRecord: { Name: record.Name, Type: 'CNAME', Value: record.Value },
        },
      ],
    })
    expect(renewing.RenewalSummary!.UpdatedAt).toBeInstanceOf(Date)

    await cname('DELETE', record.Name, record.Value)
    const pending = await describe_(arn)
    expect(pending.RenewalSummary?.RenewalStatus).toBe('PENDING_VALIDATION')
    expect(pending.RenewalSummary?.RenewalStatusReason).toBeUndefined()
    expect(pending.RenewalSummary?.DomainValidationOptions?.[0].ValidationStatus).toBe('PENDING_VALIDATION')
    // The initial validation stays as it was: the renewal's is its own.
    expect(pending.DomainValidationOptions?.[0].ValidationStatus).toBe('SUCCESS')

    sandbox.control.advanceTime(60 * DAY)
    const failed = await describe_(arn)
    expect(failed.Status).toBe('EXPIRED')
    expect(failed.RenewalSummary).toMatchObject({
      RenewalStatus: 'FAILED',
      RenewalStatusReason: 'OTHER',
      DomainValidationOptions: [{ DomainName: 'www.renew.example.com', ValidationStatus: 'FAILED' }],
    })
  })

  it('starts no renewal for a certificate nothing uses and nobody exported', async () => {
    const { arn } = await issued('idle.renew.example.com')
    const fresh = await describe_(arn)
    sandbox.control.advanceTime(fresh.NotAfter!.getTime() - 30 * DAY - sandbox.control.world.now())
    const late = await describe_(arn)
    expect(late.InUseBy).toEqual([])
    expect(late.RenewalEligibility).toBe('INELIGIBLE')
    expect(late.RenewalSummary).toBeUndefined()
  })

  it('shows a renewal state set through control, with its reason', async () => {
    const { arn } = await issued('caa.renew.example.com')
    sandbox.control.setRenewal(arn, { status: 'FAILED', reason: 'CAA_ERROR' })
    const detail = await describe_(arn)
    expect(detail.RenewalSummary).toMatchObject({ RenewalStatus: 'FAILED', RenewalStatusReason: 'CAA_ERROR' })
    sandbox.control.setRenewal(arn, undefined)
    expect((await describe_(arn)).RenewalSummary).toBeUndefined()
  })
})

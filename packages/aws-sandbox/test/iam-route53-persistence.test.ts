import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetServerCertificateCommand, UploadServerCertificateCommand } from '@aws-sdk/client-iam'
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53'
import { startSandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'
import { makeCertificate } from './support/x509-fixtures.js'

describe('IAM and Route 53 state in a data file', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdeck-sandbox-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('survives a restart: zones, records, changes and server certificates', async () => {
    const dataFile = join(dir, 'state.json')
    const certificate = await makeCertificate({ commonName: 'persist.example.com' })
    const first = await startSandbox({ quotas: false, dataFile, changeSyncDelayMs: 60_000 })
    let zoneId: string
    let changeId: string
    try {
      const { iam, route53 } = sdkClients(first.endpoint)
      await iam.send(
        new UploadServerCertificateCommand({
          ServerCertificateName: 'persisted',
          CertificateBody: certificate.certificatePem,
          PrivateKey: certificate.privateKeyPem,
        }),
      )
      zoneId = (
        await route53.send(new CreateHostedZoneCommand({ Name: 'persist.example.com', CallerReference: 'persist' }))
      ).HostedZone!.Id!
      const changed = await route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: {
            Changes: [
              {
                Action: 'CREATE',
                ResourceRecordSet: {
                  Name: '*.persist.example.com',
                  Type: 'A',
                  TTL: 60,
                  ResourceRecords: [{ Value: '192.0.2.7' }],
                },
              },
            ],
          },
        }),
      )
      changeId = changed.ChangeInfo!.Id!
    } finally {
      await first.close()
    }

    const second = await startSandbox({ quotas: false, dataFile, changeSyncDelayMs: 60_000 })
    try {
      const { iam, route53 } = sdkClients(second.endpoint)
      const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'persisted' }))
      expect(got.ServerCertificate?.CertificateBody).toBe(certificate.certificatePem)
      const listed = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))
      expect(listed.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual([
        'persist.example.com. NS',
        'persist.example.com. SOA',
        '\\052.persist.example.com. A',
      ])
      expect((await route53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo?.Status).toBe('PENDING')
      second.control.advanceTime(60_000)
      expect((await route53.send(new GetChangeCommand({ Id: changeId }))).ChangeInfo?.Status).toBe('INSYNC')
    } finally {
      await second.close()
    }
  })
})

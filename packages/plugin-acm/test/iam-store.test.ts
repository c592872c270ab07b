import { X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { awsProvider, staticCredential, storesOf } from './support/aws.js'

describe('IAM server certificates over the real SDK and the sandbox', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({ regions: ['us-east-1'], certsPerRegion: 1, iamServerCertificates: 7 })
  })
  afterAll(() => sandbox.close())

  it('lists them once, globally, and reads their bodies', async () => {
    const session = awsProvider().connect(staticCredential(sandbox.endpoint))
    const { iam } = storesOf(session)
    expect(iam.scope).toBe('global')
    const list = await iam.list('global')
    expect(list).toHaveLength(7)
    expect(
      list.every((s) => s.arn.startsWith('arn:aws:iam::111122223333:server-certificate/') && s.kind === 'IMPORTED'),
    ).toBe(true)
    const body = await iam.get('global', list[0].arn)
    const cert = new X509Certificate(body.pem)
    expect(Math.floor(Date.parse(cert.validTo) / 1000)).toBe(Math.floor(Date.parse(list[0].notAfter!) / 1000))
    expect(sandbox.control.calls({ service: 'iam', operation: 'ListServerCertificates' })).toBe(1)
  })
})

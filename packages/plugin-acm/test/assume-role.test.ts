import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { openTestDeck, SECRET_ACCESS_KEY, type TestDeck } from './support/deck.js'
import { stsEndpoint } from './support/sts-endpoint.js'

describe('assume-role credentials, with per-service endpoint variables', () => {
  let sandbox: Sandbox
  let sts: Awaited<ReturnType<typeof stsEndpoint>>
  let t: TestDeck
  const saved = { acm: process.env.AWS_ENDPOINT_URL_ACM, sts: process.env.AWS_ENDPOINT_URL_STS }

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: true })
    await sandbox.control.seed({ regions: ['eu-west-1'], certsPerRegion: 2 })
    sts = await stsEndpoint()
    process.env.AWS_ENDPOINT_URL_ACM = sandbox.endpoint
    process.env.AWS_ENDPOINT_URL_STS = sts.endpoint
    t = await openTestDeck()
  })
  afterAll(async () => {
    for (const [name, value] of [
      ['AWS_ENDPOINT_URL_ACM', saved.acm],
      ['AWS_ENDPOINT_URL_STS', saved.sts],
    ] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await t.close()
    await sts.close()
    await sandbox.close()
  })

  it('assumes the role with the source identity once, then calls ACM with the temporary keys', async () => {
    await t.deck.credentials.add({
      name: 'source',
      kind: 'static',
      accessKeyId: 'AKIASOURCE0000000001',
      secretAccessKey: SECRET_ACCESS_KEY,
    })
    await t.deck.credentials.add({
      name: 'admin',
      kind: 'assume-role',
      roleArn: 'arn:aws:iam::111122223333:role/CertDeck',
      externalId: 'ext-42',
      source: 'source',
      defaultRegion: 'eu-west-1',
    })
    expect(await t.deck.credentials.test('admin')).toEqual({ accountId: '111122223333' })
    const summary = await t.deck.cloud.discover({
      credential: 'admin',
      regions: ['eu-west-1', 'us-east-1'],
      iam: false,
    })
    expect(summary).toMatchObject({ found: 2, failedRegions: [] })
    const [call] = sts.calls
    expect(call.params.get('Action')).toBe('AssumeRole')
    expect(call.params.get('RoleArn')).toBe('arn:aws:iam::111122223333:role/CertDeck')
    expect(call.params.get('ExternalId')).toBe('ext-42')
    expect(call.authorization).toContain('Credential=AKIASOURCE0000000001/')
    // Two sessions (the test, the discovery of two regions): each assumes the role once and
    // shares it among its regional clients.
    expect(sts.calls.length).toBe(2)
  })
})

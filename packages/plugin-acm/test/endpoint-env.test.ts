import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { awsProvider, staticCredential, storesOf } from './support/aws.js'

describe('AWS_ENDPOINT_URL', () => {
  let sandbox: Sandbox
  let saved: string | undefined
  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    await sandbox.control.seed({ regions: ['ca-central-1'], certsPerRegion: 3, mix: { imported: 1 } })
    saved = process.env.AWS_ENDPOINT_URL
    process.env.AWS_ENDPOINT_URL = sandbox.endpoint
  })
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL
    else process.env.AWS_ENDPOINT_URL = saved
    await sandbox.close()
  })

  it('redirects a credential without an endpoint override', async () => {
    const session = awsProvider().connect(staticCredential(undefined))
    expect(await storesOf(session).acm.list('ca-central-1')).toHaveLength(3)
    expect(await session.test('ca-central-1')).toEqual({ accountId: '111122223333' })
    expect(sandbox.control.calls({ region: 'ca-central-1', operation: 'ListCertificates' })).toBe(2)
  })
})

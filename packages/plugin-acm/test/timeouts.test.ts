import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsProvider, rejection, staticCredential, storesOf } from './support/aws.js'
import { silentEndpoint } from '@certdeck/aws-sandbox'

describe('time-outs: an endpoint that accepts but never answers', () => {
  let silent: Awaited<ReturnType<typeof silentEndpoint>>
  beforeAll(async () => {
    silent = await silentEndpoint()
  })
  afterAll(() => silent.close())

  it('fails the credential test with a time-out naming the endpoint, after every attempt', async () => {
    const session = awsProvider({ maxAttempts: 2, timeouts: { requestMs: 300 } }).connect(
      staticCredential(silent.endpoint, { name: 'ops' }),
    )
    const before = silent.connections()
    const error = await rejection(session.test('us-east-1'))
    session.close?.()
    expect(error.code).toBe('AWS_TIMEOUT')
    expect(error.message).toContain(silent.endpoint.replace('http://', ''))
    expect(error.message).toMatch(/did not answer ACM ListCertificates in us-east-1 within 0\.3 s/)
    expect(error.message).toContain('requestMs')
    expect(silent.connections() - before).toBe(2)
  })

  it('the time-outs core passes on connect (config.json) win over the plugin options', async () => {
    const session = awsProvider({ maxAttempts: 1, timeouts: { requestMs: 60_000 } }).connect(
      staticCredential(silent.endpoint),
      {
        timeouts: { requestMs: 200 },
      },
    )
    const error = await rejection(storesOf(session).acm.list('eu-west-1'))
    session.close?.()
    expect(error.code).toBe('AWS_TIMEOUT')
    expect(error.message).toContain('within 0.2 s')
  })
})

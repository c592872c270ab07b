import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentEndpoint } from '@certdeck/aws-sandbox'
import { provider, rejection } from './support/sandbox.js'

describe('time-outs: a Route 53 endpoint that accepts but never answers', () => {
  let silent: Awaited<ReturnType<typeof silentEndpoint>>
  beforeAll(async () => {
    silent = await silentEndpoint()
  })
  afterAll(() => silent.close())

  it('fails with AWS_TIMEOUT naming the endpoint, after every attempt, instead of hanging', async () => {
    const before = silent.connections()
    const error = await rejection(
      provider(silent.endpoint, {}, { maxAttempts: 2, timeouts: { requestMs: 300 } }).listZones(),
    )
    expect(error.code).toBe('AWS_TIMEOUT')
    expect(error.message).toContain(`${silent.endpoint} did not answer Route 53 ListHostedZones`)
    expect(error.message).toContain('within 0.3 s (2 attempts)')
    expect(silent.connections() - before).toBe(2)
  })
})

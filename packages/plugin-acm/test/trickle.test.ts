import { afterEach, describe, expect, it } from 'vitest'
import { awsProvider, rejection, staticCredential, storesOf } from './support/aws.js'
import { tricklingEndpoint } from '@certdeck/aws-sandbox'

let endpoint: Awaited<ReturnType<typeof tricklingEndpoint>> | undefined
afterEach(async () => {
  await endpoint?.close()
  endpoint = undefined
})

/** Lists ACM certificates through `url` with one attempt of at most `requestMs`. */
async function listThrough(url: string, requestMs: number) {
  const session = awsProvider({ maxAttempts: 1, timeouts: { requestMs } }).connect(staticCredential(url))
  try {
    return await rejection(storesOf(session).acm.list('us-east-1'))
  } finally {
    session.close?.()
  }
}

describe('an attempt ends by its deadline whatever the endpoint does', () => {
  // 100 bytes, one every 100 ms: 10 s to answer, yet every byte well inside the 1 s idle time-out.
  it.each(['body', 'headers'] as const)('an endpoint trickling its %s fails as AWS_TIMEOUT', async (mode) => {
    endpoint = await tricklingEndpoint(mode, { intervalMs: 100, maxBytes: 100 })
    const error = await listThrough(endpoint.endpoint, 1000)
    expect(error).toMatchObject({ code: 'AWS_TIMEOUT' })
    expect(error.message).toContain('within 1 s')
    expect(error.message).toContain('requestMs')
    // The call was given up on: the endpoint never got to send its whole answer.
    expect(endpoint.completed()).toBe(0)
  })
})

describe('an answer larger than any AWS answer is cut off', () => {
  it.each(['declared-huge', 'streamed-huge'] as const)('%s: refused in plain words', async (mode) => {
    endpoint = await tricklingEndpoint(mode)
    const error = await listThrough(endpoint.endpoint, 60_000)
    expect(error).toMatchObject({ code: 'AWS_RESPONSE_TOO_LARGE' })
    expect(error.message).toContain('The answer of 127.0.0.1 is larger than 33554432 bytes')
    expect(endpoint.completed()).toBe(0)
  })
})

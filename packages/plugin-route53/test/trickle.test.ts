import { rejection } from '@certdeck/core/testing'
import { afterEach, expect, it } from 'vitest'
import { provider } from './support/sandbox.js'
import { tricklingEndpoint } from '@certdeck/aws-sandbox'

let endpoint: Awaited<ReturnType<typeof tricklingEndpoint>> | undefined
afterEach(async () => {
  await endpoint?.close()
  endpoint = undefined
})

it('a Route 53 endpoint trickling its answer fails by the per-attempt deadline, not after the whole answer', async () => {
  // 100 bytes, one every 100 ms: 10 s to answer, each byte well inside the 1 s idle time-out.
  endpoint = await tricklingEndpoint('body', { intervalMs: 100, maxBytes: 100 })
  const error = await rejection(
    provider(endpoint.endpoint, {}, { maxAttempts: 1, timeouts: { requestMs: 1000 } }).listZones(),
  )
  expect(error).toMatchObject({ code: 'AWS_TIMEOUT' })
  expect(error.message).toContain('1 s')
  expect(endpoint.completed()).toBe(0)
})

import { afterEach, beforeEach, expect, it } from 'vitest'
import { rejection } from '@certdeck/core/testing'
import { provider } from './support/sandbox.js'
import { recordingEndpoint } from '@certdeck/aws-sandbox'

let saved: string | undefined
let remote: Awaited<ReturnType<typeof recordingEndpoint>>

beforeEach(async () => {
  saved = process.env.AWS_ENDPOINT_URL_ROUTE_53
  remote = await recordingEndpoint()
})
afterEach(async () => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_ROUTE_53
  else process.env.AWS_ENDPOINT_URL_ROUTE_53 = saved
  await remote.close()
})

it('a credential endpoint or AWS_ENDPOINT_URL_ROUTE_53 to plain http on another machine is refused, naming its source', async () => {
  const byCredential = await rejection(provider(remote.endpoint, {}, { maxAttempts: 1 }).listZones())
  expect(byCredential).toMatchObject({ code: 'ENDPOINT_INSECURE' })
  expect(byCredential.message).toContain('set by the endpoint of credential "dns-cred"')
  process.env.AWS_ENDPOINT_URL_ROUTE_53 = remote.endpoint
  const byVariable = await rejection(provider(undefined as unknown as string, {}, { maxAttempts: 1 }).listZones())
  expect(byVariable.message).toContain('set by AWS_ENDPOINT_URL_ROUTE_53')
  expect(remote.requests()).toBe(0)
})

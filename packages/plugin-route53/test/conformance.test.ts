import { runDnsProviderConformance } from '@certdeck/core/testing'
import { afterAll, beforeAll } from 'vitest'
import { provider, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

let env: Route53Sandbox

beforeAll(async () => {
  env = await route53Sandbox()
  env.zone('example.com')
  env.zone('example.com', { private: true })
})
afterAll(() => env.close())

runDnsProviderConformance(
  'route53 (sandbox)',
  () => ({ provider: provider(env.endpoint), records: (zone) => env.records(zone) }),
  {
    requireWaitForSync: true,
    requireLookupRecords: true,
  },
)

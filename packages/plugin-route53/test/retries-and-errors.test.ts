import type { DnsZone } from '@certdeck/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { refusingProxy } from './support/refusing-proxy.js'
import {
  provider,
  rejection,
  route53Sandbox,
  route53Type,
  staticCredential,
  type Route53Sandbox,
} from './support/sandbox.js'

let env: Route53Sandbox
let zone: DnsZone
const closers: (() => Promise<void>)[] = []

beforeEach(async () => {
  env = await route53Sandbox()
  zone = { id: env.zone('example.com'), name: 'example.com', private: false }
})
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  await env.close()
})

const record = { name: '_a.example.com', type: 'CNAME' as const, value: '_a.acm-validations.aws' }

describe('retries', () => {
  it('Throttling is retried by the SDK until the change goes through', async () => {
    const proxy = await refusingProxy(env.endpoint, 'Throttling', 2)
    closers.push(proxy.close)
    await provider(proxy.endpoint).upsertRecords(zone, [record])
    expect(proxy.refused()).toBe(2)
    expect(await env.records(zone)).toEqual([{ ...record, ttl: 300 }])
  })

  it('PriorRequestNotComplete is retried by the SDK', async () => {
    const proxy = await refusingProxy(env.endpoint, 'PriorRequestNotComplete', 2)
    closers.push(proxy.close)
    await provider(proxy.endpoint).upsertRecords(zone, [record])
    expect(proxy.refused()).toBe(2)
    expect(await env.records(zone)).toEqual([{ ...record, ttl: 300 }])
  })

  it('throttling that outlasts every retry is AWS_THROTTLED, saying nothing was changed and to try again', async () => {
    env.sandbox.control.setFaults({ rules: [{ service: 'route53', errorRate: 1, error: 'Throttling' }] })
    const error = await rejection(provider(env.endpoint, {}, { maxAttempts: 2 }).upsertRecords(zone, [record]))
    expect(error.code).toBe('AWS_THROTTLED')
    expect(error.message).toContain('after 2 attempts')
    expect(error.message).toContain('Nothing was changed')
  })

  it('keeps an account under 5 requests per second across the providers of one plugin', async () => {
    const type = route53Type()
    const a = type.create({ name: 'a', settings: {}, credential: staticCredential(env.endpoint) })
    const b = type.create({ name: 'b', settings: {}, credential: staticCredential(env.endpoint) })
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).listZones()))
    const [row] = env.sandbox.control.stats({ service: 'route53', operation: 'ListHostedZonesByName' })
    // The sandbox throttles above 5/s: none was, though 12 calls were made at once.
    expect(row.throttled).toBe(0)
    expect(row.attempts).toBe(12)
  })
})

describe('errors', () => {
  it('AccessDenied names the missing permission', async () => {
    const proxy = await refusingProxy(env.endpoint, 'AccessDenied', Number.POSITIVE_INFINITY, 403)
    closers.push(proxy.close)
    const dns = provider(proxy.endpoint)
    const listing = await rejection(dns.listZones())
    expect(listing.code).toBe('AWS_ACCESS_DENIED')
    expect(listing.message).toContain('route53:ListHostedZonesByName')
    expect(listing.message).toContain('"dns-cred"')
    const writing = await rejection(dns.upsertRecords(zone, [record]))
    expect(writing.message).toContain('its policy needs route53:ChangeResourceRecordSets')
    const deleting = await rejection(dns.deleteRecords(zone, [record]))
    expect(deleting.message).toContain('its policy needs route53:ListResourceRecordSets')
    const syncing = await rejection(dns.waitForSync!('C0123'))
    expect(syncing.message).toContain('its policy needs route53:GetChange')
  })

  it('an unreachable endpoint is AWS_UNREACHABLE naming it; the secret key appears nowhere', async () => {
    const error = await rejection(provider('http://127.0.0.1:9', {}, { maxAttempts: 1 }).listZones())
    expect(error.code).toBe('AWS_UNREACHABLE')
    expect(error.message).toContain('127.0.0.1:9')
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('sandbox-secret-value')
  })
})

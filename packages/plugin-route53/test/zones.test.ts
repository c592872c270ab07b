import { afterEach, describe, expect, it } from 'vitest'
import { provider, rejection, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

let env: Route53Sandbox | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('listZones', () => {
  it('reads every page of ListHostedZonesByName', async () => {
    env = await route53Sandbox()
    const names = Array.from({ length: 230 }, (_, i) => `zone${String(i).padStart(3, '0')}.example.org`)
    for (const name of names) env.zone(name)
    const zones = await provider(env.endpoint).listZones()
    expect(zones.map((z) => z.name).sort()).toEqual(names)
    // 100 zones a page: three pages.
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'ListHostedZonesByName' })).toBe(3)
  })

  it(
    'gives ids without /hostedzone/, lower-case names without the dot, and public and private zones of one ' + 'name',
    async () => {
      env = await route53Sandbox()
      const publicId = env.zone('Example.COM')
      const privateId = env.zone('example.com', { private: true })
      const zones = await provider(env.endpoint).listZones()
      expect(zones.sort((a, b) => Number(a.private) - Number(b.private))).toEqual([
        { id: publicId, name: 'example.com', private: false },
        { id: privateId, name: 'example.com', private: true },
      ])
    },
  )

  it('with a pinned zoneId lists only that zone (GetHostedZone)', async () => {
    env = await route53Sandbox()
    env.zone('example.com')
    const pinned = env.zone('example.com', { private: true })
    const zones = await provider(env.endpoint, { zoneId: `/hostedzone/${pinned}` }).listZones()
    expect(zones).toEqual([{ id: pinned, name: 'example.com', private: true }])
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'ListHostedZonesByName' })).toBe(0)
  })

  it('a pinned zone that does not exist is DNS_ZONE_NOT_FOUND naming the zone', async () => {
    env = await route53Sandbox()
    const error = await rejection(provider(env.endpoint, { zoneId: 'Z0NOSUCHZONE0000000' }).listZones())
    expect(error.code).toBe('DNS_ZONE_NOT_FOUND')
    expect(error.message).toContain('Z0NOSUCHZONE0000000')
    expect(error.message).toContain('zoneId')
  })

  it('sees the zones of the credential’s own account, which may differ from the ACM one', async () => {
    env = await route53Sandbox({
      accounts: ['111122223333', { id: '444455556666', accessKeyPrefix: 'AKIADNSACCOUNT' }],
    })
    env.zone('acm-account.example')
    const dnsZone = env.zone('dns-account.example', { account: '444455556666' })
    const zones = await provider(env.endpoint, {}, {}, 'AKIADNSACCOUNT000001').listZones()
    expect(zones).toEqual([{ id: dnsZone, name: 'dns-account.example', private: false }])
  })
})

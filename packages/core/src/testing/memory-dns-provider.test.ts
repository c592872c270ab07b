import { describe, expect, it } from 'vitest'
import { CertDeckError } from '../errors.js'
import { runDnsProviderConformance } from './dns-conformance.js'
import { memoryDnsProvider } from './memory-dns-provider.js'

runDnsProviderConformance(
  'memory',
  () => {
    const type = memoryDnsProvider({
      zones: [{ name: 'internal.example.com', private: true }, { name: 'example.com' }],
    })
    return {
      provider: type.create({ name: 'conformance', settings: {} }),
      records: async (zone) => type.records(zone.id),
    }
  },
  { requireWaitForSync: true, requireLookupRecords: true },
)

describe('memoryDnsProvider', () => {
  const zone = { id: 'Z-example.com', name: 'example.com', private: false }

  it('shares one zone store between the providers it creates and logs their calls', async () => {
    const type = memoryDnsProvider()
    await type
      .create({ name: 'a', settings: {} })
      .upsertRecords(zone, [{ name: '_x.example.com', type: 'CNAME', value: 'x.acm-validations.aws' }])
    expect(type.records('example.com')).toEqual([
      { name: '_x.example.com', type: 'CNAME', value: 'x.acm-validations.aws', ttl: 300 },
    ])
    expect(type.created).toEqual(['a'])
    expect(type.calls.map((c) => `${c.provider} ${c.method} ${c.zoneId}`)).toEqual(['a upsertRecords Z-example.com'])
  })

  it('fails the next calls of a method as told, changing nothing', async () => {
    const type = memoryDnsProvider()
    const provider = type.create({ name: 'a', settings: {} })
    type.fail('upsertRecords', new CertDeckError('DNS_THROTTLED', 'slow down', { kind: 'failure' }), { times: 2 })
    const record = { name: '_y.example.com', type: 'CNAME' as const, value: 'y.acm-validations.aws' }
    await expect(provider.upsertRecords(zone, [record])).rejects.toThrow('slow down')
    await expect(provider.upsertRecords(zone, [record])).rejects.toThrow('slow down')
    expect(type.records()).toEqual([])
    await provider.upsertRecords(zone, [record])
    expect(type.records()).toHaveLength(1)
  })

  it('refuses a record outside the zone and writes none of the batch', async () => {
    const type = memoryDnsProvider()
    const provider = type.create({ name: 'a', settings: {} })
    await expect(
      provider.upsertRecords(zone, [
        { name: '_a.example.com', type: 'CNAME', value: 'a.acm-validations.aws' },
        { name: '_b.example.org', type: 'CNAME', value: 'b.acm-validations.aws' },
      ]),
    ).rejects.toThrow('_b.example.org is not inside zone example.com')
    expect(type.records()).toEqual([])
  })
})

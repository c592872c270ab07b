import { describe, expect, it } from 'vitest'
import type { DnsProvider } from '../../plugins/dns-provider.js'
import { memoryDnsProvider } from '../../testing/memory-dns-provider.js'
import { checkValidationRecords, type LookupSource } from './record-checks.js'

const source = (name: string, provider: DnsProvider, pinnedZoneId?: string): LookupSource => ({
  name,
  ...(pinnedZoneId ? { pinnedZoneId } : {}),
  provider: async () => provider,
  limited: (call) => call(),
})

describe('checkValidationRecords', () => {
  it('finds a CNAME present, one gone, and one no provider covers', async () => {
    const type = memoryDnsProvider({
      zones: [{ name: 'example.com' }, { name: 'example.com', id: 'Z-private', private: true }],
    })
    const provider = type.create({ name: 'prod-dns', settings: {} })
    const zone = type.zones[0]
    await provider.upsertRecords(zone, [{ name: '_a.www.example.com', type: 'CNAME', value: '_b.acm-validations.aws' }])
    const checks = await checkValidationRecords(
      [
        { name: '_A.www.example.com.', type: 'CNAME', value: '_B.acm-validations.aws.' },
        { name: '_c.api.example.com', type: 'CNAME', value: '_d.acm-validations.aws' },
        { name: '_e.other.test', type: 'CNAME', value: '_f.acm-validations.aws' },
      ],
      [source('prod-dns', provider)],
    )
    expect(checks).toEqual([
      {
        name: '_a.www.example.com',
        value: '_b.acm-validations.aws',
        state: 'present',
        zone: 'example.com',
        provider: 'prod-dns',
      },
      {
        name: '_c.api.example.com',
        value: '_d.acm-validations.aws',
        state: 'missing',
        zone: 'example.com',
        provider: 'prod-dns',
      },
      {
        name: '_e.other.test',
        value: '_f.acm-validations.aws',
        state: 'unknown',
        detail: 'no configured DNS provider that can read records covers it',
      },
    ])
    // Zones are listed once for all the names.
    expect(type.calls.filter((c) => c.method === 'listZones')).toHaveLength(1)
  })

  it('takes a CNAME with another value for a missing one', async () => {
    const type = memoryDnsProvider()
    const provider = type.create({ name: 'dns', settings: {} })
    await provider.upsertRecords(type.zones[0], [
      { name: '_a.example.com', type: 'CNAME', value: '_old.acm-validations.aws' },
    ])
    const [check] = await checkValidationRecords(
      [{ name: '_a.example.com', type: 'CNAME', value: '_new.acm-validations.aws' }],
      [source('dns', provider)],
    )
    expect(check.state).toBe('missing')
  })

  it('leaves a record unknown when the provider cannot read records or its lookup fails', async () => {
    const type = memoryDnsProvider()
    const full = type.create({ name: 'dns', settings: {} })
    const writeOnly: DnsProvider = {
      listZones: full.listZones,
      upsertRecords: full.upsertRecords,
      deleteRecords: full.deleteRecords,
    }
    const record = { name: '_a.example.com', type: 'CNAME' as const, value: '_b.acm-validations.aws' }
    expect((await checkValidationRecords([record], [source('hook', writeOnly)]))[0].state).toBe('unknown')
    type.fail('lookupRecords', new Error('Access denied to zone'))
    const [failed] = await checkValidationRecords([record], [source('dns', full)])
    expect(failed).toMatchObject({ state: 'unknown', provider: 'dns', detail: 'Access denied to zone' })
  })
})

import { describe, expect, it } from 'vitest'
import type { DnsZone } from '../../plugins/dns-provider.js'
import { detectZone } from './dns-zones.js'

const zone = (name: string, id: string, isPrivate = false): DnsZone => ({ id, name, private: isPrivate })
const parent = zone('example.com', 'Z1')
const child = zone('a.example.com', 'Z2')
const privateTwin = zone('example.com', 'Z3', true)

describe('detectZone', () => {
  it('picks the longest zone that is the name or a parent of it (nested zones)', () => {
    const zones = [parent, child]
    expect(detectZone('_x.www.a.example.com', zones).id).toBe('Z2')
    expect(detectZone('_x.a.example.com', zones).id).toBe('Z2')
    expect(detectZone('_x.b.example.com', zones).id).toBe('Z1')
    expect(detectZone('example.com', zones).id).toBe('Z1')
  })

  it('matches on label boundaries only, case and trailing dot aside', () => {
    expect(() => detectZone('_x.notexample.com', [parent])).toThrow(
      /No public zone of the DNS provider covers _x\.notexample\.com/,
    )
    expect(detectZone('_X.Example.COM.', [parent]).id).toBe('Z1')
  })

  it('takes the public zone when a private zone shares its name', () => {
    expect(detectZone('_x.example.com', [privateTwin, parent]).id).toBe('Z1')
    expect(detectZone('_x.example.com', [privateTwin], { publicOnly: false }).id).toBe('Z3')
  })

  it('explains that only a private zone covers the name', () => {
    expect(() => detectZone('_x.example.com', [privateTwin])).toThrow(
      /Only private zones cover it \(example\.com \(Z3, private\)\)/,
    )
  })

  it('lets a pinned zone id win over a longer match, but not over a name it does not cover', () => {
    expect(detectZone('_x.a.example.com', [parent, child], { pinnedZoneId: 'Z1' }).id).toBe('Z1')
    expect(() => detectZone('_x.example.org', [parent], { pinnedZoneId: 'Z1' })).toThrow(
      expect.objectContaining({ code: 'DNS_ZONE_MISMATCH' }),
    )
    expect(() => detectZone('_x.example.com', [parent], { pinnedZoneId: 'Z9' })).toThrow(
      /pinned zone id Z9 is not among the provider's zones\. The provider has: example\.com \(Z1, public\)/,
    )
    expect(() => detectZone('_x.example.com', [parent, privateTwin], { pinnedZoneId: 'Z3' })).toThrow(
      expect.objectContaining({ code: 'DNS_ZONE_PRIVATE' }),
    )
  })

  it('refuses an ambiguous match and lists the candidates', () => {
    const twin = zone('example.com', 'Z4')
    expect(() => detectZone('_x.example.com', [parent, twin])).toThrow(
      'Several zones could hold _x.example.com: example.com (Z1, public), example.com (Z4, public). Pin the right one',
    )
  })

  it('names the domain and the zones seen when no zone covers it', () => {
    expect(() => detectZone('_x.example.org', [parent, child])).toThrow(
      expect.objectContaining({
        code: 'DNS_ZONE_NOT_FOUND',
        message: expect.stringContaining(
          'covers _x.example.org. The provider has: example.com (Z1, public), a.example.com (Z2, public).',
        ),
      }),
    )
    expect(() => detectZone('_x.example.org', [])).toThrow(/lists no zones at all/)
  })
})

import { CertDeckError } from '../../errors.js'
import type { DnsZone } from '../../plugins/dns-provider.js'

/** How {@link detectZone} chooses. */
export interface ZoneRule {
  /** Only public zones (ACM validation is checked through public DNS). @default true */
  readonly publicOnly?: boolean
  /** A pinned zone id (the `zoneId` setting): it wins over detection, but must cover the name. */
  readonly pinnedZoneId?: string
}

/** A DNS name in the contract's form: lower case, without the trailing dot. */
export function dnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '')
}

/** True when `zone` is `name` itself or one of its parents, on a label boundary. */
export function zoneCovers(zone: string, name: string): boolean {
  return name === zone || name.endsWith(`.${zone}`)
}

function describeZone(zone: DnsZone): string {
  return `${zone.name} (${zone.id}, ${zone.private ? 'private' : 'public'})`
}

function seen(zones: readonly DnsZone[]): string {
  return zones.length
    ? `The provider has: ${zones.map(describeZone).join(', ')}.`
    : 'The provider lists no zones at all.'
}

/**
 * The zone a record name belongs to: the longest zone name that is the name or one of its
 * parents (so `a.example.com` wins over `example.com`), public zones only unless told otherwise.
 * A pinned zone id wins. Two candidate zones of the same name are an error listing both: core
 * never guesses which one the user meant.
 */
export function detectZone(recordName: string, zones: readonly DnsZone[], rule: ZoneRule = {}): DnsZone {
  const name = dnsName(recordName)
  if (rule.pinnedZoneId !== undefined) return pinnedZone(name, zones, rule.pinnedZoneId, rule.publicOnly !== false)
  const covering = zones.filter((zone) => zoneCovers(zone.name, name))
  const usable = rule.publicOnly === false ? covering : covering.filter((zone) => !zone.private)
  if (usable.length === 0) {
    const onlyPrivate =
      covering.length > 0
        ? ` Only private zones cover it (${covering.map(describeZone).join(', ')}); ACM validates through ` +
          `public DNS, so the record must go into a public zone.`
        : ''
    throw new CertDeckError(
      'DNS_ZONE_NOT_FOUND',
      `No ${rule.publicOnly === false ? '' : 'public '}zone of the DNS provider covers ` +
        `${name}.${onlyPrivate} ${seen(zones)} ` +
        'Create the zone with your DNS host, use another DNS provider, or create the record by hand ' +
        '(certdeck requests records).',
    )
  }
  const longest = Math.max(...usable.map((zone) => zone.name.length))
  const best = usable.filter((zone) => zone.name.length === longest)
  if (best.length > 1) {
    throw new CertDeckError(
      'DNS_ZONE_AMBIGUOUS',
      `Several zones could hold ${name}: ${best.map(describeZone).join(', ')}. ` +
        'Pin the right one: certdeck dns add … --zone-id ID (remove and add the provider again).',
    )
  }
  return best[0]
}

function pinnedZone(name: string, zones: readonly DnsZone[], zoneId: string, publicOnly: boolean): DnsZone {
  const zone = zones.find((z) => z.id === zoneId)
  if (!zone) {
    throw new CertDeckError(
      'DNS_ZONE_NOT_FOUND',
      `The pinned zone id ${zoneId} is not among the provider's zones. ${seen(zones)} Fix the zoneId ` +
        `setting (remove and add the provider again).`,
    )
  }
  if (!zoneCovers(zone.name, name)) {
    throw new CertDeckError(
      'DNS_ZONE_MISMATCH',
      `The pinned zone ${describeZone(zone)} does not cover ${name}. Use a DNS provider whose zone covers ` +
        `it, or pin another zone.`,
    )
  }
  if (publicOnly && zone.private) {
    throw new CertDeckError(
      'DNS_ZONE_PRIVATE',
      `The pinned zone ${describeZone(zone)} is private, but ACM validates ${name} through public DNS. Pin ` +
        `the public zone of that name.`,
    )
  }
  return zone
}

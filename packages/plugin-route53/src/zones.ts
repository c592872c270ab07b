import { GetHostedZoneCommand, ListHostedZonesByNameCommand, type HostedZone } from '@aws-sdk/client-route-53'
import type { DnsZone } from '@certdeck/core'
import { bareId, fromRoute53Name } from './names.js'
import type { Route53Context } from './route53-context.js'

function toZone(zone: HostedZone): DnsZone {
  return {
    id: bareId(zone.Id ?? ''),
    name: fromRoute53Name(zone.Name ?? ''),
    private: zone.Config?.PrivateZone === true,
  }
}

/**
 * The hosted zones the credential sees, public and private (a private and a public zone may share
 * a name): every page of ListHostedZonesByName, or only the pinned zone (GetHostedZone).
 */
export async function listZones(
  ctx: Route53Context,
  pinnedZoneId: string | undefined,
  signal?: AbortSignal,
): Promise<DnsZone[]> {
  if (pinnedZoneId !== undefined) {
    const id = bareId(pinnedZoneId)
    const { HostedZone } = await ctx.call(
      'GetHostedZone',
      (client) => client.send(new GetHostedZoneCommand({ Id: id }), { abortSignal: signal }),
      {
        target: id,
        signal,
      },
    )
    return HostedZone ? [toZone(HostedZone)] : []
  }
  const zones: DnsZone[] = []
  let next: { DNSName?: string; HostedZoneId?: string } = {}
  for (;;) {
    const page = await ctx.call(
      'ListHostedZonesByName',
      (client) => client.send(new ListHostedZonesByNameCommand({ ...next, MaxItems: 100 }), { abortSignal: signal }),
      { signal },
    )
    zones.push(...(page.HostedZones ?? []).map(toZone))
    if (!page.IsTruncated || !page.NextDNSName) return zones
    next = { DNSName: page.NextDNSName, ...(page.NextHostedZoneId ? { HostedZoneId: page.NextHostedZoneId } : {}) }
  }
}

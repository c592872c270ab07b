import {
  ChangeResourceRecordSetsCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type ResourceRecordSet,
} from '@aws-sdk/client-route-53'
import { isCertDeckError, type DnsRecord, type DnsZone } from '@certdeck/core'
import { bareId, fromRoute53Name, fromRoute53Value, toRoute53Name, toRoute53Value } from './names.js'
import type { Route53Context } from './route53-context.js'

/** @default TTL of a record that names none. */
const DEFAULT_TTL = 300
/** A delete re-reads and retries when the records changed between its read and its write. */
const DELETE_ATTEMPTS = 3

/** The records grouped by (name, type): one Route 53 record set each, values deduplicated. */
function recordSets(
  records: readonly DnsRecord[],
): { name: string; type: DnsRecord['type']; ttl: number; values: string[] }[] {
  const sets = new Map<string, { name: string; type: DnsRecord['type']; ttl: number; values: string[] }>()
  for (const record of records) {
    const name = fromRoute53Name(record.name)
    const key = `${name} ${record.type}`
    const set = sets.get(key) ?? { name, type: record.type, ttl: record.ttl ?? DEFAULT_TTL, values: [] }
    if (!set.values.includes(record.value)) set.values.push(record.value)
    set.ttl = Math.max(set.ttl, record.ttl ?? DEFAULT_TTL)
    sets.set(key, set)
  }
  return [...sets.values()]
}

async function send(
  ctx: Route53Context,
  zone: DnsZone,
  changes: Change[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const { ChangeInfo } = await ctx.call(
    'ChangeResourceRecordSets',
    (client) =>
      client.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zone.id,
          ChangeBatch: { Comment: 'certdeck', Changes: changes },
        }),
        { abortSignal: signal },
      ),
    { target: `${zone.name} ${zone.id}`, signal },
  )
  return ChangeInfo?.Id ? bareId(ChangeInfo.Id) : undefined
}

/**
 * Writes the records as ONE atomic UPSERT batch: each (name, type) record set becomes exactly the
 * values handed for it. Returns the change id for GetChange.
 */
export async function upsertRecords(
  ctx: Route53Context,
  zone: DnsZone,
  records: readonly DnsRecord[],
  signal?: AbortSignal,
): Promise<{ changeId?: string }> {
  if (records.length === 0) return {}
  const changes = recordSets(records).map(
    (set): Change => ({
      Action: 'UPSERT',
      ResourceRecordSet: {
        Name: toRoute53Name(set.name),
        Type: set.type,
        TTL: set.ttl,
        ResourceRecords: set.values.map((value) => ({ Value: toRoute53Value(set.type, value) })),
      },
    }),
  )
  const changeId = await send(ctx, zone, changes, signal)
  return changeId ? { changeId } : {}
}

/** The current simple (unweighted) record set of name and type, or undefined. */
async function currentSet(
  ctx: Route53Context,
  zone: DnsZone,
  name: string,
  type: DnsRecord['type'],
  signal?: AbortSignal,
): Promise<ResourceRecordSet | undefined> {
  const page = await ctx.call(
    'ListResourceRecordSets',
    (client) =>
      client.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zone.id,
          StartRecordName: toRoute53Name(name),
          StartRecordType: type,
          MaxItems: 1,
        }),
        { abortSignal: signal },
      ),
    { target: `${zone.name} ${zone.id}`, signal },
  )
  const set = page.ResourceRecordSets?.[0]
  const same = set && fromRoute53Name(set.Name ?? '') === name && set.Type === type && set.SetIdentifier === undefined
  return same ? set : undefined
}

/**
 * The values of one name and type (ListResourceRecordSets from that name, one set): an empty
 * list when the zone holds none. Read-only.
 */
export async function lookupRecords(
  ctx: Route53Context,
  zone: DnsZone,
  name: string,
  type: DnsRecord['type'],
  signal?: AbortSignal,
): Promise<DnsRecord[]> {
  const wanted = fromRoute53Name(name)
  const set = await currentSet(ctx, zone, wanted, type, signal)
  return (set?.ResourceRecords ?? []).map((record) => ({
    name: wanted,
    type,
    value: fromRoute53Value(type, record.Value ?? ''),
    ...(set?.TTL !== undefined ? { ttl: set.TTL } : {}),
  }))
}

/** The change that removes exactly `values` from the current set, or undefined when none is there. */
function removal(current: ResourceRecordSet, type: DnsRecord['type'], values: readonly string[]): Change | undefined {
  const all = current.ResourceRecords ?? []
  const matches = (value: string | undefined) => {
    const plain = fromRoute53Value(type, value ?? '')
    return values.some((v) => (type === 'CNAME' ? fromRoute53Name(v) === plain : v === plain))
  }
  const keep = all.filter((record) => !matches(record.Value))
  if (keep.length === all.length) return undefined
  // Route 53 deletes a set only when handed its exact current TTL and values.
  if (keep.length === 0) return { Action: 'DELETE', ResourceRecordSet: current }
  return { Action: 'UPSERT', ResourceRecordSet: { ...current, ResourceRecords: keep } }
}

/**
 * Deletes exactly these values: each record set is read first (Route 53 needs its exact TTL and
 * values); a set left with other values keeps them, one already gone or holding other values is
 * left alone. One batch; re-read and retried when the zone changed in between.
 */
export async function deleteRecords(
  ctx: Route53Context,
  zone: DnsZone,
  records: readonly DnsRecord[],
  signal?: AbortSignal,
): Promise<void> {
  const sets = recordSets(records)
  for (let attempt = 1; ; attempt++) {
    const changes: Change[] = []
    for (const set of sets) {
      const current = await currentSet(ctx, zone, set.name, set.type, signal)
      const change = current && removal(current, set.type, set.values)
      if (change) changes.push(change)
    }
    if (changes.length === 0) return
    try {
      await send(ctx, zone, changes, signal)
      return
    } catch (error) {
      const raced =
        isCertDeckError(error) && error.code === 'DNS_CHANGE_REJECTED' && /not found|do not match/i.test(error.message)
      if (!raced || attempt >= DELETE_ATTEMPTS) throw error
    }
  }
}

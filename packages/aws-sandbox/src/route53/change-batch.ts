/**
 * ChangeResourceRecordSets semantics: changes apply in order to a copy of the zone's records;
 * any failure rejects the whole batch with every message, as Route 53's InvalidChangeBatch does,
 * and the zone is left untouched.
 */
import { isIP } from 'node:net'
import { SandboxError } from '../types.js'
import { recordKey, type RecordData, type ZoneData } from './route53-state.js'
import { typesAt, type RecordChanges } from './zone-index.js'

/** One change of a batch, already parsed (names canonical). */
export interface ChangeInput {
  readonly action: 'CREATE' | 'DELETE' | 'UPSERT'
  readonly record: RecordData
}

/** Route 53's per-request limit on ResourceRecord elements (an UPSERT counts twice). */
export const MAX_RECORDS_PER_BATCH = 1000

function describe(record: RecordData): string {
  const set = record.setIdentifier === undefined ? '' : `, set-identifier='${record.setIdentifier}'`
  return `[name='${record.name}', type='${record.type}'${set}]`
}

function sameContent(a: RecordData, b: RecordData): boolean {
  const canonical = (r: RecordData) =>
    JSON.stringify([
      r.ttl ?? null,
      r.weight ?? null,
      [...(r.values ?? [])].sort(),
      r.alias
        ? [r.alias.hostedZoneId, r.alias.dnsName.toLowerCase().replace(/\.?$/, '.'), r.alias.evaluateTargetHealth]
        : null,
    ])
  return canonical(a) === canonical(b)
}

/** Problems with a record's values, in Route 53's "Invalid Resource Record" wording. */
function valueProblems(record: RecordData): string[] {
  const problems: string[] = []
  const values = record.values ?? []
  const fatal = (code: string, what: string, value: string) =>
    problems.push(`Invalid Resource Record: 'FATAL problem: ${code} (${what}) encountered with '${value}''`)
  for (const value of values) {
    switch (record.type) {
      case 'A':
        if (isIP(value) !== 4) fatal('ARRDATAIllegalIPv4Address', 'Value is not a valid IPv4 address', value)
        break
      case 'AAAA':
        if (isIP(value) !== 6) fatal('AAAARRDATAIllegalIPv6Address', 'Value is not a valid IPv6 address', value)
        break
      case 'TXT':
      case 'SPF':
        if (!/^("([^"\\]|\\.)*"\s*)+$/.test(value)) {
          fatal('InvalidCharacterString', 'Value should be enclosed in quotation marks', value)
        }
        break
      case 'MX':
        if (!/^\d{1,5}\s+\S+$/.test(value)) fatal('MXRRDATANotTwoFields', 'MX RRDATA must have two fields', value)
        break
    }
  }
  if (record.type === 'CNAME' && values.length > 1) {
    problems.push(`RRSet of type CNAME with DNS name ${record.name} has more than one value; a CNAME takes exactly one`)
  }
  return problems
}

/** Problems with where a record sits in the zone, checked against the working copy. */
function placementProblems(
  zone: ZoneData,
  typesAt: { get(name: string): ReadonlySet<string> },
  record: RecordData,
): string[] {
  if (record.type === 'CNAME' && record.name === zone.name) {
    return [`RRSet of type CNAME with DNS name ${record.name} is not permitted at apex in zone ${zone.name}`]
  }
  if (record.type === 'SOA' && record.name !== zone.name) {
    return [
      `RRSet of type SOA with DNS name ${record.name} is not permitted: SOA records exist only at the apex ` +
        `of zone ${zone.name}`,
    ]
  }
  const others = [...(typesAt.get(record.name) ?? [])].filter((type) => type !== record.type)
  if (record.type === 'CNAME' && others.length > 0) {
    return [
      `RRSet of type CNAME with DNS name ${record.name} is not permitted as it conflicts with other ` +
        `records with the same DNS name in zone ${zone.name}`,
    ]
  }
  if (others.includes('CNAME')) {
    return [
      `RRSet of type ${record.type} with DNS name ${record.name} is not permitted because a conflicting ` +
        `RRSet of type CNAME with the same DNS name already exists in zone ${zone.name}`,
    ]
  }
  return []
}

/**
 * Validates `changes` in order against `zone` without touching it and returns what they do;
 * throws InvalidChangeBatch listing every problem (messages in brackets, comma-separated, as
 * Route 53 answers) when any change fails. `commitChanges` applies the result.
 */
export function applyChangeBatch(zone: ZoneData, changes: readonly ChangeInput[]): RecordChanges {
  const weight = changes.reduce(
    (sum, c) => sum + Math.max(1, c.record.values?.length ?? 0) * (c.action === 'UPSERT' ? 2 : 1),
    0,
  )
  if (weight > MAX_RECORDS_PER_BATCH) {
    throw invalidChangeBatch([`Number of records limit of ${MAX_RECORDS_PER_BATCH} exceeded.`])
  }
  // An overlay on the zone's records: zones can be large, batches are small.
  const overlay = new Map<string, RecordData | undefined>()
  const lookup = (key: string) =>
    overlay.has(key) ? overlay.get(key) : Object.hasOwn(zone.records, key) ? zone.records[key] : undefined
  // Types present at each name the batch touches, as the overlay changes them.
  const working = new Map<string, Map<string, number>>()
  const typesOf = (name: string) => {
    let types = working.get(name)
    if (!types) {
      types = new Map(typesAt(zone, name))
      working.set(name, types)
    }
    return types
  }
  const track = (r: RecordData, delta: number) => {
    const types = typesOf(r.name)
    const count = (types.get(r.type) ?? 0) + delta
    if (count > 0) types.set(r.type, count)
    else types.delete(r.type)
  }
  const typeSets = { get: (name: string) => new Set(typesOf(name).keys()) }
  const problems: string[] = []
  for (const { action, record } of changes) {
    const key = recordKey(record)
    const current = lookup(key)
    if (record.name !== zone.name && !record.name.endsWith(`.${zone.name}`)) {
      problems.push(`RRSet with DNS name ${record.name} is not permitted in zone ${zone.name}`)
      continue
    }
    if (action === 'DELETE') {
      if (!current) problems.push(`Tried to delete resource record set ${describe(record)} but it was not found`)
      else if (!sameContent(current, record)) {
        problems.push(
          `Tried to delete resource record set ${describe(record)} but the values provided do not match ` +
            `the current values`,
        )
      } else if (record.name === zone.name && record.type === 'SOA') {
        problems.push('A HostedZone must contain exactly one SOA record.')
      } else if (record.name === zone.name && record.type === 'NS') {
        problems.push('A HostedZone must contain at least one NS record for the zone itself.')
      } else {
        overlay.set(key, undefined)
        track(current, -1)
      }
      continue
    }
    if (action === 'CREATE' && current) {
      problems.push(`Tried to create resource record set ${describe(record)} but it already exists`)
      continue
    }
    const found = [...valueProblems(record), ...placementProblems(zone, typeSets, record)]
    if (found.length > 0) problems.push(...found)
    else {
      if (current) track(current, -1)
      overlay.set(key, record)
      track(record, 1)
    }
  }
  if (problems.length > 0) throw invalidChangeBatch(problems)
  return overlay
}

function invalidChangeBatch(messages: readonly string[]): SandboxError {
  return new SandboxError('InvalidChangeBatch', `[${messages.join(', ')}]`)
}

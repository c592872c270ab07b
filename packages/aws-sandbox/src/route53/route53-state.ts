/**
 * Route 53 hosted zones, records and changes of one account, over plain JSON kept in the
 * sandbox world (persisted with `--data FILE`, replaced wholesale by `control.load()`).
 */
import { SandboxError } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { canonicalName, isInZone } from './names.js'

/** An alias target of a record. */
export interface AliasData {
  readonly hostedZoneId: string
  readonly dnsName: string
  readonly evaluateTargetHealth: boolean
}

/** One resource record set. Names are canonical (see `canonicalName`). */
export interface RecordData {
  readonly name: string
  readonly type: string
  readonly setIdentifier?: string
  readonly weight?: number
  readonly ttl?: number
  readonly values?: readonly string[]
  readonly alias?: AliasData
}

/** The VPC a private zone is associated with. */
export interface VpcData {
  readonly region: string
  readonly id: string
}

/** One hosted zone. `id` has no `/hostedzone/` prefix. */
export interface ZoneData {
  readonly id: string
  readonly name: string
  readonly callerReference: string
  readonly comment?: string
  readonly privateZone: boolean
  readonly vpcs: readonly VpcData[]
  readonly nameServers: readonly string[]
  /** Records by {@link recordKey}. */
  records: Record<string, RecordData>
}

/** A submitted change; its status is derived from the clock. `id` has no `/change/` prefix. */
export interface ChangeData {
  readonly id: string
  /** ms since the epoch. */
  readonly submittedAt: number
  readonly comment?: string
}

/** The JSON of one account's Route 53 state. */
export interface Route53AccountData {
  zones: Record<string, ZoneData>
  changes: Record<string, ChangeData>
  /** Zone id by CallerReference (references stay used after the zone is deleted, as in AWS). */
  callerReferences: Record<string, string>
}

/** The JSON stored under {@link ROUTE53_STATE_KEY}. */
export interface Route53StateData {
  accounts: Record<string, Route53AccountData>
}

/** The `world.state` key of Route 53. */
export const ROUTE53_STATE_KEY = 'route53'

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Name servers every private zone lists, as in AWS. */
const PRIVATE_NAME_SERVERS = [
  'ns-0.awsdns-00.com.',
  'ns-512.awsdns-00.net.',
  'ns-1024.awsdns-00.org.',
  'ns-1536.awsdns-00.co.uk.',
]

/** The key of a record inside its zone. */
export function recordKey(record: Pick<RecordData, 'name' | 'type' | 'setIdentifier'>): string {
  return `${record.name} ${record.type} ${record.setIdentifier ?? ''}`
}

/** What a new zone needs. `name` may be in any presentation form. */
export interface NewZone {
  readonly name: string
  readonly callerReference: string
  readonly comment?: string
  readonly privateZone: boolean
  readonly vpc?: VpcData
}

/** Operations on one account's Route 53 state. Mutates the JSON it wraps. */
export class Route53State {
  constructor(
    private readonly data: Route53AccountData,
    private readonly world: Pick<SandboxWorld, 'randomString' | 'random' | 'now'>,
  ) {}

  /** The state of `accountId`, created on first use. Call per request: `control.load()` swaps state. */
  static of(world: SandboxWorld, accountId: string): Route53State {
    const root = world.state<Route53StateData>(ROUTE53_STATE_KEY, () => ({ accounts: {} }))
    root.accounts[accountId] ??= { zones: {}, changes: {}, callerReferences: {} }
    return new Route53State(root.accounts[accountId], world)
  }

  /** The JSON this state wraps. */
  toJSON(): Route53AccountData {
    return this.data
  }

  /** Every zone of the account, in insertion order. */
  zones(): ZoneData[] {
    return Object.values(this.data.zones)
  }

  /** The zone `id` (with or without `/hostedzone/`), or NoSuchHostedZone. */
  zone(id: string): ZoneData {
    const bare = id.replace(/^\/?hostedzone\//, '')
    const zone = Object.hasOwn(this.data.zones, bare) ? this.data.zones[bare] : undefined
    if (!zone) throw new SandboxError('NoSuchHostedZone', `No hosted zone found with ID: ${bare}`, 404)
    return zone
  }

  /**
   * Creates a zone with its SOA and NS records. HostedZoneAlreadyExists when the caller
   * reference was used before; ConflictingDomainExists when a private zone of the same name is
   * already associated with the VPC. Public zones may share a name, as in AWS.
   */
  createZone(input: NewZone): { zone: ZoneData; change: ChangeData } {
    if (Object.hasOwn(this.data.callerReferences, input.callerReference)) {
      throw new SandboxError(
        'HostedZoneAlreadyExists',
        'A hosted zone has already been created with the specified caller reference.',
        409,
      )
    }
    const name = canonicalName(input.name)
    if (input.vpc) {
      const vpc = input.vpc
      const clash = this.zones().find(
        (zone) =>
          zone.privateZone && zone.name === name && zone.vpcs.some((v) => v.id === vpc.id && v.region === vpc.region),
      )
      if (clash) {
        throw new SandboxError(
          'ConflictingDomainExists',
          `The VPC ${vpc.id} in ${vpc.region} is already associated with private hosted zone ${clash.id} named ${name}`,
        )
      }
    }
    const id = `Z0${this.world.randomString(19, ID_ALPHABET)}`
    const nameServers = input.privateZone ? PRIVATE_NAME_SERVERS : this.publicNameServers()
    const zone: ZoneData = {
      id,
      name,
      callerReference: input.callerReference,
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      privateZone: input.privateZone,
      vpcs: input.vpc ? [input.vpc] : [],
      nameServers,
      records: {},
    }
    const soa: RecordData = {
      name,
      type: 'SOA',
      ttl: 900,
      values: [`${nameServers[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
    }
    const ns: RecordData = { name, type: 'NS', ttl: 172800, values: [...nameServers] }
    zone.records[recordKey(soa)] = soa
    zone.records[recordKey(ns)] = ns
    this.data.zones[id] = zone
    this.data.callerReferences[input.callerReference] = id
    return { zone, change: this.submitChange() }
  }

  /** Deletes a zone holding only its apex SOA and NS records; HostedZoneNotEmpty otherwise. */
  deleteZone(id: string): ChangeData {
    const zone = this.zone(id)
    const extra = Object.values(zone.records).some(
      (r) => !(r.name === zone.name && (r.type === 'SOA' || r.type === 'NS')),
    )
    if (extra) {
      throw new SandboxError(
        'HostedZoneNotEmpty',
        'The specified hosted zone contains non-required resource record sets and so cannot be deleted.',
      )
    }
    delete this.data.zones[zone.id]
    return this.submitChange()
  }

  /** Records a change submitted now. */
  submitChange(comment?: string): ChangeData {
    const change: ChangeData = {
      id: `C0${this.world.randomString(19, ID_ALPHABET)}`,
      submittedAt: this.world.now(),
      ...(comment !== undefined ? { comment } : {}),
    }
    this.data.changes[change.id] = change
    return change
  }

  /** The change `id` (with or without `/change/`), or NoSuchChange. */
  change(id: string): ChangeData {
    const bare = id.replace(/^\/?change\//, '')
    const change = Object.hasOwn(this.data.changes, bare) ? this.data.changes[bare] : undefined
    if (!change)
      throw new SandboxError('NoSuchChange', `A change with the specified change ID does not exist: ${bare}`, 404)
    return change
  }

  /**
   * Values of record `name`/`type` (no routing policy) in any public zone that contains the
   * name, or undefined. Name-valued types answer in DNS form (lower case, trailing dot).
   */
  findPublicRecord(name: string, type: string): string[] | undefined {
    const canonical = canonicalName(name)
    const upperType = type.toUpperCase()
    for (const zone of this.zones()) {
      if (zone.privateZone || !isInZone(canonical, zone.name)) continue
      const record = zone.records[recordKey({ name: canonical, type: upperType })]
      if (record?.values) return record.values.map((value) => dnsValue(upperType, value))
    }
    return undefined
  }

  private publicNameServers(): string[] {
    const tlds = ['com', 'net', 'org', 'co.uk']
    return tlds.map((tld, i) => {
      const n = i * 512 + Math.floor(this.world.random() * 512)
      return `ns-${n}.awsdns-${String(Math.floor(n / 32) % 64).padStart(2, '0')}.${tld}.`
    })
  }
}

function dnsValue(type: string, value: string): string {
  if (type !== 'CNAME' && type !== 'NS' && type !== 'PTR') return value
  const lower = value.trim().toLowerCase()
  return lower.endsWith('.') ? lower : `${lower}.`
}

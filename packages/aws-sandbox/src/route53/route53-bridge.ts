/**
 * Route 53 as the rest of the sandbox sees it: ACM's DNS validation looks records up here and
 * the seeder writes zones and records without pending changes.
 */
import { SandboxError } from '../types.js'
import type { BridgeRecord, Route53Bridge, SandboxWorld } from '../world.js'
import { isInZone } from './names.js'
import { checkedName } from './route53-requests.js'
import { recordKey, Route53State, type RecordData } from './route53-state.js'
import { commitChanges } from './zone-index.js'

/** Creates the bridge over `world`'s Route 53 state. */
export function createRoute53Bridge(world: SandboxWorld): Route53Bridge {
  return {
    findPublicRecord(accountId, name, type) {
      try {
        return Route53State.of(world, accountId).findPublicRecord(name, type)
      } catch {
        // A name that is not a valid DNS name exists in no zone.
        return undefined
      }
    },

    createHostedZone(accountId, input) {
      const privateZone = input.privateZone === true || input.vpc !== undefined
      const vpc = input.vpc ?? (privateZone ? { region: 'us-east-1', id: `vpc-${world.randomString(17)}` } : undefined)
      const { zone } = Route53State.of(world, accountId).createZone({
        name: checkedName(input.name, 'InvalidDomainName'),
        callerReference: `certdeck-sandbox-seed-${world.randomString(16)}`,
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
        privateZone,
        ...(vpc ? { vpc } : {}),
      })
      return { id: zone.id }
    },

    upsertRecords(accountId, zoneId, records) {
      const zone = Route53State.of(world, accountId).zone(zoneId)
      const converted = records.map((record) => toRecordData(record, zone.name))
      commitChanges(zone, new Map(converted.map((record) => [recordKey(record), record])))
    },
  }
}

function toRecordData(record: BridgeRecord, zoneName: string): RecordData {
  const name = checkedName(record.name, 'InvalidInput')
  if (!isInZone(name, zoneName)) {
    throw new SandboxError('InvalidChangeBatch', `[RRSet with DNS name ${name} is not permitted in zone ${zoneName}]`)
  }
  return { name, type: record.type.toUpperCase(), ttl: record.ttl, values: [...record.values] }
}

/** A zone for {@link seedHostedZones}, with the records to put in it. */
export interface SeedHostedZone {
  readonly name: string
  readonly privateZone?: boolean
  readonly comment?: string
  readonly vpc?: { readonly region: string; readonly id: string }
  readonly records?: readonly BridgeRecord[]
}

/** Creates zones and their records as the seeder does (no pending changes); returns zone ids in order. */
export function seedHostedZones(world: SandboxWorld, accountId: string, zones: readonly SeedHostedZone[]): string[] {
  const bridge = createRoute53Bridge(world)
  return zones.map((zone) => {
    const { id } = bridge.createHostedZone(accountId, zone)
    if (zone.records?.length) bridge.upsertRecords(accountId, id, zone.records)
    return id
  })
}

import { beforeEach, describe, expect, it } from 'vitest'
import { applyChangeBatch, type ChangeInput } from '../src/route53/change-batch.js'
import { commitChanges } from '../src/route53/zone-index.js'
import { Route53State, type RecordData, type ZoneData } from '../src/route53/route53-state.js'
import { SandboxError } from '../src/types.js'

let counter = 0
const world = {
  now: () => 1_700_000_000_000,
  random: () => 0.5,
  randomString: (length: number) => String(++counter).padStart(length, '0'),
}

function record(name: string, type: string, values: string[], ttl = 300): RecordData {
  return { name, type, ttl, values }
}

function rejection(zone: ZoneData, changes: ChangeInput[]): SandboxError {
  try {
    applyChangeBatch(zone, changes)
  } catch (error) {
    if (error instanceof SandboxError) return error
    throw error
  }
  throw new Error('expected InvalidChangeBatch')
}

describe('Route 53 change batches', () => {
  let zone: ZoneData

  beforeEach(() => {
    const state = new Route53State({ zones: {}, changes: {}, callerReferences: {} }, world)
    zone = state.createZone({ name: 'example.com', callerReference: `ref-${++counter}`, privateZone: false }).zone
    commitChanges(
      zone,
      applyChangeBatch(zone, [{ action: 'CREATE', record: record('www.example.com.', 'A', ['192.0.2.1']) }]),
    )
  })

  it('applies changes in order, so a DELETE then CREATE of the same record replaces it', () => {
    const changes = applyChangeBatch(zone, [
      { action: 'DELETE', record: record('www.example.com.', 'A', ['192.0.2.1']) },
      { action: 'CREATE', record: record('www.example.com.', 'A', ['192.0.2.2']) },
    ])
    expect(zone.records['www.example.com. A '].values).toEqual(['192.0.2.1'])
    commitChanges(zone, changes)
    expect(zone.records['www.example.com. A '].values).toEqual(['192.0.2.2'])
  })

  it('reports every failing change with AWS wording and leaves the zone untouched', () => {
    const before = JSON.stringify(zone.records)
    const error = rejection(zone, [
      { action: 'CREATE', record: record('new.example.com.', 'A', ['192.0.2.9']) },
      { action: 'CREATE', record: record('www.example.com.', 'A', ['192.0.2.1']) },
      { action: 'DELETE', record: record('gone.example.com.', 'CNAME', ['x.example.net.']) },
    ])
    expect(error.code).toBe('InvalidChangeBatch')
    expect(error.message).toBe(
      "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists, " +
        "Tried to delete resource record set [name='gone.example.com.', type='CNAME'] but it was not found]",
    )
    expect(JSON.stringify(zone.records)).toBe(before)
  })

  it('refuses a DELETE whose values differ from the current ones', () => {
    const error = rejection(zone, [{ action: 'DELETE', record: record('www.example.com.', 'A', ['192.0.2.1'], 60) }])
    expect(error.message).toContain('but the values provided do not match the current values')
  })

  it('keeps CNAMEs alone at their name and away from the apex', () => {
    expect(
      rejection(zone, [{ action: 'CREATE', record: record('www.example.com.', 'CNAME', ['x.example.net.']) }]).message,
    ).toContain('conflicts with other records with the same DNS name')
    expect(
      rejection(zone, [{ action: 'UPSERT', record: record('example.com.', 'CNAME', ['x.example.net.']) }]).message,
    ).toContain('is not permitted at apex in zone example.com.')
  })

  it('refuses records outside the zone, bad addresses, unquoted TXT and deleting the apex SOA', () => {
    expect(
      rejection(zone, [{ action: 'UPSERT', record: record('www.example.org.', 'A', ['192.0.2.1']) }]).message,
    ).toBe('[RRSet with DNS name www.example.org. is not permitted in zone example.com.]')
    expect(
      rejection(zone, [{ action: 'UPSERT', record: record('a.example.com.', 'A', ['192.0.2']) }]).message,
    ).toContain('ARRDATAIllegalIPv4Address')
    expect(
      rejection(zone, [{ action: 'UPSERT', record: record('t.example.com.', 'TXT', ['hello']) }]).message,
    ).toContain('enclosed in quotation marks')
    const soa = Object.values(zone.records).find((r) => r.type === 'SOA')!
    expect(rejection(zone, [{ action: 'DELETE', record: soa }]).message).toContain('exactly one SOA record')
  })

  it('counts an UPSERT twice against the 1,000 record limit', () => {
    const changes: ChangeInput[] = Array.from({ length: 501 }, (_, i) => ({
      action: 'UPSERT',
      record: record(`h${i}.example.com.`, 'A', ['192.0.2.1']),
    }))
    expect(rejection(zone, changes).message).toBe('[Number of records limit of 1000 exceeded.]')
    commitChanges(zone, applyChangeBatch(zone, changes.slice(0, 500)))
    expect(Object.keys(zone.records)).toHaveLength(503)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ChangeResourceRecordSetsCommand,
  ConflictingDomainExists,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  HostedZoneAlreadyExists,
  HostedZoneNotEmpty,
  InvalidChangeBatch,
  InvalidInput,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  NoSuchChange,
  NoSuchHostedZone,
  paginateListHostedZones,
  type Change,
  type ResourceRecordSet,
  type Route53Client,
} from '@aws-sdk/client-route-53'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { seedHostedZones } from '../src/route53/index.js'
import { sdkClients } from './support/sdk-clients.js'

const SYNC_DELAY = 60_000
const ORDER_ACCOUNT = '222233334444'
const VPC = { VPCRegion: 'eu-west-1' as const, VPCId: 'vpc-0123456789abcdef0' }

const rrset = (Name: string, Type: ResourceRecordSet['Type'], values: string[], TTL = 300): ResourceRecordSet => ({
  Name,
  Type,
  TTL,
  ResourceRecords: values.map((Value) => ({ Value })),
})

describe('Route 53 over REST-XML', () => {
  let sandbox: Sandbox
  let route53: Route53Client
  let references = 0

  beforeAll(async () => {
    // The sync delay is long so that only advanceTime (never wall time) can make a change INSYNC.
    sandbox = await startSandbox({
      quotas: false,
      changeSyncDelayMs: SYNC_DELAY,
      accounts: ['111122223333', { id: ORDER_ACCOUNT, accessKeyPrefix: 'AKIAORDER' }],
    })
    route53 = sdkClients(sandbox.endpoint).route53
  })
  afterAll(() => sandbox.close())

  const createZone = async (client: Route53Client, name: string, vpc?: typeof VPC) =>
    (
      await client.send(
        new CreateHostedZoneCommand({
          Name: name,
          CallerReference: `ref-${++references}`,
          ...(vpc ? { VPC: vpc, HostedZoneConfig: { PrivateZone: true } } : {}),
        }),
      )
    ).HostedZone!.Id!
  const change = (zoneId: string, changes: Change[]) =>
    route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }))
  const records = async (zoneId: string) =>
    (await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? []

  it('creates a public zone with SOA, NS and a delegation set, and refuses a reused CallerReference', async () => {
    const created = await route53.send(
      new CreateHostedZoneCommand({
        Name: 'Create.Example.COM',
        CallerReference: 'create-once',
        HostedZoneConfig: { Comment: 'hello' },
      }),
    )
    expect(created.HostedZone).toMatchObject({
      Name: 'create.example.com.',
      Config: { Comment: 'hello', PrivateZone: false },
      ResourceRecordSetCount: 2,
    })
    expect(created.HostedZone!.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]+$/)
    expect(created.Location).toBe(`https://route53.amazonaws.com/2013-04-01${created.HostedZone!.Id}`)
    expect(created.ChangeInfo?.Status).toBe('PENDING')
    expect(created.DelegationSet?.NameServers).toHaveLength(4)
    const got = await route53.send(new GetHostedZoneCommand({ Id: created.HostedZone!.Id }))
    expect(got.DelegationSet).toEqual(created.DelegationSet)
    const apex = await records(created.HostedZone!.Id!)
    expect(apex.map((r) => r.Type)).toEqual(['NS', 'SOA'])
    expect(apex[0].ResourceRecords?.map((r) => r.Value)).toEqual(
      created.DelegationSet!.NameServers!.map((ns) => `${ns}.`),
    )
    await expect(
      route53.send(new CreateHostedZoneCommand({ Name: 'other.example.com', CallerReference: 'create-once' })),
    ).rejects.toBeInstanceOf(HostedZoneAlreadyExists)
    await expect(route53.send(new GetHostedZoneCommand({ Id: 'Z0NOSUCHZONE' }))).rejects.toBeInstanceOf(
      NoSuchHostedZone,
    )
  })

  it('keeps a public and a private zone of the same name apart', async () => {
    const publicId = await createZone(route53, 'shared.example.com')
    const privateId = await createZone(route53, 'shared.example.com', VPC)
    const byName = await route53.send(new ListHostedZonesByNameCommand({ DNSName: 'shared.example.com', MaxItems: 2 }))
    expect(byName.HostedZones?.map((z) => z.Name)).toEqual(['shared.example.com.', 'shared.example.com.'])
    expect(new Set(byName.HostedZones?.map((z) => z.Id))).toEqual(new Set([publicId, privateId]))
    const privateZone = await route53.send(new GetHostedZoneCommand({ Id: privateId }))
    expect(privateZone.HostedZone?.Config?.PrivateZone).toBe(true)
    expect(privateZone.VPCs).toEqual([VPC])
    expect(privateZone.DelegationSet).toBeUndefined()

    await change(privateId, [
      {
        Action: 'CREATE',
        ResourceRecordSet: rrset('_v.shared.example.com', 'CNAME', ['_inside.acm-validations.aws.']),
      },
    ])
    expect((await records(publicId)).map((r) => r.Name)).not.toContain('_v.shared.example.com.')
    const bridge = sandbox.control.world.route53
    expect(bridge.findPublicRecord('111122223333', '_V.shared.example.com', 'CNAME')).toBeUndefined()
    await change(publicId, [
      {
        Action: 'CREATE',
        ResourceRecordSet: rrset('_v.shared.example.com', 'CNAME', ['_Outside.acm-validations.aws']),
      },
    ])
    expect(bridge.findPublicRecord('111122223333', '_V.shared.example.com', 'CNAME')).toEqual([
      '_outside.acm-validations.aws.',
    ])
    expect(bridge.findPublicRecord(ORDER_ACCOUNT, '_v.shared.example.com', 'CNAME')).toBeUndefined()

    await expect(createZone(route53, 'shared.example.com', VPC)).rejects.toBeInstanceOf(ConflictingDomainExists)
    const privates = await route53.send(new ListHostedZonesCommand({ HostedZoneType: 'PrivateHostedZone' }))
    expect(privates.HostedZones?.map((z) => z.Id)).toEqual([privateId])
  })

  it('lists zones by name in reversed-label order and pages both zone lists', async () => {
    const client = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAORDER0001' }).route53
    for (const name of ['example.net', 'www.example.com', 'example.com', 'a.example-a.com'])
      await createZone(client, name)
    const expected = ['a.example-a.com.', 'example.com.', 'www.example.com.', 'example.net.']
    const seen: string[] = []
    let next: { DNSName?: string; HostedZoneId?: string } = {}
    do {
      const page = await client.send(new ListHostedZonesByNameCommand({ ...next, MaxItems: 3 }))
      seen.push(...page.HostedZones!.map((z) => z.Name!))
      next = page.IsTruncated ? { DNSName: page.NextDNSName, HostedZoneId: page.NextHostedZoneId } : {}
    } while (next.DNSName)
    expect(seen).toEqual(expected)
    const fromCom = await client.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }))
    expect(fromCom.HostedZones?.map((z) => z.Name)).toEqual(expected.slice(1))
    await expect(client.send(new ListHostedZonesByNameCommand({ HostedZoneId: 'Z0ABC' }))).rejects.toBeInstanceOf(
      InvalidInput,
    )

    const ids: string[] = []
    for await (const page of paginateListHostedZones({ client, pageSize: 3 }, {}))
      ids.push(...page.HostedZones!.map((z) => z.Id!))
    expect(ids).toHaveLength(4)
    expect([...ids].sort()).toEqual(ids)
  })

  it('applies CREATE, UPSERT and DELETE, and a batch with one bad change changes nothing', async () => {
    const zoneId = await createZone(route53, 'batch.example.com')
    await change(zoneId, [
      { Action: 'CREATE', ResourceRecordSet: rrset('www.batch.example.com', 'A', ['192.0.2.1']) },
      { Action: 'UPSERT', ResourceRecordSet: rrset('*.batch.example.com', 'TXT', ['"wild"']) },
    ])
    await change(zoneId, [
      { Action: 'UPSERT', ResourceRecordSet: rrset('www.batch.example.com', 'A', ['192.0.2.2', '192.0.2.3']) },
    ])
    const before = await records(zoneId)
    expect(before.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      'batch.example.com. NS',
      'batch.example.com. SOA',
      '\\052.batch.example.com. TXT',
      'www.batch.example.com. A',
    ])
    expect(before[3].ResourceRecords?.map((r) => r.Value)).toEqual(['192.0.2.2', '192.0.2.3'])

    const refused = change(zoneId, [
      { Action: 'CREATE', ResourceRecordSet: rrset('new.batch.example.com', 'A', ['192.0.2.9']) },
      { Action: 'DELETE', ResourceRecordSet: rrset('www.batch.example.com', 'A', ['192.0.2.2', '192.0.2.3']) },
      { Action: 'DELETE', ResourceRecordSet: rrset('gone.batch.example.com', 'CNAME', ['x.example.net.']) },
    ])
    await expect(refused).rejects.toBeInstanceOf(InvalidChangeBatch)
    await expect(refused).rejects.toThrow(
      "[Tried to delete resource record set [name='gone.batch.example.com.', type='CNAME'] but it was not found]",
    )
    expect(await records(zoneId)).toEqual(before)

    await expect(
      change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: rrset('www.batch.example.com', 'A', ['192.0.2.9']) }]),
    ).rejects.toThrow(
      "Tried to create resource record set [name='www.batch.example.com.', type='A'] but it already exists",
    )
    await expect(
      change(zoneId, [{ Action: 'CREATE', ResourceRecordSet: { Name: 'x.batch.example.com', Type: 'A' } }]),
    ).rejects.toBeInstanceOf(InvalidInput)
    await expect(
      change('Z0NOSUCHZONE', [{ Action: 'UPSERT', ResourceRecordSet: rrset('a.example.com', 'A', ['192.0.2.1']) }]),
    ).rejects.toBeInstanceOf(NoSuchHostedZone)

    await expect(route53.send(new DeleteHostedZoneCommand({ Id: zoneId }))).rejects.toBeInstanceOf(HostedZoneNotEmpty)
    await change(zoneId, [
      { Action: 'DELETE', ResourceRecordSet: rrset('www.batch.example.com', 'A', ['192.0.2.3', '192.0.2.2']) },
      { Action: 'DELETE', ResourceRecordSet: rrset('*.batch.example.com', 'TXT', ['"wild"']) },
    ])
    const deleted = await route53.send(new DeleteHostedZoneCommand({ Id: zoneId }))
    expect(deleted.ChangeInfo?.Status).toBe('PENDING')
    await expect(route53.send(new GetHostedZoneCommand({ Id: zoneId }))).rejects.toBeInstanceOf(NoSuchHostedZone)
  })

  it('pages record sets from StartRecordName and StartRecordType', async () => {
    const zoneId = await createZone(route53, 'paging.example.com')
    await change(
      zoneId,
      ['a', 'b', 'c', 'd'].flatMap((label): Change[] => [
        { Action: 'CREATE', ResourceRecordSet: rrset(`${label}.paging.example.com`, 'A', ['192.0.2.1']) },
        { Action: 'CREATE', ResourceRecordSet: rrset(`${label}.paging.example.com`, 'TXT', ['"t"']) },
      ]),
    )
    const all = await records(zoneId)
    const paged: ResourceRecordSet[] = []
    let start: { StartRecordName?: string; StartRecordType?: ResourceRecordSet['Type'] } = {}
    for (;;) {
      const page = await route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 3, ...start }),
      )
      paged.push(...page.ResourceRecordSets!)
      if (!page.IsTruncated) break
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType }
    }
    expect(all).toHaveLength(10)
    expect(paged).toEqual(all)
    const fromB = await route53.send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        StartRecordName: 'B.paging.example.com',
        StartRecordType: 'TXT',
        MaxItems: 1,
      }),
    )
    expect(fromB.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual(['b.paging.example.com. TXT'])
    expect(fromB).toMatchObject({
      IsTruncated: true,
      NextRecordName: 'c.paging.example.com.',
      NextRecordType: 'A',
      MaxItems: 1,
    })
    await expect(
      route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, StartRecordType: 'A' })),
    ).rejects.toBeInstanceOf(InvalidInput)
  })

  it('reports a change PENDING until the sync delay passes on the sandbox clock, then INSYNC', async () => {
    const zoneId = await createZone(route53, 'sync.example.com')
    const submitted = await change(zoneId, [
      { Action: 'UPSERT', ResourceRecordSet: rrset('s.sync.example.com', 'A', ['192.0.2.1']) },
    ])
    expect(submitted.ChangeInfo).toMatchObject({ Status: 'PENDING', Id: expect.stringMatching(/^\/change\/C/) })
    expect((await route53.send(new GetChangeCommand({ Id: submitted.ChangeInfo!.Id }))).ChangeInfo?.Status).toBe(
      'PENDING',
    )
    sandbox.control.advanceTime(SYNC_DELAY)
    const synced = await route53.send(new GetChangeCommand({ Id: submitted.ChangeInfo!.Id }))
    expect(synced.ChangeInfo).toMatchObject({ Status: 'INSYNC', SubmittedAt: submitted.ChangeInfo!.SubmittedAt })
    await expect(route53.send(new GetChangeCommand({ Id: 'C0NOSUCHCHANGE' }))).rejects.toBeInstanceOf(NoSuchChange)
  })

  it('shows zones and records written through the bridge the seeder uses', async () => {
    const bridge = sandbox.control.world.route53
    const { id } = bridge.createHostedZone('111122223333', { name: 'seeded.example.com' })
    bridge.upsertRecords('111122223333', id, [
      { name: '_x.seeded.example.com', type: 'CNAME', ttl: 300, values: ['_y.acm-validations.aws.'] },
    ])
    const listed = await records(id)
    expect(listed.map((r) => `${r.Name} ${r.Type} ${r.ResourceRecords?.[0].Value}`)).toContain(
      '_x.seeded.example.com. CNAME _y.acm-validations.aws.',
    )
    expect(() =>
      bridge.upsertRecords('111122223333', id, [
        { name: 'a.elsewhere.org', type: 'A', ttl: 60, values: ['192.0.2.1'] },
      ]),
    ).toThrow(/not permitted in zone seeded.example.com./)
    const [publicId, privateId] = seedHostedZones(sandbox.control.world, '111122223333', [
      {
        name: 'helper.example.com',
        records: [{ name: 'w.helper.example.com', type: 'A', ttl: 60, values: ['192.0.2.5'] }],
      },
      { name: 'helper.example.com', privateZone: true },
    ])
    expect((await records(publicId)).map((r) => r.Name)).toContain('w.helper.example.com.')
    const privateZone = await route53.send(new GetHostedZoneCommand({ Id: privateId }))
    expect(privateZone.HostedZone?.Config?.PrivateZone).toBe(true)
    expect(privateZone.VPCs?.[0].VPCId).toMatch(/^vpc-[0-9a-f]{17}$/)
  })
})

import type { DnsZone } from '@certdeck/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { provider, rejection, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

let env: Route53Sandbox
let zone: DnsZone
const ACCOUNT = '111122223333'

beforeEach(async () => {
  env = await route53Sandbox()
  zone = { id: env.zone('example.com'), name: 'example.com', private: false }
})
afterEach(() => env.close())

const changes = () => env.sandbox.control.calls({ service: 'route53', operation: 'ChangeResourceRecordSets' })
const set = async (name: string, type: string) =>
  (await env.raw(zone.id)).find((s) => s.name === `${name}.` && s.type === type)

describe('upsertRecords', () => {
  it(
    'writes every record of a call in ONE batch: CNAMEs fully qualified, TXT values quoted, TXT values of ' +
      'one name side by side',
    async () => {
      const { changeId } = await provider(env.endpoint).upsertRecords(zone, [
        { name: '_a1.example.com', type: 'CNAME', value: '_x1.acm-validations.aws' },
        { name: '_a2.www.example.com', type: 'CNAME', value: '_x2.acm-validations.aws', ttl: 60 },
        { name: '_acme-challenge.example.com', type: 'TXT', value: 'token "one"' },
        { name: '_acme-challenge.example.com', type: 'TXT', value: 'token two' },
      ])
      expect(changes()).toBe(1)
      expect(changeId).toMatch(/^C[0-9A-Z]+$/)
      expect(await set('_a1.example.com', 'CNAME')).toEqual({
        name: '_a1.example.com.',
        type: 'CNAME',
        ttl: 300,
        values: ['_x1.acm-validations.aws.'],
      })
      expect((await set('_a2.www.example.com', 'CNAME'))?.ttl).toBe(60)
      expect((await set('_acme-challenge.example.com', 'TXT'))?.values).toEqual(['"token \\"one\\""', '"token two"'])
    },
  )

  it('splits a TXT value over 255 characters into several strings and reads it back whole', async () => {
    const long = 'v'.repeat(300)
    const dns = provider(env.endpoint)
    await dns.upsertRecords(zone, [{ name: '_long.example.com', type: 'TXT', value: long }])
    expect((await set('_long.example.com', 'TXT'))?.values).toEqual([`"${'v'.repeat(255)}" "${'v'.repeat(45)}"`])
    await dns.deleteRecords(zone, [{ name: '_long.example.com', type: 'TXT', value: long }])
    expect(await set('_long.example.com', 'TXT')).toBeUndefined()
  })

  it('a rejected batch is DNS_CHANGE_REJECTED with Route 53’s messages, and changes nothing', async () => {
    env.sandbox.control.world.route53.upsertRecords(ACCOUNT, zone.id, [
      { name: 'www.example.com', type: 'A', ttl: 300, values: ['192.0.2.1'] },
    ])
    const error = await rejection(
      provider(env.endpoint).upsertRecords(zone, [
        { name: '_ok.example.com', type: 'CNAME', value: '_ok.acm-validations.aws' },
        { name: 'www.example.com', type: 'CNAME', value: '_bad.acm-validations.aws' },
      ]),
    )
    expect(error.code).toBe('DNS_CHANGE_REJECTED')
    expect(error.message).toContain('zone example.com')
    expect(error.message).toContain('nothing was changed')
    expect(error.message).toContain(
      'RRSet of type CNAME with DNS name www.example.com. is not permitted as it conflicts with other records',
    )
    expect(await set('_ok.example.com', 'CNAME')).toBeUndefined()
  })
})

describe('deleteRecords', () => {
  it(
    'deletes a record whose TTL and value case differ from ' + 'what it is handed, reading the exact set first',
    async () => {
      env.sandbox.control.world.route53.upsertRecords(ACCOUNT, zone.id, [
        { name: '_v.example.com', type: 'CNAME', ttl: 60, values: ['_X.ACM-Validations.aws.'] },
      ])
      await provider(env.endpoint).deleteRecords(zone, [
        { name: '_v.example.com', type: 'CNAME', value: '_x.acm-validations.aws', ttl: 300 },
      ])
      expect(await set('_v.example.com', 'CNAME')).toBeUndefined()
    },
  )

  it('leaves a record with another value alone, and keeps the other values of a TXT set', async () => {
    env.sandbox.control.world.route53.upsertRecords(ACCOUNT, zone.id, [
      { name: '_v.example.com', type: 'CNAME', ttl: 300, values: ['someone-else.example.net.'] },
      { name: '_t.example.com', type: 'TXT', ttl: 120, values: ['"ours"', '"theirs"'] },
    ])
    await provider(env.endpoint).deleteRecords(zone, [
      { name: '_v.example.com', type: 'CNAME', value: '_x.acm-validations.aws' },
      { name: '_t.example.com', type: 'TXT', value: 'ours' },
    ])
    expect((await set('_v.example.com', 'CNAME'))?.values).toEqual(['someone-else.example.net.'])
    expect(await set('_t.example.com', 'TXT')).toEqual({
      name: '_t.example.com.',
      type: 'TXT',
      ttl: 120,
      values: ['"theirs"'],
    })
    expect(changes()).toBe(1)
  })

  it('sends no change when nothing it was handed is there', async () => {
    await provider(env.endpoint).deleteRecords(zone, [
      { name: '_gone.example.com', type: 'CNAME', value: '_gone.acm-validations.aws' },
    ])
    expect(changes()).toBe(0)
  })

  it('a zone deleted meanwhile is DNS_ZONE_NOT_FOUND naming the zone and the setting to check', async () => {
    const error = await rejection(
      provider(env.endpoint).upsertRecords({ id: 'Z0DELETED0000000000', name: 'example.com', private: false }, [
        { name: '_a.example.com', type: 'CNAME', value: '_a.acm-validations.aws' },
      ]),
    )
    expect(error.code).toBe('DNS_ZONE_NOT_FOUND')
    expect(error.message).toContain('Z0DELETED0000000000')
    expect(error.message).toContain('test-dns')
  })
})

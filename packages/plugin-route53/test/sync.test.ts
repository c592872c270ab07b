import type { DnsZone } from '@certdeck/core'
import { afterEach, describe, expect, it } from 'vitest'
import { provider, rejection, route53Sandbox, type Route53Sandbox } from './support/sandbox.js'

let env: Route53Sandbox | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

const record = { name: '_s.example.com', type: 'CNAME' as const, value: '_s.acm-validations.aws' }

async function setUp(changeSyncDelayMs: number): Promise<{ env: Route53Sandbox; zone: DnsZone }> {
  env = await route53Sandbox({ changeSyncDelayMs })
  return { env, zone: { id: env.zone('example.com'), name: 'example.com', private: false } }
}

describe('waitForSync', () => {
  it('polls GetChange with backoff until the change is INSYNC', async () => {
    const { env, zone } = await setUp(3_600_000)
    const dns = provider(env.endpoint, {}, { syncIntervalMs: 100 })
    const { changeId } = await dns.upsertRecords(zone, [record])
    const polls = () => env.sandbox.control.calls({ service: 'route53', operation: 'GetChange' })
    let synced = false
    const waiting = dns.waitForSync!(changeId!).then(() => (synced = true))
    while (polls() < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(synced).toBe(false)
    env.sandbox.control.advanceTime(3_600_000)
    await waiting
    expect(polls()).toBeGreaterThanOrEqual(3)
  })

  it('gives up after its time-out with DNS_SYNC_TIMEOUT naming the change', async () => {
    const { env, zone } = await setUp(3_600_000)
    const dns = provider(env.endpoint, {}, { syncTimeoutMs: 300, syncIntervalMs: 50 })
    const { changeId } = await dns.upsertRecords(zone, [record])
    const error = await rejection(dns.waitForSync!(changeId!))
    expect(error.code).toBe('DNS_SYNC_TIMEOUT')
    expect(error.message).toContain(changeId!)
    expect(error.message).toContain('still PENDING')
  })

  it('stops polling when its signal aborts', async () => {
    const { env, zone } = await setUp(3_600_000)
    const dns = provider(env.endpoint)
    const { changeId } = await dns.upsertRecords(zone, [record])
    const controller = new AbortController()
    const waiting = dns.waitForSync!(changeId!, controller.signal)
    setTimeout(() => controller.abort(), 200)
    const error = await rejection(waiting)
    expect(error.name).toBe('AbortError')
    const polls = env.sandbox.control.calls({ service: 'route53', operation: 'GetChange' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(env.sandbox.control.calls({ service: 'route53', operation: 'GetChange' })).toBe(polls)
  })

  it('a change Route 53 does not know is DNS_CHANGE_NOT_FOUND', async () => {
    const { env } = await setUp(100)
    const error = await rejection(provider(env.endpoint).waitForSync!('C0NOSUCHCHANGE00000'))
    expect(error.code).toBe('DNS_CHANGE_NOT_FOUND')
    expect(error.message).toContain('C0NOSUCHCHANGE00000')
  })
})

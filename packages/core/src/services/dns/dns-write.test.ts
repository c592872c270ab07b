import { describe, expect, it } from 'vitest'
import type { ChallengeEvent } from './api.js'
import type { DnsProviderConfig } from '../../domain/dns-provider-config.js'
import { CertDeckError } from '../../errors.js'
import type { DnsRecord } from '../../plugins/dns-provider.js'
import { memoryDnsProvider } from '../../testing/memory-dns-provider.js'
import { writeRecords } from './dns-write.js'

const config: DnsProviderConfig = { id: 'p1', providerId: 'memory', name: 'test-dns', settings: {} }
const cname = (name: string, value: string): DnsRecord => ({ name, type: 'CNAME', value })

function setup(settings: Record<string, string> = {}, timeoutMs = 60_000) {
  const type = memoryDnsProvider({
    zones: [{ name: 'example.com' }, { name: 'example.org' }, { name: 'example.com', id: 'ZPRIV', private: true }],
  })
  const events: ChallengeEvent[] = []
  const ctx = {
    config: { ...config, settings },
    provider: type.create({ name: 'test-dns', settings }),
    limited: <T>(call: () => Promise<T>) => call(),
    timeoutMs,
    onEvent: (event: ChallengeEvent) => events.push(event),
  }
  return { type, ctx, events }
}

describe('writeRecords', () => {
  it('writes the CNAME a wildcard and its apex share once, in the public zone, and waits for sync', async () => {
    const { type, ctx, events } = setup()
    const shared = cname('_abc.example.com.', 'XYZ.acm-validations.aws.')
    await expect(
      writeRecords(ctx, [shared, { ...shared }, cname('_abc.EXAMPLE.com', 'xyz.acm-validations.aws')]),
    ).resolves.toEqual({ zones: ['example.com'], records: 1 })
    expect(type.records('Z-example.com')).toEqual([
      { name: '_abc.example.com', type: 'CNAME', value: 'xyz.acm-validations.aws', ttl: 300 },
    ])
    expect(type.records('ZPRIV')).toEqual([])
    expect(type.calls.filter((c) => c.method === 'upsertRecords')).toHaveLength(1)
    expect(events).toEqual([
      { type: 'zone', zone: 'example.com', records: 1 },
      { type: 'written', zone: 'example.com', changeId: 'memory-change-1' },
      { type: 'in-sync', zone: 'example.com' },
    ])
  })

  it('batches per zone: records of two zones are two upserts', async () => {
    const { type, ctx } = setup()
    await writeRecords(ctx, [
      cname('_a.example.com', 'a.aws'),
      cname('_b.example.org', 'b.aws'),
      cname('_c.www.example.com', 'c.aws'),
    ])
    const upserts = type.calls.filter((c) => c.method === 'upsertRecords')
    expect(upserts.map((c) => [c.zoneId, c.records?.map((r) => r.name)])).toEqual([
      ['Z-example.com', ['_a.example.com', '_c.www.example.com']],
      ['Z-example.org', ['_b.example.org']],
    ])
  })

  it('writes into the pinned zone', async () => {
    const { type, ctx } = setup({ zoneId: 'Z-example.com' })
    await writeRecords(ctx, [cname('_a.example.com', 'a.aws')])
    expect(type.records('Z-example.com')).toHaveLength(1)
  })

  it('refuses two CNAME targets for one name before writing anything', async () => {
    const { type, ctx } = setup()
    await expect(
      writeRecords(ctx, [cname('_a.example.com', 'a.aws'), cname('_a.example.com', 'b.aws')]),
    ).rejects.toThrow(expect.objectContaining({ code: 'DNS_RECORD_CONFLICT' }))
    expect(type.calls).toEqual([])
  })

  it('a throttled batch is a clear error naming the zones written; writing again completes it', async () => {
    const { type, ctx } = setup()
    type.fail(
      'upsertRecords',
      new CertDeckError('DNS_THROTTLED', 'The provider is throttling calls.', { kind: 'failure' }),
    )
    const records = [cname('_a.example.com', 'a.aws'), cname('_b.example.org', 'b.aws')]
    await expect(writeRecords(ctx, records)).rejects.toThrow(
      expect.objectContaining({
        code: 'DNS_THROTTLED',
        kind: 'failure',
        message:
          'DNS provider "test-dns" could not write 1 record(s) to zone example.com: The provider is ' +
          'throttling calls. Nothing was written. Writing again is safe: records are upserted, never ' +
          'duplicated.',
      }),
    )
    expect(type.records()).toEqual([])
    await writeRecords(ctx, records)
    expect(type.records().map((r) => r.name)).toEqual(['_a.example.com', '_b.example.org'])
  })

  it('a failed second batch leaves that zone untouched and says which zone was written', async () => {
    const { type, ctx } = setup()
    type.fail('upsertRecords', new Error('InvalidChangeBatch: refused.'), { zone: 'example.org' })
    const records = [cname('_a.example.com', 'a.aws'), cname('_b.example.org', 'b.aws')]
    await expect(writeRecords(ctx, records)).rejects.toThrow(
      expect.objectContaining({
        code: 'DNS_WRITE_FAILED',
        message: expect.stringContaining(
          'to zone example.org: InvalidChangeBatch: refused. Already written: example.com.',
        ),
      }),
    )
    expect(type.records('Z-example.com')).toHaveLength(1)
    expect(type.records('Z-example.org')).toEqual([])
  })

  it('times out a propagation wait that never ends, with the records left in place', async () => {
    const { type, ctx } = setup({}, 200)
    type.sync = 'never'
    await expect(writeRecords(ctx, [cname('_a.example.com', 'a.aws')])).rejects.toThrow(
      expect.objectContaining({
        code: 'DNS_SYNC_TIMEOUT',
        message: expect.stringContaining(
          'The change to zone example.com was written but not reported in sync within 200 ms',
        ),
      }),
    )
    expect(type.records('Z-example.com')).toHaveLength(1)
  })

  it('a failed wait of one zone stops the waits of the others, so none outlives the write', async () => {
    const { type, ctx } = setup()
    type.sync = 'never'
    type.fail('waitForSync', new CertDeckError('DNS_CHANGE_NOT_FOUND', 'no such change', { kind: 'failure' }))
    const signals: AbortSignal[] = []
    const memory = ctx.provider
    const provider = {
      ...memory,
      waitForSync: (id: string, signal?: AbortSignal) => {
        signals.push(signal!)
        return memory.waitForSync!(id, signal)
      },
    }
    await expect(
      writeRecords({ ...ctx, provider }, [cname('_a.example.com', 'a.aws'), cname('_b.example.org', 'b.aws')]),
    ).rejects.toThrow('no such change')
    expect(signals).toHaveLength(2)
    expect(signals.map((s) => s.aborted)).toEqual([true, true])
  })

  it('stops at an aborted signal with an AbortError', async () => {
    const { type, ctx } = setup()
    type.sync = 'never'
    const controller = new AbortController()
    const write = writeRecords({ ...ctx, signal: controller.signal }, [cname('_a.example.com', 'a.aws')])
    setTimeout(() => controller.abort(), 20)
    await expect(write).rejects.toMatchObject({ name: 'AbortError' })
  })
})

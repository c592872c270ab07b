import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canLookupRecords, type DnsProvider, type DnsRecord, type DnsZone } from '../plugins/dns-provider.js'

/** What a conformance factory hands the kit: the provider under test and a way to look past it. */
export interface DnsConformanceTarget {
  readonly provider: DnsProvider
  /**
   * Every record a zone holds now, read around the provider (Route 53: ListResourceRecordSets;
   * a hook provider: the file its scripts write). Names in the contract's form.
   */
  records(zone: DnsZone): Promise<readonly DnsRecord[]>
  /** Releases what the factory set up (servers, temp dirs); called after each test. */
  dispose?(): void | Promise<void>
}

/** Options of {@link runDnsProviderConformance}. */
export interface DnsConformanceOptions {
  /** The zone test records go into, by name. @default the first public zone listed */
  readonly zone?: string
  /** Fail when the provider has no `waitForSync`. @default false */
  readonly requireWaitForSync?: boolean
  /** Fail when the provider has no `lookupRecords`. @default false */
  readonly requireLookupRecords?: boolean
  /** Time-out of each test in ms. @default vitest's */
  readonly timeout?: number
}

/** The fields the contract compares; the TTL is the provider's business. */
const view = (r: DnsRecord) => ({ name: r.name, type: r.type, value: r.value })
const order = (r: DnsRecord) => `${r.name} ${r.type} ${r.value}`
/** Records as the contract compares them, in a stable order. */
const sorted = (records: readonly DnsRecord[]) => records.map(view).sort((a, b) => order(a).localeCompare(order(b)))

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

/**
 * The DNS provider contract as a vitest suite (libdns's `libdnstest`): every DNS plugin runs it
 * with its own set-up. `makeTarget` is called before each test and must give a provider with at
 * least one writable public zone (or `options.zone`). Test records are named
 * `_certdeck-conformance-<random>.<zone>` and deleted after each test.
 */
export function runDnsProviderConformance(
  name: string,
  makeTarget: () => DnsConformanceTarget | Promise<DnsConformanceTarget>,
  options: DnsConformanceOptions = {},
): void {
  describe(`DNS provider conformance: ${name}`, () => {
    let target: DnsConformanceTarget
    let zone: DnsZone
    let written: DnsRecord[] = []
    // What afterEach cleans up: only this test's target, once (a failed set-up leaves none).
    let current: DnsConformanceTarget | undefined

    beforeEach(async () => {
      written = []
      current = target = await makeTarget()
      const zones = await target.provider.listZones()
      const chosen =
        options.zone === undefined ? zones.find((z) => !z.private) : zones.find((z) => z.name === options.zone)
      if (!chosen)
        throw new Error(
          `The provider lists no ${options.zone ? `zone named ${options.zone}` : 'public zone'} to test ` +
            `with: ${JSON.stringify(zones)}`,
        )
      zone = chosen
    })

    afterEach(async () => {
      const done = current
      current = undefined
      if (!done) return
      try {
        if (written.length) await done.provider.deleteRecords(zone, written)
      } finally {
        await done.dispose?.()
      }
    })

    const label = (tag: string) => `_certdeck-conformance-${tag}-${randomBytes(4).toString('hex')}.${zone.name}`
    const record = (tag: string, value: string, type: DnsRecord['type'] = 'CNAME'): DnsRecord => ({
      name: label(tag),
      type,
      value,
      ttl: 300,
    })
    const upsert = async (records: DnsRecord[], signal?: AbortSignal) => {
      written.push(...records)
      return target.provider.upsertRecords(zone, records, signal)
    }
    const held = async (names: readonly string[]) =>
      sorted((await target.records(zone)).filter((r) => names.includes(r.name)))
    const test = (title: string, fn: () => Promise<void>) => it(title, fn, options.timeout)

    test('listZones gives ids and fully qualified lower-case names without the trailing dot', async () => {
      const zones = await target.provider.listZones()
      expect(zones.length).toBeGreaterThan(0)
      for (const z of zones) {
        expect(typeof z.id).toBe('string')
        expect(z.id.length).toBeGreaterThan(0)
        expect(z.name).toBe(z.name.toLowerCase())
        expect(z.name.endsWith('.')).toBe(false)
        expect(z.name).toMatch(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/)
        expect(typeof z.private).toBe('boolean')
      }
    })

    test('upsertRecords writes a CNAME and a TXT record', async () => {
      const cname = record('cname', `target-${randomBytes(3).toString('hex')}.acm-validations.aws`)
      const txt = record('txt', 'conformance text value', 'TXT')
      await upsert([cname, txt])
      expect(await held([cname.name, txt.name])).toEqual(sorted([cname, txt]))
    })

    test('upsertRecords is idempotent', async () => {
      const cname = record('idem', 'same-target.acm-validations.aws')
      await upsert([cname])
      await upsert([cname])
      expect(await held([cname.name])).toEqual([view(cname)])
    })

    test('upsertRecords replaces the value of a record set', async () => {
      const first = record('replace', 'first.acm-validations.aws')
      const second = { ...first, value: 'second.acm-validations.aws' }
      await upsert([first])
      await upsert([second])
      expect(await held([first.name])).toEqual([view(second)])
    })

    test('deleteRecords deletes only the exact values given and leaves the rest alone', async () => {
      const a = record('txt-set', 'value a', 'TXT')
      const b = { ...a, value: 'value b' }
      const other = record('other', 'other.acm-validations.aws')
      await upsert([a, b, other])
      expect(await held([a.name])).toHaveLength(2)
      await target.provider.deleteRecords(zone, [a, { ...other, value: 'not-the-value.acm-validations.aws' }])
      expect(await held([a.name, other.name])).toEqual(sorted([b, other]))
    })

    test('deleteRecords of records that are not there is not an error', async () => {
      const absent = record('absent', 'absent.acm-validations.aws')
      await expect(target.provider.deleteRecords(zone, [absent])).resolves.toBeUndefined()
      expect(await held([absent.name])).toEqual([])
    })

    test('concurrent upserts to one zone all land', async () => {
      const records = Array.from({ length: 5 }, (_, i) => record(`concurrent${i}`, `target-${i}.acm-validations.aws`))
      await Promise.all(records.map((r) => upsert([r])))
      expect(await held(records.map((r) => r.name))).toHaveLength(5)
    })

    test('an aborted signal rejects with an AbortError and writes nothing', async () => {
      const signal = AbortSignal.abort()
      const cname = record('aborted', 'aborted.acm-validations.aws')
      await expect(target.provider.listZones(signal)).rejects.toSatisfy(isAbortError)
      await expect(upsert([cname], signal)).rejects.toSatisfy(isAbortError)
      await expect(target.provider.deleteRecords(zone, [cname], signal)).rejects.toSatisfy(isAbortError)
      expect(await held([cname.name])).toEqual([])
    })

    test('waitForSync, when the provider has it, resolves for a change it returned', async () => {
      const { provider } = target
      if (options.requireWaitForSync) expect(typeof provider.waitForSync).toBe('function')
      const { changeId } = await upsert([record('sync', 'sync.acm-validations.aws')])
      if (!provider.waitForSync || changeId === undefined) return
      await expect(provider.waitForSync(changeId)).resolves.toBeUndefined()
      await expect(provider.waitForSync(changeId, AbortSignal.abort())).rejects.toSatisfy(isAbortError)
    })

    test('lookupRecords, when the provider has it, reads back one name and type, nothing once deleted', async () => {
      const { provider } = target
      if (!canLookupRecords(provider)) {
        expect(options.requireLookupRecords ?? false).toBe(false)
        return
      }
      const cname = record('lookup', 'lookup-target.acm-validations.aws')
      await upsert([cname])
      const found = await provider.lookupRecords(zone, cname.name, 'CNAME')
      expect(sorted(found)).toEqual([view(cname)])
      // The trailing dot and the case of a name do not matter.
      expect(sorted(await provider.lookupRecords(zone, `${cname.name.toUpperCase()}.`, 'CNAME'))).toEqual([view(cname)])
      expect(await provider.lookupRecords(zone, cname.name, 'TXT')).toEqual([])
      await provider.deleteRecords(zone, [cname])
      expect(await provider.lookupRecords(zone, cname.name, 'CNAME')).toEqual([])
      expect(await provider.lookupRecords(zone, label('never-written'), 'CNAME')).toEqual([])
      await expect(provider.lookupRecords(zone, cname.name, 'CNAME', AbortSignal.abort())).rejects.toSatisfy(
        isAbortError,
      )
    })
  })
}

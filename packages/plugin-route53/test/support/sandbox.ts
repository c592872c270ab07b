import { ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53'
import { DEFAULT_ACCOUNT_ID, startSandbox, type Sandbox, type SandboxOptions } from '@certdeck/aws-sandbox'
import type { DnsProvider, DnsProviderType, DnsRecord, DnsZone, ResolvedCredential } from '@certdeck/core'
import route53, { type Route53Options } from '@certdeck/plugin-route53'

/** The `route53` DNS provider type the plugin registers. */
export function route53Type(options: Route53Options = {}): DnsProviderType {
  const types: DnsProviderType[] = []
  void route53(options).register({ cloudProvider: () => undefined, dnsProvider: (t) => void types.push(t) })
  if (types.length !== 1) throw new Error('the plugin should register one DNS provider type')
  return types[0]
}

/** A static credential reaching `endpoint`. */
export function staticCredential(endpoint: string, accessKeyId = 'AKIASANDBOXDNS00001'): ResolvedCredential {
  return {
    credential: {
      id: 'dns-cred',
      name: 'dns-cred',
      kind: 'static',
      accessKeyId,
      endpoint,
      createdAt: new Date().toISOString(),
    },
    secretAccessKey: 'sandbox-secret-value',
  }
}

/** A configured Route 53 provider against `endpoint`. */
export function provider(
  endpoint: string,
  settings: Record<string, string> = {},
  options: Route53Options = {},
  accessKeyId?: string,
): DnsProvider {
  return route53Type({ syncIntervalMs: 50, ...options }).create({
    name: 'test-dns',
    settings,
    credential: staticCredential(endpoint, accessKeyId),
  })
}

/** A sandbox with Route 53 zones made on demand, and a plain SDK client to look past the plugin. */
export interface Route53Sandbox {
  readonly sandbox: Sandbox
  readonly endpoint: string
  /** Creates a hosted zone in `account` and returns its id. */
  zone(name: string, options?: { private?: boolean; account?: string }): string
  /** Every TXT and CNAME record of a zone, as Route 53 holds it, in the contract's form. */
  records(zone: DnsZone): Promise<DnsRecord[]>
  /** The raw record sets of a zone. */
  raw(zoneId: string): Promise<{ name: string; type: string; ttl?: number; values: string[] }[]>
  close(): Promise<void>
}

/** Starts a sandbox (changes in sync after 100 ms unless told otherwise). */
export async function route53Sandbox(options: SandboxOptions = {}): Promise<Route53Sandbox> {
  const sandbox = await startSandbox({ changeSyncDelayMs: 100, ...options })
  const client = new Route53Client({
    endpoint: sandbox.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAOUTOFBAND0000001', secretAccessKey: 'out-of-band' },
    maxAttempts: 10,
  })
  const raw = async (zoneId: string) => {
    const sets: { name: string; type: string; ttl?: number; values: string[] }[] = []
    let start: { StartRecordName?: string; StartRecordType?: 'TXT' } = {}
    for (;;) {
      const page = await client.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, ...start }))
      for (const set of page.ResourceRecordSets ?? []) {
        sets.push({
          name: set.Name!,
          type: set.Type!,
          ttl: set.TTL,
          values: (set.ResourceRecords ?? []).map((r) => r.Value!),
        })
      }
      if (!page.IsTruncated) return sets
      start = { StartRecordName: page.NextRecordName, StartRecordType: page.NextRecordType as 'TXT' }
    }
  }
  return {
    sandbox,
    endpoint: sandbox.endpoint,
    zone: (name, { private: isPrivate = false, account = DEFAULT_ACCOUNT_ID } = {}) =>
      sandbox.control.world.route53.createHostedZone(account, { name, privateZone: isPrivate }).id,
    raw,
    async records(zone) {
      const sets = await raw(zone.id)
      return sets
        .filter((set) => set.type === 'TXT' || set.type === 'CNAME')
        .flatMap((set) =>
          set.values.map((value) => ({
            name: set.name.replace(/\.$/, ''),
            type: set.type as DnsRecord['type'],
            value: set.type === 'TXT' ? (JSON.parse(value) as string) : value.replace(/\.$/, ''),
            ttl: set.ttl,
          })),
        )
    },
    async close() {
      client.destroy()
      await sandbox.close()
    },
  }
}

/** The error a promise rejects with (kept here for the tests that import it from this module). */
export { rejection } from '@certdeck/core/testing'

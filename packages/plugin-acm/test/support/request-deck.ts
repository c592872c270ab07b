import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53'
import { initCertDeck, openCertDeck, type CertDeck, type DnsProviderType } from '@certdeck/core'
import { memoryDnsProvider, type MemoryDnsProviderType } from '@certdeck/core/testing'
import acm, { type AcmOptions } from '@certdeck/plugin-acm'
import { PASSPHRASE, SECRET_ACCESS_KEY } from './deck.js'

/** The public zone requests are made under, in the sandbox's Route 53 and in the memory provider. */
export const ZONE = 'example.test'

/** Route 53 of the sandbox through the real SDK client, as the account of the test credential. */
export function sandboxRoute53(endpoint: string): Route53Client {
  return new Route53Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASANDBOXTEST0001', secretAccessKey: SECRET_ACCESS_KEY },
    maxAttempts: 2,
  })
}

/** Creates a public hosted zone in the sandbox; returns its id. */
export async function createZone(route53: Route53Client, name: string): Promise<string> {
  const created = await route53.send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: `${name}-${Date.now()}-${Math.random()}` }),
  )
  return created.HostedZone!.Id!
}

/** Writes one CNAME into a sandbox zone, as a user copying a validation record would. */
export async function upsertCname(route53: Route53Client, zoneId: string, name: string, value: string): Promise<void> {
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] },
          },
        ],
      },
    }),
  )
}

/**
 * Core's in-memory DNS provider whose writes also land in the sandbox's public zone, so the
 * sandbox's ACM validates what the provider wrote (plugin-acm's tests do not load the Route 53 plugin).
 */
function mirroredProvider(
  memory: MemoryDnsProviderType,
  route53: Route53Client,
  zoneId: () => string,
): DnsProviderType {
  return {
    ...memory,
    create(instance) {
      const provider = memory.create(instance)
      return {
        ...provider,
        async upsertRecords(zone, records, signal) {
          const result = await provider.upsertRecords(zone, records, signal)
          for (const record of records) await upsertCname(route53, zoneId(), record.name, record.value)
          return result
        },
      }
    },
  }
}

/** A repository opened with the ACM plugin and a DNS provider type `memory` mirrored into the sandbox. */
export interface RequestDeck {
  readonly deck: CertDeck
  readonly dataDir: string
  readonly memory: MemoryDnsProviderType
  readonly route53: Route53Client
  readonly zoneId: string
  close(): Promise<void>
}

/** Opens a fresh repository (config.json from `config`) with a credential `sandbox` and the zone {@link ZONE}. */
export async function openRequestDeck(
  endpoint: string,
  options: { acm?: AcmOptions; config?: Record<string, unknown> } = {},
): Promise<RequestDeck> {
  const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-requests-'))
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
  if (options.config) await writeFile(join(dataDir, 'config.json'), JSON.stringify(options.config))
  const route53 = sandboxRoute53(endpoint)
  const zoneId = await createZone(route53, ZONE)
  const memory = memoryDnsProvider({ zones: [{ name: ZONE }] })
  const deck = await openCertDeck({
    dataDir,
    passphrase: PASSPHRASE,
    plugins: [
      acm(options.acm ?? {}),
      {
        name: 'test:mirrored-dns',
        register: (registry) => registry.dnsProvider(mirroredProvider(memory, route53, () => zoneId)),
      },
    ],
  })
  await deck.credentials.add({
    name: 'sandbox',
    kind: 'static',
    accessKeyId: 'AKIASANDBOXTEST0001',
    secretAccessKey: SECRET_ACCESS_KEY,
    endpoint,
  })
  return {
    deck,
    dataDir,
    memory,
    route53,
    zoneId,
    close: async () => {
      route53.destroy()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { container } from 'tsyringe'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../domain/config.js'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import { initCertDeck } from '../../init-certdeck.js'
import { openCertDeck } from '../../open-certdeck.js'
import type { DnsProviderInstance } from '../../plugins/dns-provider.js'
import type { CertDeckPlugin } from '../../plugins/plugin.js'
import { CapabilityRegistry } from '../../plugins/registry.js'
import { DnsChallenges } from '../../ports/dns-challenges.js'
import { registerCore } from '../../register-core.js'
import { systemClock } from '../../ports/clock.js'
import { FileStore } from '../../store/file-store.js'
import { MemoryAuditLog } from '../../testing/memory-audit-log.js'
import { type MemoryDnsProviderType, memoryDnsProvider } from '../../testing/memory-dns-provider.js'
import { MemoryStore } from '../../testing/memory-store.js'
import { MemoryVault } from '../../testing/memory-vault.js'

const PASS = 'dns service passphrase'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

let root: string
let dataDir: string
let memory: MemoryDnsProviderType
let withCredential: MemoryDnsProviderType
const instances: DnsProviderInstance[] = []

/** Registers the in-memory types, and an `aws` cloud provider so credentials can be added. */
const plugin: CertDeckPlugin = {
  name: 'test:dns',
  register(registry) {
    registry.dnsProvider(memory)
    registry.dnsProvider({
      ...withCredential,
      create: (instance) => {
        instances.push(instance)
        return withCredential.create(instance)
      },
    })
    registry.cloudProvider({
      id: 'aws',
      regions: ['us-east-1'],
      connect: () => ({ test: async () => ({}), stores: [] }),
    })
  },
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'certdeck-dns-'))
  dataDir = join(root, 'data')
  await initCertDeck({ dataDir, passphrase: PASS, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
  memory = memoryDnsProvider({ zones: [{ name: 'example.com' }, { name: 'example.org' }] })
  withCredential = memoryDnsProvider({ id: 'memory-aws', credential: 'required', zones: [{ name: 'example.net' }] })
  instances.length = 0
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const open = () => openCertDeck({ dataDir, passphrase: PASS, plugins: [plugin] })

describe('DnsService through openCertDeck', () => {
  it('adds, lists, tests and removes a provider, and audits the changes', async () => {
    const deck = await open()
    expect(deck.dns.types().map((t) => t.id)).toEqual(['memory', 'memory-aws'])
    const added = await deck.dns.add({ type: 'memory', name: 'lab-dns', settings: { zoneId: 'Z-example.com' } })
    expect(added).toMatchObject({ providerId: 'memory', name: 'lab-dns', settings: { zoneId: 'Z-example.com' } })
    expect(added).not.toHaveProperty('credentialId')
    expect(await (await open()).dns.providers()).toEqual([added])
    expect((await deck.dns.test('lab-dns')).zones.map((z) => z.name)).toEqual(['example.com', 'example.org'])
    await deck.dns.remove('lab-dns')
    expect(await deck.dns.providers()).toEqual([])
    expect((await deck.auditEvents()).map((e) => `${e.action} ${e.target} ${e.outcome}`).slice(-2)).toEqual([
      'dns.add lab-dns ok',
      'dns.remove lab-dns ok',
    ])
  })

  it('refuses bad input with errors that say what is accepted, writing nothing', async () => {
    const deck = await open()
    await expect(deck.dns.add({ type: 'bind9', name: 'x' })).rejects.toThrow(
      '"bind9" is not a DNS provider type of the loaded plugins. Loaded types: memory, memory-aws.',
    )
    await expect(deck.dns.add({ type: 'memory', name: 'bad name' })).rejects.toMatchObject({
      code: 'DNS_PROVIDER_NAME',
      kind: 'input',
    })
    await expect(deck.dns.add({ type: 'memory', name: 'x', settings: { region: 'eu' } })).rejects.toThrow(
      'A memory DNS provider has no setting region. Accepted: zoneId.',
    )
    await expect(deck.dns.add({ type: 'memory', name: 'x', credential: 'prod' })).rejects.toMatchObject({
      code: 'DNS_CREDENTIAL_UNUSED',
    })
    await expect(deck.dns.add({ type: 'memory-aws', name: 'x' })).rejects.toThrow(
      'A memory-aws DNS provider needs a credential: add --credential NAME',
    )
    await expect(deck.dns.add({ type: 'memory-aws', name: 'x', credential: 'nope' })).rejects.toMatchObject({
      code: 'CREDENTIAL_UNKNOWN',
    })
    await deck.dns.add({ type: 'memory', name: 'x' })
    await expect(deck.dns.add({ type: 'memory', name: 'x' })).rejects.toMatchObject({ code: 'DNS_PROVIDER_EXISTS' })
    await expect(deck.dns.test('y')).rejects.toThrow('No DNS provider is named "y". Known: x.')
    expect(await deck.dns.providers()).toHaveLength(1)
  })

  it(
    'hands the provider its credential with the secret ' + 'opened, and keeps the secret out of everything else',
    async () => {
      const deck = await open()
      await deck.credentials.add({
        name: 'dns-account',
        kind: 'static',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: SECRET,
      })
      const added = await deck.dns.add({ type: 'memory-aws', name: 'r53', credential: 'dns-account' })
      await deck.dns.test('r53')
      expect(instances).toHaveLength(1)
      expect(instances[0].credential).toMatchObject({ credential: { name: 'dns-account' }, secretAccessKey: SECRET })
      expect(JSON.stringify(added)).not.toContain(SECRET)
      expect(await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).not.toContain(SECRET)
      await expect(deck.credentials.remove('dns-account')).rejects.toThrow(
        'Credential "dns-account" is used by DNS provider(s) "r53".',
      )
    },
  )

  it('refuses to remove a provider an unfinished request uses', async () => {
    const deck = await open()
    const added = await deck.dns.add({ type: 'memory', name: 'lab-dns' })
    const request = (state: CertificateRequest['state'], id: string): CertificateRequest => ({
      id,
      kind: 'public',
      credentialId: 'c1',
      region: 'us-east-1',
      domain: 'www.example.com',
      sans: [],
      validationMethod: 'DNS',
      dnsProviderId: added.id,
      state,
      validations: [],
      history: [],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    })
    const store = await FileStore.open(dataDir)
    await store.update((data) => {
      data.requests.push(request('ISSUED', 'r1'), request('DEPLOY_CHALLENGE', 'r2'))
    })
    await expect(deck.dns.remove('lab-dns')).rejects.toThrow(
      'DNS provider "lab-dns" is used by 1 unfinished request(s): r2 (www.example.com, DEPLOY_CHALLENGE).',
    )
    await store.update((data) => {
      data.requests = data.requests.filter((r) => r.id !== 'r2')
    })
    await deck.dns.remove('lab-dns')
    expect(await deck.dns.providers()).toEqual([])
  })

  it('suggests the one provider whose public zones cover every domain', async () => {
    const deck = await open()
    await deck.credentials.add({
      name: 'acct',
      kind: 'static',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: SECRET,
    })
    const lab = await deck.dns.add({ type: 'memory', name: 'lab-dns' })
    await deck.dns.add({ type: 'memory-aws', name: 'net-dns', credential: 'acct' })
    expect(await deck.dns.suggest(['*.example.com', 'example.com', 'api.example.org'])).toEqual(lab)
    expect(await deck.dns.suggest(['example.com', 'example.net'])).toBeUndefined()
    expect((await deck.dns.covering(['www.example.org'])).map((p) => p.name)).toEqual(['lab-dns'])
    expect((await deck.dns.covering(['vpn.example.net'])).map((p) => p.name)).toEqual(['net-dns'])
    expect(await deck.dns.covering(['manual.example.io'])).toEqual([])
  })

  it('explains a provider whose plugin is no longer loaded', async () => {
    await (await open()).dns.add({ type: 'memory', name: 'lab-dns' })
    const bare = await openCertDeck({ dataDir, passphrase: PASS })
    await expect(bare.dns.test('lab-dns')).rejects.toThrow(
      'DNS provider "lab-dns" is of type memory, which no loaded plugin offers (loaded: none (no DNS ' +
        'provider plugin is loaded)).',
    )
  })
})

describe('DnsChallenges in the container', () => {
  it('is the DNS service: writes through a configured provider without a cloud plugin', async () => {
    const type = memoryDnsProvider()
    const registry = new CapabilityRegistry()
    const scope = registry.scope('test:dns')
    scope.dnsProvider(type)
    scope.commit()
    const store = new MemoryStore()
    const audit = new MemoryAuditLog()
    const child = registerCore(container.createChildContainer(), {
      store,
      vault: new MemoryVault(),
      auditLog: audit,
      clock: systemClock,
      config: DEFAULT_CONFIG,
      plugins: registry,
    })
    await store.update((data) => {
      data.dnsProviders.push({ id: 'p1', providerId: 'memory', name: 'lab-dns', settings: {} })
    })
    const challenges = child.resolve(DnsChallenges)
    expect(await challenges.provider('p1')).toMatchObject({ name: 'lab-dns' })
    await challenges.write('lab-dns', [
      { name: '_a.example.com', type: 'CNAME', value: 'a.acm-validations.aws' },
      { name: '_a.example.com', type: 'CNAME', value: 'a.acm-validations.aws' },
    ])
    expect(type.records()).toEqual([
      { name: '_a.example.com', type: 'CNAME', value: 'a.acm-validations.aws', ttl: 300 },
    ])
    expect(audit.events.map((e) => `${e.action} ${e.target} ${e.outcome} ${e.detail}`)).toEqual([
      'dns.write lab-dns ok 1 record(s) in example.com',
    ])
  })
})

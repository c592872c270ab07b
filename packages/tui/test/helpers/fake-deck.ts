import {
  unavailableLifecycle,
  unavailableRequests,
  CertDeckError,
  DEFAULT_CONFIG,
  type AuditEvent,
  type CertDeck,
  type Certificate,
  type CloudCertificate,
  type Credential,
  type DeployOptions,
  type DeployResult,
  type Deployment,
  type DiscoverOptions,
  type DiscoverySummary,
  type ExportOptions,
  type ImportOptions,
  type CreateOptions,
  type CertificateRequest,
  type DnsProviderConfig,
} from '@certdeck/core'
import { NOW, selfSignedEntry } from './certificates.js'

/** What the fake was asked to do, for assertions. */
export interface FakeCalls {
  readonly deploy: DeployOptions[]
  readonly discover: DiscoverOptions[]
  readonly deleted: string[]
  readonly imported: ImportOptions[]
  readonly exported: { ref: string; options?: ExportOptions }[]
  readonly tagged: { ref: string; set: Record<string, string>; remove: readonly string[] }[]
  readonly created: CreateOptions[]
}

/** Contents of a {@link FakeDeck}. */
export interface FakeDeckOptions {
  readonly certificates?: Certificate[]
  readonly cloud?: CloudCertificate[]
  readonly credentials?: Credential[]
  readonly deployments?: Deployment[]
  readonly audit?: AuditEvent[]
  readonly regions?: readonly string[]
  /** Regions whose discovery fails. */
  readonly failingRegions?: readonly string[]
  /** Discovery waits for this after announcing every region, so a test can see the progress. */
  readonly discoveryGate?: Promise<void>
  /** Present only when given, as in a build with requests. */
  readonly requests?: CertificateRequest[]
  /** Present only when given, as in a build with DNS providers. */
  readonly dnsProviders?: DnsProviderConfig[]
  /** Makes `certificates.list` fail with this error. */
  readonly listError?: Error
}

/** A credential as the repository keeps it. */
export function credential(name: string, extra: Partial<Credential> = {}): Credential {
  return { id: `cred-${name}`, name, kind: 'static', accessKeyId: 'AKIAEXAMPLE', createdAt: NOW.toISOString(), ...extra }
}

/**
 * An in-memory CertDeck: lists what it was given, records what it was asked, and changes its
 * lists the way the real services do (a deploy adds deployments, a delete removes the entry).
 */
export function fakeDeck(options: FakeDeckOptions = {}): CertDeck & { calls: FakeCalls } {
  let certificates = [...(options.certificates ?? [])]
  let cloud = [...(options.cloud ?? [])]
  const credentials = [...(options.credentials ?? [])]
  const deployments = [...(options.deployments ?? [])]
  const audit = [...(options.audit ?? [])]
  const regions = options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1']
  const calls: FakeCalls = { deploy: [], discover: [], deleted: [], imported: [], exported: [], tagged: [], created: [] }
  const find = (ref: string) => {
    const cert = certificates.find((c) => c.id === ref)
    if (!cert) throw new CertDeckError('NOT_FOUND', `No certificate ${ref}. Run certdeck certs list.`)
    return cert
  }
  const credentialOf = (name: string) => {
    const found = credentials.find((c) => c.name === name)
    if (!found) throw new CertDeckError('CREDENTIAL_NOT_FOUND', `No credential named ${name}.`)
    return found
  }

  return {
    calls,
    dataDir: '/tmp/certdeck-fake',
    config: DEFAULT_CONFIG,
    plugins: { loaded: ['certdeck:fake'], failed: [] },
    vault: { changePassphrase: async () => undefined },
    certificates: {
      import: async (o) => {
        calls.imported.push(o)
        const cert = certificates[0]
        if (!cert) throw new CertDeckError('PEM_INVALID', 'Nothing to import.')
        return { certificate: cert, outcome: 'unchanged' }
      },
      create: async (o) => {
        calls.created.push(o)
        const cert = await selfSignedEntry(`new${calls.created.length}`, o.commonName, o.days ?? 365, o.sans)
        certificates.push(cert)
        return cert
      },
      createCsr: async () => {
        throw new CertDeckError('NOT_IN_FAKE', 'The fake does not create CSRs.')
      },
      list: async () => {
        if (options.listError) throw options.listError
        return [...certificates]
      },
      get: async (ref) => find(ref),
      tag: async (ref, set, remove = []) => {
        calls.tagged.push({ ref, set: { ...set }, remove })
        const cert = find(ref)
        const tags = { ...cert.tags, ...set }
        for (const key of remove) delete tags[key]
        const updated = { ...cert, tags }
        certificates = certificates.map((c) => (c.id === ref ? updated : c))
        return updated
      },
      export: async (ref, o) => {
        calls.exported.push({ ref, options: o })
        return new TextEncoder().encode(find(ref).pem)
      },
      delete: async (ref) => {
        find(ref)
        calls.deleted.push(ref)
        certificates = certificates.filter((c) => c.id !== ref)
      },
      expiring: async () => [],
      pendingKeys: async () => [],
      privateKeyPem: async () => {
        throw new CertDeckError('NO_PRIVATE_KEY', 'The fake holds no keys.')
      },
    },
    credentials: {
      add: async () => {
        throw new CertDeckError('NOT_IN_FAKE', 'The fake does not add credentials.')
      },
      list: async () => [...credentials],
      test: async (name) => ({ accountId: credentialOf(name).accountId ?? '111122223333' }),
      remove: async () => undefined,
    },
    cloud: {
      regions: () => regions,
      list: async () => [...cloud],
      expiring: async () => [],
      discover: async (o = {}) => {
        calls.discover.push(o)
        const scanned = [...(o.regions ?? regions), ...(o.iam === false ? [] : ['global'])]
        for (const region of scanned) o.onEvent?.({ type: 'region-start', region })
        await options.discoveryGate
        const failedRegions: DiscoverySummary['failedRegions'][number][] = []
        let found = 0
        for (const region of scanned) {
          if (options.failingRegions?.includes(region)) {
            failedRegions.push({ region, error: 'UnrecognizedClientException: region not enabled' })
            o.onEvent?.({ type: 'region-failed', region, error: 'region not enabled' })
          } else {
            const inRegion = cloud.filter((c) => c.region === region).length
            found += inRegion
            o.onEvent?.({ type: 'region-done', region, found: inRegion })
          }
        }
        return { found, new: 0, changed: 0, gone: 0, failedRegions }
      },
    },
    deployments: {
      // The live array, as the file store hands it out: the TUI must not rely on new identities.
      list: async () => deployments,
      remove: async () => undefined,
      deploy: async (o) => {
        calls.deploy.push(o)
        credentialOf(o.credential)
        const results: DeployResult[] = []
        for (const id of o.certificates) {
          const cert = find(id)
          for (const region of o.regions) {
            const arn = `arn:aws:acm:${region}:111122223333:certificate/${cert.id}-${region}`
            if (!cert.privateKey) {
              results.push({ certificateId: id, region, action: 'failed', message: 'no private key held' })
              continue
            }
            results.push({ certificateId: id, region, action: 'imported', arn, message: o.dryRun ? 'would import' : arn, dryRun: o.dryRun })
            if (o.dryRun) continue
            deployments.push({
              id: `dep-${deployments.length + 1}`,
              certificateId: id,
              credentialId: credentialOf(o.credential).id,
              region,
              arn,
              replaceIfExists: o.replace ?? false,
              autoRedeploy: o.autoRedeploy ?? false,
              deployedFingerprint: cert.fingerprintSha256,
              state: 'deployed',
              updatedAt: NOW.toISOString(),
            })
          }
        }
        return results
      },
    },
    auditEvents: async () => [...audit],
    requests: { ...unavailableRequests, list: async () => [...(options.requests ?? [])] },
    lifecycle: unavailableLifecycle,
    dns: {
      providers: async () => [...(options.dnsProviders ?? [])],
      types: () => [],
      add: async () => Promise.reject(new Error('not in this fake')),
      test: async () => Promise.reject(new Error('not in this fake')),
      remove: async () => Promise.reject(new Error('not in this fake')),
      suggest: async () => undefined,
    },
  }
}

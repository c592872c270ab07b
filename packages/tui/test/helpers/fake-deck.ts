import {
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
  groupResources,
  usageSentence,
} from '@certdeck/core'
import { NOW, selfSignedEntry } from './certificates.js'
import { fakeAcm, type FakeAcmCalls, type FakeAcmOptions, type FakeState } from './fake-acm.js'

/** What the fake was asked to do, for assertions. */
export interface FakeCalls {
  readonly deploy: DeployOptions[]
  readonly discover: DiscoverOptions[]
  readonly deleted: string[]
  readonly imported: ImportOptions[]
  readonly exported: { ref: string; options?: ExportOptions }[]
  readonly tagged: { ref: string; set: Record<string, string>; remove: readonly string[] }[]
  readonly created: CreateOptions[]
  /** ARNs whose users were asked of ACM (`cloud.usage`). */
  readonly usage: string[]
}

/** Contents of a {@link FakeDeck}. */
export interface FakeDeckOptions extends FakeAcmOptions {
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
  readonly requests?: CertificateRequest[]
  readonly dnsProviders?: DnsProviderConfig[]
  /** Makes `certificates.list` fail with this error. */
  readonly listError?: Error
  /** What ACM says uses each ARN now (`cloud.usage`); an ARN not listed: nothing. */
  readonly usage?: Readonly<Record<string, readonly string[]>>
  /** Makes `cloud.usage` fail with this error. */
  readonly usageError?: Error
}

/** A credential as the repository keeps it. */
export function credential(name: string, extra: Partial<Credential> = {}): Credential {
  return {
    id: `cred-${name}`,
    name,
    kind: 'static',
    accessKeyId: 'AKIAEXAMPLE',
    createdAt: NOW.toISOString(),
    ...extra,
  }
}

/**
 * An in-memory CertDeck: lists what it was given, records what it was asked, and changes its
 * lists the way the real services do (a deploy adds deployments, a delete removes the entry).
 */
export function fakeDeck(
  options: FakeDeckOptions = {},
): CertDeck & { calls: FakeCalls; acm: FakeAcmCalls; state: FakeState } {
  const state: FakeState = {
    certificates: [...(options.certificates ?? [])],
    cloud: [...(options.cloud ?? [])],
    credentials: [...(options.credentials ?? [])],
    requests: [...(options.requests ?? [])],
    dnsProviders: [...(options.dnsProviders ?? [])],
  }
  const acm = fakeAcm(state, options)
  const deployments = [...(options.deployments ?? [])]
  const audit = [...(options.audit ?? [])]
  const regions = options.regions ?? ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1']
  const calls: FakeCalls = {
    deploy: [],
    discover: [],
    deleted: [],
    imported: [],
    exported: [],
    tagged: [],
    created: [],
    usage: [],
  }
  const find = (ref: string) => {
    const cert = state.certificates.find((c) => c.id === ref)
    if (!cert) throw new CertDeckError('NOT_FOUND', `No certificate ${ref}. Run certdeck certs list.`)
    return cert
  }
  const credentialOf = (name: string) => {
    const found = state.credentials.find((c) => c.name === name)
    if (!found) throw new CertDeckError('CREDENTIAL_NOT_FOUND', `No credential named ${name}.`)
    return found
  }

  return {
    calls,
    acm: acm.calls,
    state,
    dataDir: '/tmp/certdeck-fake',
    config: DEFAULT_CONFIG,
    plugins: { loaded: ['certdeck:fake'], failed: [] },
    vault: { changePassphrase: async () => undefined },
    certificates: {
      import: async (o) => {
        calls.imported.push(o)
        const cert = state.certificates[0]
        if (!cert) throw new CertDeckError('PEM_INVALID', 'Nothing to import.')
        return { certificate: cert, outcome: 'unchanged' }
      },
      create: async (o) => {
        calls.created.push(o)
        const cert = await selfSignedEntry(`new${calls.created.length}`, o.commonName, o.days ?? 365, o.sans)
        state.certificates.push(cert)
        return cert
      },
      createCsr: async () => {
        throw new CertDeckError('NOT_IN_FAKE', 'The fake does not create CSRs.')
      },
      list: async () => {
        if (options.listError) throw options.listError
        return [...state.certificates]
      },
      get: async (ref) => find(ref),
      tag: async (ref, set, remove = []) => {
        calls.tagged.push({ ref, set: { ...set }, remove })
        const cert = find(ref)
        const tags = { ...cert.tags, ...set }
        for (const key of remove) delete tags[key]
        const updated = { ...cert, tags }
        state.certificates = state.certificates.map((c) => (c.id === ref ? updated : c))
        return updated
      },
      export: async (ref, o) => {
        calls.exported.push({ ref, options: o })
        return new TextEncoder().encode(find(ref).pem)
      },
      delete: async (ref) => {
        find(ref)
        calls.deleted.push(ref)
        state.certificates = state.certificates.filter((c) => c.id !== ref)
      },
      expiring: async () => [],
      pendingKeys: async () => [],
      privateKeyPem: async () => {
        throw new CertDeckError('NO_PRIVATE_KEY', 'The fake holds no keys.')
      },
    },
    credentials: {
      add: async (o) => {
        if (state.credentials.some((c) => c.name === o.name))
          throw new CertDeckError('CREDENTIAL_EXISTS', `A credential named ${o.name} exists already.`)
        if (o.kind === 'static' && (!o.accessKeyId || !o.secretAccessKey)) {
          throw new CertDeckError(
            'CREDENTIAL_INVALID',
            'A static credential needs an access key id and a secret access key.',
          )
        }
        const sealed = o.secretAccessKey
          ? { sealed: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' }
          : undefined
        const added = credential(o.name, {
          kind: o.kind,
          accessKeyId: o.accessKeyId,
          secretAccessKey: sealed as Credential['secretAccessKey'],
          profile: o.profile,
          roleArn: o.roleArn,
          endpoint: o.endpoint,
          defaultRegion: o.defaultRegion,
        })
        state.credentials.push(added)
        return added
      },
      list: async () => [...state.credentials],
      test: async (name) => {
        // As the real service: the account a test reaches is recorded on the credential.
        const accountId = credentialOf(name).accountId ?? '111122223333'
        state.credentials = state.credentials.map((c) => (c.name === name ? { ...c, accountId } : c))
        return { accountId }
      },
      remove: async (name) => {
        credentialOf(name)
        state.credentials = state.credentials.filter((c) => c.name !== name)
      },
      use: async (name) => {
        const chosen = credentialOf(name)
        state.credentials = state.credentials.map(({ isDefault: _was, ...c }) =>
          c.id === chosen.id ? { ...c, isDefault: true } : c,
        )
        return { ...chosen, isDefault: true }
      },
    },
    cloud: {
      regions: () => regions,
      list: async () => [...state.cloud],
      expiring: async () => [],
      usage: async (ref) => {
        calls.usage.push(ref)
        if (options.usageError) throw options.usageError
        const inUseBy = [...(options.usage?.[ref] ?? [])]
        const region = ref.split(':')[3] ?? ''
        return { arn: ref, region, inUseBy, groups: groupResources(inUseBy), sentence: usageSentence(inUseBy) }
      },
      discover: async (o = {}) => {
        calls.discover.push(o)
        const scanned = [...(o.regions ?? regions), ...(o.iam === false ? [] : ['global'])]
        for (const region of scanned) o.onEvent?.({ type: 'region-start', region })
        await options.discoveryGate
        const failedRegions: DiscoverySummary['failedRegions'][number][] = []
        let found = 0
        for (const region of scanned) {
          if (options.failingRegions?.includes(region)) {
            failedRegions.push({
              region,
              code: 'AWS_REGION_NOT_ENABLED',
              error: 'UnrecognizedClientException: region not enabled',
            })
            o.onEvent?.({ type: 'region-failed', region, code: 'AWS_REGION_NOT_ENABLED', error: 'region not enabled' })
          } else {
            const inRegion = state.cloud.filter((c) => c.region === region).length
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
            results.push({
              certificateId: id,
              region,
              action: 'imported',
              arn,
              message: o.dryRun ? 'would import' : arn,
              dryRun: o.dryRun,
            })
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
    requests: acm.requests,
    lifecycle: acm.lifecycle,
    dns: acm.dns,
  }
}

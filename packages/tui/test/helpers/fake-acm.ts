import { createHash } from 'node:crypto'
import {
  CertDeckError,
  type CertificateAuthority,
  type Certificate,
  type CertificateRequest,
  type ChallengeEvent,
  type CloudCertificate,
  type Credential,
  type DnsApi,
  type DnsProviderConfig,
  type DnsProviderType,
  type DnsZone,
  type LifecycleApi,
  type RequestPublicOptions,
  type RequestsApi,
  type RequestState,
  type RevocationReason,
  type ValidationRecord,
} from '@certdeck/core'
import { NOW, leafEntry } from './certificates.js'
import { FAKE_DNS_TYPES } from './fake-dns-types.js'

/** The lists the fake deck and the fake ACM share and change. */
export interface FakeState {
  certificates: Certificate[]
  cloud: CloudCertificate[]
  credentials: Credential[]
  requests: CertificateRequest[]
  dnsProviders: DnsProviderConfig[]
}

/** What the fake ACM was asked, for assertions. */
export interface FakeAcmCalls {
  readonly requested: RequestPublicOptions[]
  readonly requestedPrivate: {
    caArn: string
    domain: string
    sans?: readonly string[]
    credential: string
    keyAlgorithm?: string
  }[]
  readonly refreshed: (string | undefined)[]
  readonly challenges: { ref: string; dnsProvider?: string }[]
  readonly resent: string[]
  readonly renewed: string[]
  readonly revoked: { ref: string; reason: RevocationReason }[]
  readonly retrieved: string[]
  readonly lifecycleDeleted: string[]
  readonly dnsAdded: { type: string; name: string; credential?: string; settings?: Readonly<Record<string, string>> }[]
}

/** Options of {@link fakeAcm}. */
export interface FakeAcmOptions {
  readonly authorities?: CertificateAuthority[]
  readonly dnsTypes?: DnsProviderType[]
  /** Zones each configured provider (by name) lists. @default example.com (public) for every provider */
  readonly zones?: Readonly<Record<string, DnsZone[]>>
  /** A deploy challenge waits for this between writing the records and their being in sync. */
  readonly challengeGate?: Promise<void>
}

const UNFINISHED: readonly RequestState[] = ['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'SYNC_RECORDS']
const EMAIL_PREFIXES = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster']
const SAN_QUOTA = 10
const hex = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)
const at = () => NOW.toISOString()

/** The validation CNAME ACM gives `name` (a wildcard shares its apex's record). */
export function validationRecord(name: string): ValidationRecord {
  const base = name.replace(/^\*\./, '')
  return { name: `_${hex(base)}.${base}`, type: 'CNAME', value: `_${hex(`v${base}`)}.acm-validations.aws` }
}

/** The name problems a request has, as the contract of `requests.check` says them. */
export function checkNames(domain: string, sans: readonly string[] = []): string[] {
  const problems: string[] = []
  if (!domain.trim()) return ['Enter the domain name, e.g. www.example.com.']
  if (domain.length > 64)
    problems.push(
      `${domain} is ${domain.length} octets: ACM takes at most 64 in the domain name. Put the long name in the SANs.`,
    )
  for (const name of [domain, ...sans]) {
    if (name.slice(1).includes('*') || (name.includes('*') && !name.startsWith('*.'))) {
      problems.push(`${name}: a wildcard may only be the leftmost label, as in *.example.com.`)
    } else if (!/^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+$/i.test(name)) problems.push(`${name} is not a domain name.`)
  }
  if (new Set([domain, ...sans]).size - 1 > SAN_QUOTA)
    problems.push(`${sans.length} SANs: the quota is ${SAN_QUOTA} names besides the domain.`)
  return problems
}

/**
 * In-memory requests, lifecycle and DNS providers that keep the contract's rules: a DNS request
 * with a provider waits for its challenge, one without waits for the records to be created by
 * hand (`validate` plays the user doing so), a refresh issues what ACM validated, a private
 * request is issued at once by its CA.
 */
export function fakeAcm(state: FakeState, options: FakeAcmOptions = {}) {
  const calls: FakeAcmCalls = {
    requested: [],
    requestedPrivate: [],
    refreshed: [],
    challenges: [],
    resent: [],
    renewed: [],
    revoked: [],
    retrieved: [],
    lifecycleDeleted: [],
    dnsAdded: [],
  }
  const authorities = options.authorities ?? []
  const dnsTypes = options.dnsTypes ?? FAKE_DNS_TYPES

  const find = (ref: string) => {
    const found =
      state.requests.find((r) => r.id === ref || r.arn === ref) ?? state.requests.find((r) => r.id.startsWith(ref))
    if (!found) throw new CertDeckError('REQUEST_NOT_FOUND', `No request ${ref}. The Requests tab lists them.`)
    return found
  }
  const save = (
    request: CertificateRequest,
    state_: RequestState,
    note?: string,
    extra: Partial<CertificateRequest> = {},
  ) => {
    const next = {
      ...request,
      ...extra,
      state: state_,
      updatedAt: at(),
      history: [...request.history, { at: at(), state: state_, note }],
    }
    state.requests = state.requests.map((r) => (r.id === request.id ? next : r))
    return next
  }
  const credentialOf = (name: string) => {
    const found = state.credentials.find((c) => c.name === name || c.id === name)
    if (!found) throw new CertDeckError('CREDENTIAL_NOT_FOUND', `No credential named ${name}.`)
    return found
  }
  const issue = async (request: CertificateRequest): Promise<CertificateRequest> => {
    const cert = await leafEntry(`${request.id}-cert`, request.domain, 395, {
      sans: [request.domain, ...request.sans],
      origin: 'requested',
      withKey: false,
    })
    state.certificates.push(cert)
    state.cloud.push({
      arn: request.arn!,
      store: 'acm',
      region: request.region,
      accountId: '111122223333',
      credentialId: request.credentialId,
      kind: request.kind === 'private' ? 'PRIVATE' : 'AMAZON_ISSUED',
      status: 'ISSUED',
      domain: request.domain,
      sans: [request.domain, ...request.sans],
      notAfter: cert.notAfter,
      serial: cert.serial,
      fingerprintSha256: cert.fingerprintSha256,
      certificateId: cert.id,
      lastSeenAt: at(),
      exportOption: request.exportable ? 'ENABLED' : 'DISABLED',
    })
    return save(request, 'ISSUED', 'issued', {
      certificateId: cert.id,
      validations: request.validations.map((v) => ({ ...v, status: 'SUCCESS' })),
    })
  }
  const newRequest = (
    kind: 'public' | 'private',
    o: { credential: string; region?: string; domain: string; sans?: readonly string[] },
  ) => {
    const problems = checkNames(o.domain, o.sans)
    if (problems.length > 0) throw new CertDeckError('REQUEST_INVALID', problems.join(' '))
    const cred = credentialOf(o.credential)
    const id = `req${state.requests.length + 1}`
    const region = o.region ?? cred.defaultRegion ?? 'us-east-1'
    return {
      id,
      kind,
      credentialId: cred.id,
      region,
      arn: `arn:aws:acm:${region}:111122223333:certificate/${id}`,
      domain: o.domain,
      sans: (o.sans ?? []).filter((s) => s !== o.domain),
      history: [],
      createdAt: at(),
      updatedAt: at(),
    }
  }
  const add = (request: CertificateRequest) => {
    state.requests = [request, ...state.requests]
    return request
  }
  const cloudOf = (ref: string) => {
    const found = state.cloud.find((c) => c.arn === ref || c.certificateId === ref)
    if (!found)
      throw new CertDeckError(
        'CLOUD_NOT_FOUND',
        `${ref} is not a certificate CertDeck knows in ACM. Discover first (AWS tab, d).`,
      )
    return found
  }
  const zonesOf = (name: string) => options.zones?.[name] ?? [{ id: 'Z1EXAMPLE', name: 'example.com', private: false }]
  const covers = (zone: DnsZone, domain: string) =>
    domain.replace(/^\*\./, '') === zone.name || domain.endsWith(`.${zone.name}`)

  const requests: RequestsApi = {
    list: async () => [...state.requests],
    get: async (ref) => find(ref),
    check: (o) => checkNames(o.domain, o.sans),
    requestPublic: async (o) => {
      calls.requested.push(o)
      const base = newRequest('public', o)
      const names = [base.domain, ...base.sans]
      // As the contract says: no provider named means the one whose zones cover every name; false means none.
      const chosen =
        o.validation !== 'DNS' || o.dnsProvider === false
          ? undefined
          : (o.dnsProvider ?? (await dns.suggest(names))?.name)
      const stateNow: RequestState =
        o.validation === 'EMAIL' ? 'PENDING_VALIDATION' : chosen ? 'DEPLOY_CHALLENGE' : 'SYNC_RECORDS'
      const validations = names.map((domain) => {
        const validationDomain = domain.replace(/^\*\./, '')
        return o.validation === 'EMAIL'
          ? {
              domain,
              validationDomain,
              status: 'PENDING_VALIDATION',
              emails: EMAIL_PREFIXES.map((p) => `${p}@${validationDomain}`),
            }
          : { domain, validationDomain, status: 'PENDING_VALIDATION', record: validationRecord(domain) }
      })
      const dnsProviderId = chosen
        ? state.dnsProviders.find((d) => d.name === chosen || d.id === chosen)?.id
        : undefined
      return add({
        ...base,
        validationMethod: o.validation,
        keyAlgorithm: o.keyAlgorithm ?? 'RSA_2048',
        exportable: o.exportable,
        dnsProviderId,
        validations,
        state: stateNow,
        history: [{ at: at(), state: stateNow, note: 'requested' }],
      })
    },
    requestPrivate: async (o) => {
      calls.requestedPrivate.push(o)
      if (!authorities.some((a) => a.arn === o.caArn && a.status === 'ACTIVE'))
        throw new CertDeckError('CA_NOT_FOUND', `No ACTIVE private CA ${o.caArn}.`)
      const base = newRequest('private', o)
      return issue(
        add({
          ...base,
          caArn: o.caArn,
          keyAlgorithm: o.keyAlgorithm,
          validations: [],
          state: 'PENDING_VALIDATION',
          history: [],
        }),
      )
    },
    authorities: async (name) => {
      credentialOf(name)
      return authorities.filter((a) => a.status === 'ACTIVE')
    },
    refresh: async (ref) => {
      calls.refreshed.push(ref)
      const chosen = ref ? [find(ref)] : state.requests.filter((r) => UNFINISHED.includes(r.state))
      const done: CertificateRequest[] = []
      for (const request of chosen) {
        const validated =
          request.purpose === 'renewal' ||
          (request.validations.length > 0 && request.validations.every((v) => v.status === 'SUCCESS'))
        done.push(UNFINISHED.includes(request.state) && validated ? await issue(request) : find(request.id))
      }
      return done
    },
    deployChallenge: async (ref, o = {}) => {
      calls.challenges.push({ ref, dnsProvider: o.dnsProvider })
      const request = find(ref)
      const providerRef = o.dnsProvider ?? request.dnsProviderId
      const provider = state.dnsProviders.find((d) => d.name === providerRef || d.id === providerRef)
      if (!provider)
        throw new CertDeckError(
          'DNS_PROVIDER_REQUIRED',
          `No DNS provider for ${request.domain}: choose one, or create the records by hand (Sync records).`,
        )
      const zones = zonesOf(provider.name)
      for (const zone of zones)
        o.onEvent?.({
          type: 'zone',
          zone: zone.name,
          records: request.validations.filter((v) => covers(zone, v.domain)).length,
        } satisfies ChallengeEvent)
      for (const zone of zones) o.onEvent?.({ type: 'written', zone: zone.name, changeId: `C${zone.id}` })
      await options.challengeGate
      if (o.signal?.aborted) throw new CertDeckError('ABORTED', 'Cancelled.')
      for (const zone of zones) o.onEvent?.({ type: 'in-sync', zone: zone.name })
      save(request, 'PENDING_VALIDATION', `records written by ${provider.name}`, {
        validations: request.validations.map((v) => ({ ...v, status: 'SUCCESS' })),
      })
      return issue(find(ref))
    },
    records: async (ref) => {
      const seen = new Map<string, ValidationRecord>()
      for (const v of find(ref).validations) if (v.record) seen.set(v.record.name, v.record)
      return [...seen.values()]
    },
    resendEmail: async (ref, o = {}) => {
      calls.resent.push(ref)
      const request = find(ref)
      if (request.validationMethod !== 'EMAIL')
        throw new CertDeckError(
          'NOT_EMAIL_VALIDATED',
          `${request.domain} is validated by DNS: there is no email to resend.`,
        )
      return {
        emails: request.validations.filter((v) => !o.domain || v.domain === o.domain).flatMap((v) => v.emails ?? []),
      }
    },
  }

  const lifecycle: LifecycleApi = {
    renew: async (ref) => {
      calls.renewed.push(ref)
      const record = cloudOf(ref)
      if (record.kind !== 'PRIVATE')
        throw new CertDeckError(
          'RENEW_NOT_PRIVATE',
          `${record.domain} is not a private certificate: ACM renews Amazon-issued ones by itself.`,
        )
      const base = newRequest('private', {
        credential: record.credentialId,
        region: record.region,
        domain: record.domain,
        sans: record.sans,
      })
      return add({
        ...base,
        arn: record.arn,
        purpose: 'renewal',
        validations: [],
        state: 'PENDING_VALIDATION',
        history: [{ at: at(), state: 'PENDING_VALIDATION', note: 'renewal requested' }],
      })
    },
    revoke: async (ref, reason) => {
      calls.revoked.push({ ref, reason })
      const record = cloudOf(ref)
      if (record.kind !== 'PRIVATE' && record.exportOption !== 'ENABLED')
        throw new CertDeckError('REVOKE_NOT_ALLOWED', `${record.domain} can be revoked only when private or exported.`)
      state.cloud = state.cloud.map((c) => (c.arn === record.arn ? { ...c, status: 'REVOKED' } : c))
      // As core does: the linked entry is tagged revoked and leaves the active views.
      state.certificates = state.certificates.map((c) =>
        c.id === record.certificateId ? { ...c, tags: { ...c.tags, 'certdeck:revoked': `2026-06-01 ${reason}` } } : c,
      )
    },
    retrieveKey: async (ref) => {
      calls.retrieved.push(ref)
      const record = cloudOf(ref)
      const cert = state.certificates.find((c) => c.id === record.certificateId)
      if (!cert) throw new CertDeckError('NOT_FOUND', `${record.domain} is not in the repository yet.`)
      const withKey = {
        ...cert,
        privateKey: { sealed: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' },
      } as Certificate
      state.certificates = state.certificates.map((c) => (c.id === cert.id ? withKey : c))
      return withKey
    },
    delete: async (ref) => {
      calls.lifecycleDeleted.push(ref)
      const record = cloudOf(ref)
      state.cloud = state.cloud.filter((c) => c.arn !== record.arn)
      state.certificates = state.certificates.filter((c) => c.id !== ref)
    },
  }

  const providerOf = (name: string) => {
    const found = state.dnsProviders.find((d) => d.name === name || d.id === name)
    if (!found)
      throw new CertDeckError(
        'DNS_PROVIDER_UNKNOWN',
        `No DNS provider ${name}. Known: ${state.dnsProviders.map((d) => d.name).join(', ') || 'none'}.`,
      )
    return found
  }
  const dns: DnsApi = {
    providers: async () => [...state.dnsProviders],
    types: () => dnsTypes,
    add: async (o) => {
      calls.dnsAdded.push(o)
      const type = dnsTypes.find((t) => t.id === o.type)
      if (!type)
        throw new CertDeckError(
          'DNS_PROVIDER_TYPE_UNKNOWN',
          `No DNS provider type ${o.type}. Loaded: ${dnsTypes.map((t) => t.id).join(', ')}.`,
        )
      if (!o.name.trim()) throw new CertDeckError('DNS_PROVIDER_NAME', 'Give the DNS provider a name.')
      if (state.dnsProviders.some((d) => d.name === o.name))
        throw new CertDeckError('DNS_PROVIDER_EXISTS', `A DNS provider named ${o.name} exists already.`)
      const missing = type.settings.filter((s) => s.required && !o.settings?.[s.key])
      if (missing.length > 0)
        throw new CertDeckError('DNS_SETTING_MISSING', `${type.label} needs ${missing.map((s) => s.key).join(', ')}.`)
      if (type.credential === 'required' && !o.credential)
        throw new CertDeckError('DNS_CREDENTIAL_REQUIRED', `${type.label} needs an AWS credential.`)
      const config = {
        id: `dns-${state.dnsProviders.length + 1}`,
        providerId: type.id,
        name: o.name,
        settings: { ...o.settings },
        credentialId: o.credential ? credentialOf(o.credential).id : undefined,
      }
      state.dnsProviders = [...state.dnsProviders, config]
      return config
    },
    test: async (name) => ({ zones: zonesOf(providerOf(name).name) }),
    remove: async (name) => {
      const found = providerOf(name)
      state.dnsProviders = state.dnsProviders.filter((d) => d.id !== found.id)
    },
    suggest: async (domains) => {
      const covering = await dns.covering(domains)
      return covering.length === 1 ? covering[0] : undefined
    },
    covering: async (domains) =>
      state.dnsProviders.filter((d) =>
        domains.every((domain) => zonesOf(d.name).some((z) => !z.private && covers(z, domain))),
      ),
  }
  return { calls, requests, lifecycle, dns }
}

/** A request as the service keeps it. */
export function request(id: string, domain: string, extra: Partial<CertificateRequest> = {}): CertificateRequest {
  const validations = [domain, ...(extra.sans ?? [])].map((d) => ({
    domain: d,
    validationDomain: d.replace(/^\*\./, ''),
    status: 'PENDING_VALIDATION',
    record: validationRecord(d),
  }))
  return {
    id,
    kind: 'public',
    credentialId: 'cred-prod',
    region: 'us-east-1',
    arn: `arn:aws:acm:us-east-1:111122223333:certificate/${id}`,
    domain,
    sans: [],
    validationMethod: 'DNS',
    state: 'SYNC_RECORDS',
    validations,
    history: [{ at: at(), state: 'SYNC_RECORDS', note: 'requested' }],
    createdAt: at(),
    updatedAt: at(),
    ...extra,
  }
}

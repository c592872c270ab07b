import { inject, injectable } from 'tsyringe'
import type { AddCredentialOptions, CredentialsApi } from './api.js'
import type { Credential } from '../../domain/credential.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { CloudProvider, CloudSession, ResolvedCredential } from '../../plugins/cloud-provider.js'
import { audited } from '../../audit/audited.js'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Config } from '../../ports/config.js'
import { Plugins } from '../../ports/plugins.js'
import { Store } from '../../ports/store.js'
import { Vault } from '../../ports/vault.js'
import { credentialBinding } from '../../vault/seal-bindings.js'
import { newId } from '../certificates/index.js'
import { FINAL_STATES } from '../../domain/certificate-request.js'
import { checkCredentialOptions, checkEndpoint } from './credential-rules.js'
import { checkRegion } from './regions.js'
import { markDefault } from './default-credential.js'

/** The cloud provider credentials belong to. */
export const AWS_PROVIDER_ID = 'aws'

/** An open session of one credential, with the provider that made it. */
export interface OpenSession {
  readonly credential: Credential
  readonly provider: CloudProvider
  readonly session: CloudSession
}

/** The credential without its sealed fields: what leaves the service. */
function publicView(credential: Credential): Credential {
  const { secretAccessKey: _secret, sessionToken: _token, ...rest } = credential
  return rest
}

/**
 * AWS credentials: added with their secret sealed by the vault, listed without secrets, tested
 * with one cheap call, removed unless something still uses them. Also opens cloud sessions for
 * the discovery and deployment services.
 */
@injectable()
export class CredentialService implements CredentialsApi {
  constructor(
    @inject(Store) private readonly store: Store,
    @inject(Vault) private readonly vault: Vault,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
    @inject(Plugins) private readonly plugins: Plugins,
    @inject(Config) private readonly config: Config,
  ) {}

  async add(options: AddCredentialOptions): Promise<Credential> {
    checkCredentialOptions(options)
    if (options.defaultRegion)
      checkRegion(options.defaultRegion, this.plugins.cloudProvider(AWS_PROVIDER_ID)?.regions ?? [], options)
    return audited(this.audit, { action: 'credential.add', target: options.name }, (recorder) =>
      this.store.update(
        (data) => {
          if (data.credentials.some((c) => c.name === options.name)) {
            throw new CertDeckError(
              'CREDENTIAL_EXISTS',
              `A credential named "${options.name}" already exists. Choose another name, or remove it ` +
                `first (certdeck credentials remove ${options.name}).`,
            )
          }
          const source = options.source === undefined ? undefined : findIn(data, options.source)
          const id = newId(data.credentials.map((c) => c.id))
          const created: Credential = {
            id,
            name: options.name,
            kind: options.kind,
            ...(options.accessKeyId ? { accessKeyId: options.accessKeyId } : {}),
            ...(options.secretAccessKey
              ? { secretAccessKey: this.vault.seal(options.secretAccessKey, credentialBinding('secretAccessKey', id)) }
              : {}),
            ...(options.sessionToken
              ? { sessionToken: this.vault.seal(options.sessionToken, credentialBinding('sessionToken', id)) }
              : {}),
            ...(options.profile ? { profile: options.profile } : {}),
            ...(options.roleArn ? { roleArn: options.roleArn } : {}),
            ...(options.externalId ? { externalId: options.externalId } : {}),
            ...(source ? { sourceCredentialId: source.id } : {}),
            ...(options.endpoint ? { endpoint: options.endpoint } : {}),
            ...(options.defaultRegion ? { defaultRegion: options.defaultRegion } : {}),
            createdAt: this.clock.now().toISOString(),
          }
          data.credentials.push(created)
          return publicView(created)
        },
        recorder.onCommit((credential: Credential) => ({ detail: credential.kind })),
      ),
    )
  }

  async list(): Promise<Credential[]> {
    const data = await this.store.read()
    return data.credentials.map(publicView).sort((a, b) => a.name.localeCompare(b.name))
  }

  async test(name: string): Promise<{ accountId?: string }> {
    const { credential, session } = await this.open(name)
    try {
      const result = await session.test(credential.defaultRegion ?? 'us-east-1')
      if (result.accountId && result.accountId !== credential.accountId)
        await this.learnAccount(credential.id, result.accountId)
      return result
    } finally {
      session.close?.()
    }
  }

  async remove(name: string): Promise<void> {
    await audited(this.audit, { action: 'credential.remove', target: name }, (recorder) =>
      this.store.update((data) => {
        const credential = findIn(data, name)
        const deployments = data.deployments.filter((d) => d.credentialId === credential.id)
        if (deployments.length > 0) {
          const shown = deployments
            .slice(0, 3)
            .map((d) => `${d.id} (${d.certificateId} in ${d.region})`)
            .join(', ')
          throw new CertDeckError(
            'CREDENTIAL_IN_USE',
            `Credential "${name}" is used by ${deployments.length} deployment(s): ` +
              `${shown}${deployments.length > 3 ? ', …' : ''}. ` +
              'Forget them first with `certdeck deployments remove ID` (the copies in ACM stay), then ' +
              'remove the credential.',
          )
        }
        const dnsProviders = data.dnsProviders.filter((p) => p.credentialId === credential.id)
        if (dnsProviders.length > 0) {
          throw new CertDeckError(
            'CREDENTIAL_IN_USE',
            `Credential "${name}" is used by DNS provider(s) ` +
              `${dnsProviders.map((p) => `"${p.name}"`).join(', ')}. Remove them first (certdeck dns remove ` +
              `NAME).`,
          )
        }
        const open = data.requests.filter((r) => r.credentialId === credential.id && !FINAL_STATES.has(r.state))
        if (open.length > 0) {
          throw new CertDeckError(
            'CREDENTIAL_IN_USE',
            `Credential "${name}" is used by ${open.length} unfinished request(s): ${open
              .slice(0, 3)
              .map((r) => `${r.id} (${r.domain}, ${r.state})`)
              .join(', ')}${open.length > 3 ? ', …' : ''}. ` +
              'Let them finish (certdeck requests refresh), or forget them with `certdeck delete ARN` (ACM ' +
              'keeps the certificate), then remove the credential.',
          )
        }
        const dependants = data.credentials.filter((c) => c.sourceCredentialId === credential.id)
        if (dependants.length > 0) {
          throw new CertDeckError(
            'CREDENTIAL_IN_USE',
            `Credential "${name}" is the source of ${dependants.map((c) => `"${c.name}"`).join(', ')}. ` +
              `Remove those assume-role credentials first.`,
          )
        }
        data.credentials = data.credentials.filter((c) => c.id !== credential.id)
        data.cloudCertificates = data.cloudCertificates.filter((c) => c.credentialId !== credential.id)
        data.regionScans = data.regionScans.filter((s) => s.credentialId !== credential.id)
      }, recorder.onCommit()),
    )
  }

  async use(name: string): Promise<Credential> {
    return audited(this.audit, { action: 'credential.use', target: name }, (recorder) =>
      this.store.update((data) => {
        const chosen = findIn(data, name)
        data.credentials = markDefault(data.credentials, chosen.id)
        return publicView({ ...chosen, isDefault: true })
      }, recorder.onCommit()),
    )
  }

  /** A credential by name or id, without secrets; a clear error when there is none. */
  async get(ref: string): Promise<Credential> {
    return publicView(findIn(await this.store.read(), ref))
  }

  /** Opens a session of a credential (by name or id) with the AWS provider. No network I/O. */
  async open(ref: string): Promise<OpenSession> {
    const data = await this.store.read()
    const credential = findIn(data, ref)
    const provider = this.plugins.cloudProvider(AWS_PROVIDER_ID)
    if (!provider) {
      throw new CertDeckError(
        'NO_CLOUD_PROVIDER',
        'No AWS support is loaded: add the @certdeck/plugin-acm plugin (the certdeck CLI loads it by itself).',
        { kind: 'failure' },
      )
    }
    const timeouts = this.config.timeouts
    const session = provider.connect(this.resolve(data, credential, new Set()), timeouts ? { timeouts } : {})
    return { credential: publicView(credential), provider, session }
  }

  /**
   * SECRET MATERIAL: a credential (by name or id) with its secrets opened by the vault, for a DNS
   * provider that uses AWS. Hand it to the provider only; never print, log or audit it.
   */
  async resolved(ref: string): Promise<ResolvedCredential> {
    const data = await this.store.read()
    return this.resolve(data, findIn(data, ref), new Set())
  }

  /** Runs `run` with an open session of a credential (by name or id) and closes it after. */
  async withSession<T>(ref: string, run: (session: CloudSession) => Promise<T>): Promise<T> {
    const { session } = await this.open(ref)
    try {
      return await run(session)
    } finally {
      session.close?.()
    }
  }

  /** The regions the AWS provider knows (what region names are checked against). */
  knownRegions(): readonly string[] {
    return this.plugins.cloudProvider(AWS_PROVIDER_ID)?.regions ?? []
  }

  /** Records the account id a credential reaches, learned from a call. */
  async learnAccount(credentialId: string, accountId: string): Promise<void> {
    await this.store.update((data) => {
      data.credentials = data.credentials.map((c) => (c.id === credentialId ? { ...c, accountId } : c))
    })
  }

  private resolve(data: StoreData, credential: Credential, seen: Set<string>): ResolvedCredential {
    if (seen.has(credential.id)) {
      throw new CertDeckError(
        'CREDENTIAL_CYCLE',
        `Credential "${credential.name}" assumes a role through itself. Remove it and add it with another --source.`,
      )
    }
    seen.add(credential.id)
    // Repositories from before the rule may hold a plain-http endpoint to another host.
    if (credential.endpoint) checkEndpoint(credential.endpoint, credential.name)
    const sourceCredential = credential.sourceCredentialId
      ? data.credentials.find((c) => c.id === credential.sourceCredentialId)
      : undefined
    if (credential.kind === 'assume-role' && !sourceCredential) {
      throw new CertDeckError(
        'SOURCE_MISSING',
        `The source credential of "${credential.name}" no longer exists. Remove "${credential.name}" and ` +
          `add it again with --source.`,
      )
    }
    return {
      credential: publicView(credential),
      ...(credential.secretAccessKey
        ? {
            secretAccessKey: this.vault
              .open(credential.secretAccessKey, credentialBinding('secretAccessKey', credential.id))
              .toString('utf8'),
          }
        : {}),
      ...(credential.sessionToken
        ? {
            sessionToken: this.vault
              .open(credential.sessionToken, credentialBinding('sessionToken', credential.id))
              .toString('utf8'),
          }
        : {}),
      ...(sourceCredential ? { source: this.resolve(data, sourceCredential, seen) } : {}),
    }
  }
}

/** A credential by name, else by id; `CREDENTIAL_UNKNOWN` naming the known ones. */
export function findIn(data: StoreData, ref: string): Credential {
  const found = data.credentials.find((c) => c.name === ref) ?? data.credentials.find((c) => c.id === ref)
  if (found) return found
  const known = data.credentials.map((c) => c.name)
  const hint = known.length
    ? `Known: ${known.join(', ')}.`
    : 'There are none yet: add one with `certdeck credentials add`.'
  throw new CertDeckError('CREDENTIAL_UNKNOWN', `No credential is named "${ref}". ${hint}`)
}

import { type EndpointGuard, endpointGuard } from '@certdeck/core'
import { ACMClient } from '@aws-sdk/client-acm'
import { IAMClient } from '@aws-sdk/client-iam'
import type { NetworkTimeouts, ResolvedCredential } from '@certdeck/core'
import { identityProvider, type AwsIdentityProvider } from './credentials.js'
import { toCertDeckError } from './errors.js'
import { requestHandlerOf } from './timeouts.js'
import { withoutQuotaRetries } from './retry.js'
import type { RateLimiters } from './rate-limiter.js'

/** An SDK client whose middleware stack takes the endpoint guard. */
type GuardedClient = { readonly middlewareStack: { use(plugin: EndpointGuard): void } }

/** The settings every client of a session shares. */
export interface ClientSettings {
  /** SDK attempts per call, first one included (adaptive retry mode). */
  readonly maxAttempts: number
  /** Time-outs of each attempt. */
  readonly timeouts: Required<NetworkTimeouts>
}

/**
 * What the stores of one session share: the credential, its SDK clients (created lazily, one per
 * region, then reused) and the plugin's rate limiters. `call` is the single edge where a
 * request waits for its quota and where SDK errors become CertDeck errors.
 */
export class AwsContext {
  private readonly acmClients = new Map<string, ACMClient>()
  private readonly otherClients = new Map<string, { destroy(): void }>()
  private iamClient: IAMClient | undefined
  private provider: AwsIdentityProvider | undefined

  constructor(
    readonly resolved: ResolvedCredential,
    private readonly limiters: RateLimiters,
    readonly settings: ClientSettings,
  ) {}

  /** The credential's name, for messages. */
  get name(): string {
    return this.resolved.credential.name
  }

  /** The ACM client of a region. */
  acm(region: string): ACMClient {
    let client = this.acmClients.get(region)
    if (!client) {
      client = this.guarded('ACM', withoutQuotaRetries(new ACMClient(this.clientConfig(region))))
      this.acmClients.set(region, client)
    }
    return client
  }

  /**
   * The client of another service in `region`, made once by `make` from this session's client
   * settings (services whose SDK loads on demand, such as ACM Private CA).
   */
  client<T extends { readonly config: object; destroy(): void }>(
    service: string,
    region: string,
    make: (config: ReturnType<AwsContext['clientConfig']>) => T,
  ): T {
    const key = `${service}\u0000${region}`
    let client = this.otherClients.get(key) as T | undefined
    if (!client) {
      client = withoutQuotaRetries(make(this.clientConfig(region)))
      this.guarded(service.toUpperCase().replace(/-/g, '_'), client as unknown as GuardedClient)
      this.otherClients.set(key, client)
    }
    return client
  }

  /** The IAM client (IAM is global; its calls are signed for us-east-1). */
  iam(): IAMClient {
    this.iamClient ??= this.guarded('IAM', withoutQuotaRetries(new IAMClient(this.clientConfig('us-east-1'))))
    return this.iamClient
  }

  /**
   * Waits for the quota of `operation` in `region` (IAM: `global`), runs `send`, and converts
   * any SDK error at this edge. ACM Private CA operations have their own quotas, named
   * `acm-pca:<Operation>`.
   */
  async call<T>(
    service: 'ACM' | 'ACM-PCA' | 'IAM',
    region: string,
    operation: string,
    send: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const { accountId, id } = this.resolved.credential
    try {
      await this.limiters
        .bucket(accountId ?? id, region, service === 'ACM-PCA' ? `acm-pca:${operation}` : operation, id)
        .take(signal)
      return await send()
    } catch (error) {
      throw toCertDeckError(error, {
        service,
        operation,
        region,
        credential: this.name,
        ...(this.resolved.credential.endpoint ? { endpoint: this.resolved.credential.endpoint } : {}),
        timeouts: this.settings.timeouts,
      })
    }
  }

  /**
   * Applies the endpoint rule to every request of `client` (`service` as in
   * `AWS_ENDPOINT_URL_<SERVICE>`), whatever set its endpoint. Returns the client.
   */
  guarded<C extends GuardedClient>(service: string, client: C): C {
    client.middlewareStack.use(endpointGuard(service, this.resolved.credential))
    return client
  }

  /** Closes every client's connections. */
  close(): void {
    for (const client of this.acmClients.values()) client.destroy()
    this.acmClients.clear()
    for (const client of this.otherClients.values()) client.destroy()
    this.otherClients.clear()
    this.iamClient?.destroy()
    this.iamClient = undefined
  }

  /** The settings of an SDK client of this session in `region`: credentials, retries, time-outs, endpoint. */
  clientConfig(region: string) {
    // The provider is built on first use so that a credential that cannot load (a missing
    // profile) fails inside a call, where the error is converted, and not at connect.
    const credentials = async () => {
      this.provider ??= identityProvider(this.resolved, this.settings.timeouts)
      return this.provider()
    }
    const endpoint = this.resolved.credential.endpoint
    return {
      region,
      credentials,
      retryMode: 'adaptive',
      maxAttempts: this.settings.maxAttempts,
      requestHandler: requestHandlerOf(this.settings.timeouts),
      // No override: the SDK itself honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
      ...(endpoint ? { endpoint } : {}),
    }
  }
}

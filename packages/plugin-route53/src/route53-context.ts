import { Route53Client } from '@aws-sdk/client-route-53'
import {
  boundedHttpHandler,
  type NetworkTimeouts,
  type ResolvedCredential,
  type TokenBucket,
  endpointGuard,
} from '@certdeck/core'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { identityProvider, type AwsIdentityProvider } from './credentials.js'
import { toCertDeckError } from './errors.js'

/** What one configured Route 53 provider is built from. */
export interface Route53Settings {
  /** The configured provider's name, for messages. */
  readonly provider: string
  readonly credential: ResolvedCredential
  /** The account-wide limiter of the credential's account (5 requests/s). */
  readonly limiter: TokenBucket
  /** SDK attempts per call, first one included (adaptive retry mode). */
  readonly maxAttempts: number
  /** Time-outs of each attempt. */
  readonly timeouts: Required<NetworkTimeouts>
}

/**
 * The SDK request handler of the time-outs: Node's handler with its connect and idle time-outs
 * (without `throwOnRequestTimeout` it only warns), bounded so that each attempt ends `requestMs`
 * after it started whatever the endpoint does, and answers over 32 MiB are cut off.
 */
export function requestHandlerOf(timeouts: Required<NetworkTimeouts>) {
  return boundedHttpHandler(
    new NodeHttpHandler({
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    }),
    { attemptMs: timeouts.requestMs },
  )
}

/**
 * The one edge where a Route 53 call waits for the account's quota, runs with the SDK client of
 * the credential, and where SDK errors become CertDeck errors. The client is created on first use.
 */
export class Route53Context {
  private client: Route53Client | undefined
  private provider: AwsIdentityProvider | undefined

  constructor(private readonly settings: Route53Settings) {}

  /** Waits for a token, sends, converts errors. `target` (a zone or change id) goes into messages. */
  async call<T>(
    operation: string,
    send: (client: Route53Client) => Promise<T>,
    options: { readonly target?: string; readonly signal?: AbortSignal } = {},
  ): Promise<T> {
    const { credential } = this.settings.credential
    try {
      await this.settings.limiter.take(options.signal)
      return await send(this.route53())
    } catch (error) {
      throw toCertDeckError(error, {
        operation,
        provider: this.settings.provider,
        credential: credential.name,
        ...(options.target ? { target: options.target } : {}),
        ...(credential.endpoint ? { endpoint: credential.endpoint } : {}),
        timeouts: this.settings.timeouts,
      })
    }
  }

  private route53(): Route53Client {
    if (this.client) return this.client
    const { credential } = this.settings.credential
    // Built on first use so that a credential that cannot load fails inside a call, converted.
    const credentials = async () => {
      this.provider ??= identityProvider(this.settings.credential, requestHandlerOf(this.settings.timeouts))
      return this.provider()
    }
    this.client = new Route53Client({
      // Route 53 is global; its calls are signed for us-east-1.
      region: 'us-east-1',
      credentials,
      // Throttling and PriorRequestNotComplete are throttling errors to the SDK: retried with backoff.
      retryMode: 'adaptive',
      maxAttempts: this.settings.maxAttempts,
      requestHandler: requestHandlerOf(this.settings.timeouts),
      // No override: the SDK itself honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_ROUTE_53.
      ...(credential.endpoint ? { endpoint: credential.endpoint } : {}),
    })
    this.client.middlewareStack.use(endpointGuard('ROUTE_53', credential))
    return this.client
  }
}

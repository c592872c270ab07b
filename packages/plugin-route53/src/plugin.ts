import {
  CertDeckError,
  TokenBucket,
  type CertDeckPlugin,
  type NetworkTimeouts,
  type ResolvedCredential,
} from '@certdeck/core'
import { lazyRoute53Provider } from './lazy-provider.js'

/** Options of {@link route53}. */
export interface Route53Options {
  /** SDK attempts per call, the first included (adaptive retry mode). @default 6 */
  readonly maxAttempts?: number
  /** Requests per second to Route 53 per AWS account, across every provider of the plugin. @default 5 */
  readonly requestsPerSecond?: number
  /** How long `waitForSync` polls GetChange before giving up. @default 300_000 (5 minutes) */
  readonly syncTimeoutMs?: number
  /** The first pause between two GetChange polls; it doubles up to 10 s. @default 1000 */
  readonly syncIntervalMs?: number
  /** Time-outs of every SDK call, per attempt. @default { connectMs: 5000, requestMs: 30000 } */
  readonly timeouts?: NetworkTimeouts
}

/** The account the limiter counts against: its id when known, else whatever names it best. */
function accountKey({ credential }: ResolvedCredential): string {
  return (
    credential.accountId ??
    credential.accessKeyId ??
    credential.roleArn ??
    (credential.profile ? `profile:${credential.profile}` : credential.id)
  )
}

/**
 * The Route 53 plugin: a DNS provider type `route53` writing ACM validation records into hosted
 * zones with the AWS SDK v3. Its credential may reach another AWS account than the ACM one. All
 * providers of one plugin instance share one limiter per account (Route 53 allows 5 requests/s
 * per account, across all operations).
 */
export default function route53(options: Route53Options = {}): CertDeckPlugin {
  const rate = options.requestsPerSecond ?? 5
  const limiters = new Map<string, TokenBucket>()
  // Evenly spaced at 90 % of the quota, no burst: AWS's bucket counts a request when it arrives,
  // and a request held up on its way (a first connection) must not arrive together with the next.
  const limiter = (key: string) => {
    let bucket = limiters.get(key)
    if (!bucket) {
      bucket = new TokenBucket(rate * 0.9, 1)
      limiters.set(key, bucket)
    }
    return bucket
  }
  const polling = {
    timeoutMs: options.syncTimeoutMs ?? 300_000,
    intervalMs: options.syncIntervalMs ?? 1000,
    maxIntervalMs: 10_000,
  }
  return {
    name: 'certdeck:route53',
    register(registry) {
      registry.dnsProvider({
        id: 'route53',
        label: 'Amazon Route 53',
        credential: 'required',
        settings: [
          {
            key: 'zoneId',
            description: 'a hosted zone id to use instead of detecting the zone (e.g. Z0123456789ABCDEFGHIJ)',
          },
        ],
        // Stored as Route 53 lists zones (and as core compares them): without `/hostedzone/`.
        normalize: (settings) =>
          settings.zoneId
            ? { ...settings, zoneId: settings.zoneId.trim().replace(/^\/?hostedzone\//, '') }
            : { ...settings },
        create(instance) {
          if (!instance.credential) {
            throw new CertDeckError(
              'DNS_PROVIDER_CREDENTIAL',
              `DNS provider "${instance.name}" (Route 53) needs an AWS credential: add it again with ` +
                `--credential NAME.`,
            )
          }
          const zoneId = instance.settings.zoneId?.trim()
          return lazyRoute53Provider({
            provider: instance.name,
            credential: instance.credential,
            limiter: limiter(accountKey(instance.credential)),
            maxAttempts: options.maxAttempts ?? 6,
            timeouts: { connectMs: 5_000, requestMs: 30_000, ...options.timeouts },
            polling,
            ...(zoneId ? { zoneId } : {}),
          })
        },
      })
    },
  }
}

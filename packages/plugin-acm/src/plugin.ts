import type { CertDeckPlugin, NetworkTimeouts } from '@certdeck/core'
import { lazyAwsSession } from './lazy-session.js'
import { ACM_FALLBACK_QUOTA, ACM_QUOTAS, IAM_QUOTAS, PCA_QUOTAS } from './quotas.js'
import { RateLimiters, type Quota } from './rate-limiter.js'
import { ACM_REGIONS } from './regions.js'

/** Options of {@link acm}. */
export interface AcmOptions {
  /** Regions discovery scans when the config names none. @default ACM_REGIONS */
  readonly regions?: readonly string[]
  /** SDK attempts per call, the first included (adaptive retry mode). @default 6 */
  readonly maxAttempts?: number
  /** Per-operation quotas replacing AWS's defaults (e.g. for an account with raised quotas). */
  readonly quotas?: Readonly<Record<string, Quota>>
  /**
   * Time-outs of every SDK call, per attempt; `timeouts` in config.json wins over these.
   * @default { connectMs: 5000, requestMs: 30000 }
   */
  readonly timeouts?: NetworkTimeouts
}

/** Time-outs of an SDK call when neither config.json nor the plugin options set them. */
export const DEFAULT_TIMEOUTS: Required<NetworkTimeouts> = { connectMs: 5_000, requestMs: 30_000 }

/**
 * The AWS plugin: a cloud provider `aws` whose sessions hold ACM (every region; list, get,
 * import, re-import, tags) and IAM server certificates (global; list, get). Each session creates
 * its SDK clients lazily, one per region, with adaptive retries; calls wait on one token bucket
 * per (account, region, operation) at AWS's published quotas. Every call has connection and
 * request time-outs.
 */
export default function acm(options: AcmOptions = {}): CertDeckPlugin {
  const limiters = new RateLimiters(
    { ...ACM_QUOTAS, ...PCA_QUOTAS, ...IAM_QUOTAS, ...options.quotas },
    ACM_FALLBACK_QUOTA,
  )
  const base = { maxAttempts: options.maxAttempts ?? 6, timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts } }
  return {
    name: 'certdeck:acm',
    register(registry) {
      registry.cloudProvider({
        id: 'aws',
        regions: options.regions ?? ACM_REGIONS,
        connect: (credential, connectOptions) =>
          lazyAwsSession(credential, limiters, {
            ...base,
            timeouts: { ...base.timeouts, ...connectOptions?.timeouts },
          }),
      })
    },
  }
}

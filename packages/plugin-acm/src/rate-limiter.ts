import { type LimiterClock, realLimiterClock, TokenBucket } from '@certdeck/core'

export { type LimiterClock, realLimiterClock, TokenBucket }

/** Requests per second and burst of one operation. */
export interface Quota {
  readonly rate: number
  /** @default the rate, rounded down, at least 1 */
  readonly burst?: number
}

/**
 * One {@link TokenBucket} per (account, region, operation), created on first use. Shared by
 * every session of a plugin instance, so two credentials of one account share its quotas.
 * Buckets run at `headroom` × the quota: AWS's own bucket starts its clock when a request
 * arrives, not when it leaves here, so a client at exactly the quota gets throttled now and then.
 */
export class RateLimiters {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly quotas: Readonly<Record<string, Quota>>,
    private readonly fallback: Quota,
    private readonly clock: LimiterClock = realLimiterClock,
    private readonly headroom = 0.9,
  ) {}

  /** The bucket of one operation of one account in one region. */
  bucket(account: string, region: string, operation: string): TokenBucket {
    const key = `${account}\u0000${region}\u0000${operation}`
    let bucket = this.buckets.get(key)
    if (!bucket) {
      const quota = this.quotas[operation] ?? this.fallback
      bucket = new TokenBucket(
        quota.rate * this.headroom,
        quota.burst ?? Math.max(1, Math.floor(quota.rate)),
        this.clock,
      )
      this.buckets.set(key, bucket)
    }
    return bucket
  }
}

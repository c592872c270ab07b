import { type LimiterClock, realLimiterClock, TokenBucket } from '@certdeck/core'

export { type LimiterClock, realLimiterClock, TokenBucket }

/** Requests per second and burst of one operation. */
export interface Quota {
  readonly rate: number
  /** @default half the rate, rounded down, at least 1 */
  readonly burst?: number
}

/**
 * One {@link TokenBucket} per (account, region, operation), created on first use. Shared by
 * every session of a plugin instance, so two credentials of one account share its quotas.
 * Buckets run at `headroom` × the quota and half its burst: AWS's own bucket counts a request
 * when it gets to it, not when it leaves here, and requests bunch up on the way, so a client at
 * exactly the quota, or bursting to the full capacity, gets throttled now and then.
 */
export class RateLimiters {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly quotas: Readonly<Record<string, Quota>>,
    private readonly fallback: Quota,
    private readonly clock: LimiterClock = realLimiterClock,
    private readonly headroom = 0.9,
  ) {}

  /**
   * The bucket of one operation of one account in one region. `formerly` is what the caller keyed
   * the account by before it was known (the credential's id): that bucket goes on under the
   * account, so the calls made before the account id was learnt still count.
   */
  bucket(account: string, region: string, operation: string, formerly?: string): TokenBucket {
    const keyOf = (owner: string) => `${owner}\u0000${region}\u0000${operation}`
    const key = keyOf(account)
    let bucket = this.buckets.get(key)
    if (!bucket && formerly !== undefined && formerly !== account) {
      bucket = this.buckets.get(keyOf(formerly))
      if (bucket) this.buckets.set(key, bucket)
    }
    if (!bucket) {
      const quota = this.quotas[operation] ?? this.fallback
      bucket = new TokenBucket(
        quota.rate * this.headroom,
        quota.burst ?? Math.max(1, Math.floor(quota.rate / 2)),
        this.clock,
      )
      this.buckets.set(key, bucket)
    }
    return bucket
  }
}

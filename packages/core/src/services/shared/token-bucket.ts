/** Time and sleep, replaceable in tests. */
export interface LimiterClock {
  /** Milliseconds on a monotonic clock. */
  now(): number
  /** Resolves after `ms`, or rejects with the signal's reason when it fires first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock: `performance.now()` and a timer. */
export const realLimiterClock: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const onAbort = () => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, ms)
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}

/**
 * A token bucket of `rate` tokens per second holding at most `burst`, in its virtual-scheduling
 * form (GCRA): each caller reserves the next free slot, so callers are served in arrival order
 * and never more than `burst` at once plus `rate` per second after that. A caller aborted while
 * waiting keeps its slot (the bucket stays on the safe side of the quota).
 */
export class TokenBucket {
  private readonly interval: number
  private readonly tolerance: number
  /** When the bucket is next full again (the theoretical arrival time). */
  private tat = Number.NEGATIVE_INFINITY

  constructor(
    readonly rate: number,
    readonly burst: number = Math.max(1, Math.floor(rate)),
    private readonly clock: LimiterClock = realLimiterClock,
  ) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`rate must be > 0 and burst >= 1 (got ${rate}, ${burst})`)
    this.interval = 1000 / rate
    this.tolerance = (burst - 1) * this.interval
  }

  /** Milliseconds the next caller would wait; 0 when a token is free now. */
  delay(): number {
    const now = this.clock.now()
    const wait = Math.max(this.tat, now) - this.tolerance - now
    return wait > 1e-3 ? wait : 0
  }

  /** Resolves when the caller may make one call. */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted()
    const now = this.clock.now()
    const start = Math.max(this.tat, now)
    const wait = start - this.tolerance - now
    this.tat = start + this.interval
    // Below a microsecond the wait is floating-point noise of the slot arithmetic.
    if (wait > 1e-3) await this.clock.sleep(wait, signal)
  }
}

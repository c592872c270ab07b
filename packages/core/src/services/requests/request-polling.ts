import { setTimeout as sleep } from 'node:timers/promises'

/** How long and how often to poll. */
export interface PollPolicy {
  /** Wait before the second attempt. */
  readonly firstDelayMs: number
  /** Each wait is the previous one times this, up to `maxDelayMs`. */
  readonly factor: number
  readonly maxDelayMs: number
  /** Give up once this much time has passed since the first attempt. */
  readonly totalMs: number
}

/** Validation records appear seconds after a request. */
export const RECORDS_POLL: PollPolicy = { firstDelayMs: 250, factor: 2, maxDelayMs: 4000, totalMs: 30_000 }
/** ACM validates within a minute or two once the CNAME is live. */
export const ISSUANCE_POLL: PollPolicy = { firstDelayMs: 500, factor: 2, maxDelayMs: 10_000, totalMs: 120_000 }

/**
 * Calls `attempt` until `done` holds for its result or the policy's time is up, waiting with
 * exponential backoff between calls; returns the last result. Honours `signal` (rejects with its
 * reason, also in the middle of a wait).
 */
export async function pollUntil<T>(
  attempt: () => Promise<T>,
  done: (result: T) => boolean,
  policy: PollPolicy,
  signal?: AbortSignal,
): Promise<{ readonly result: T; readonly done: boolean }> {
  const start = Date.now()
  let delay = policy.firstDelayMs
  for (;;) {
    signal?.throwIfAborted()
    const result = await attempt()
    if (done(result)) return { result, done: true }
    const left = policy.totalMs - (Date.now() - start)
    if (left <= 0) return { result, done: false }
    await sleep(Math.min(delay, left), undefined, signal ? { signal } : undefined)
    delay = Math.min(delay * policy.factor, policy.maxDelayMs)
  }
}

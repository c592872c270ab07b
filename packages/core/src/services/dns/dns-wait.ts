import { CertDeckError } from '../../errors.js'

/** How long core waits for a provider's change to be in sync, at most. @default 10 minutes */
export const DNS_SYNC_TIMEOUT_MS = 10 * 60_000

/**
 * Runs `wait` (a provider's `waitForSync`) with a time-out: past `timeoutMs` it is aborted and
 * the caller gets `DNS_SYNC_TIMEOUT`, which says the records were written and the wait can be
 * retried. The caller's own `signal` aborts it as well (rejecting with the signal's reason).
 */
export async function waitWithTimeout(
  wait: (signal: AbortSignal) => Promise<void>,
  what: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted()
  const timeout = AbortSignal.timeout(timeoutMs)
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
  let timer: NodeJS.Timeout | undefined
  let fire: () => void = () => undefined
  // A provider that ignores its signal must not hold the caller past the time-out.
  const deadline = new Promise<never>((_, reject) => {
    fire = () => reject(signal?.aborted ? signal.reason : timeout.reason)
    combined.addEventListener('abort', fire, { once: true })
    timer = setTimeout(fire, timeoutMs + 50)
  })
  deadline.catch(() => undefined)
  try {
    await Promise.race([wait(combined), deadline])
  } catch (error) {
    if (timeout.aborted && !signal?.aborted) {
      throw new CertDeckError(
        'DNS_SYNC_TIMEOUT',
        `${what} was written but not reported in sync within ` +
          `${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}. ` +
          'The records stay in place; deploy the challenge again later to resume the wait.',
        { kind: 'failure', cause: error },
      )
    }
    throw error
  } finally {
    clearTimeout(timer)
    combined.removeEventListener('abort', fire)
  }
}

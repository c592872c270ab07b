import lockfile from 'proper-lockfile'
import { CertDeckError } from '../errors.js'

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /**
   * A lock not refreshed for this long belongs to a dead process and is taken over.
   * @default 10000
   */
  readonly staleMs?: number
  /** How many times to retry a held lock (backoff 5–50 ms, randomised). @default 400 */
  readonly retries?: number
}

/**
 * Runs `fn` holding the cross-process lock of `file` (a `<file>.lock` directory kept fresh
 * while held). `assertHeld` throws if the lock was lost meanwhile (a stall longer than the
 * stale time): callers check it right before committing a write.
 */
export async function withFileLock<T>(
  file: string,
  fn: (assertHeld: () => void) => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  let lost: Error | undefined
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(file, {
      lockfilePath: `${file}.lock`,
      realpath: false,
      stale: options.staleMs ?? 10_000,
      retries: { retries: options.retries ?? 400, factor: 1.3, minTimeout: 5, maxTimeout: 50, randomize: true },
      onCompromised: (error) => {
        lost = error
      },
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    throw new CertDeckError(
      'STORE_LOCKED',
      `Another CertDeck process keeps ${file} locked. Wait for it to finish and try again; ` +
        `if no other CertDeck process is running, the lock (${file}.lock) is cleared automatically after a few seconds.`,
      { kind: 'failure', cause: error },
    )
  }
  const assertHeld = () => {
    if (lost) {
      throw new CertDeckError(
        'STORE_LOCK_LOST',
        `The lock on ${file} was lost (this process stalled for too long), so nothing was written. Try again.`,
        { kind: 'failure', cause: lost },
      )
    }
  }
  try {
    return await fn(assertHeld)
  } finally {
    await release().catch(() => undefined)
  }
}

import { isCertDeckError } from '../../errors.js'

/** The first pause after the repository stopped answering; it doubles up to {@link LONGEST_PAUSE_MS}. */
const FIRST_PAUSE_MS = 1000
const LONGEST_PAUSE_MS = 30_000

/** True for the error of a repository that cannot be reached now (a database restarting or down). */
export function isStoreUnreachable(error: unknown): boolean {
  return isCertDeckError(error) && error.code === 'STORE_UNREACHABLE'
}

/**
 * How the watch loop rides out a repository that stopped answering: it says so once, waits
 * with a growing pause between attempts, and says so again once the repository answers.
 */
export class StoreOutage {
  #pauseMs = FIRST_PAUSE_MS
  #since: Date | undefined

  constructor(private readonly notice: ((message: string) => void) | undefined) {}

  /** Records a failed attempt; returns how long to wait before the next one. */
  failed(error: Error, now: Date): number {
    if (!this.#since) {
      this.#since = now
      this.notice?.(`the repository is unreachable (${error.message}); retrying until it answers`)
    }
    const pause = this.#pauseMs
    this.#pauseMs = Math.min(this.#pauseMs * 2, LONGEST_PAUSE_MS)
    return pause
  }

  /** Records an attempt that reached the repository. */
  answered(now: Date): void {
    if (!this.#since) return
    const seconds = Math.round((now.getTime() - this.#since.getTime()) / 1000)
    this.notice?.(`the repository answers again after ${seconds} s; resuming`)
    this.#since = undefined
    this.#pauseMs = FIRST_PAUSE_MS
  }
}

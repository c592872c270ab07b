import type { InjectionToken } from 'tsyringe'
import type { StoreData } from '../domain/store-data.js'

/** Options of {@link Store.update}. */
export interface UpdateOptions<T> {
  /**
   * Runs after the change is committed and before the lock is released (the audit event of
   * the change goes here, so a crash cannot lose it). Its error is re-thrown; the commit stands.
   */
  readonly afterCommit?: (result: T) => Promise<void>
}

/**
 * The repository document on disk. Implementations must:
 * - serialise every `update` across processes (a file lock), re-reading the file first when
 *   another process changed it, so no update is ever lost;
 * - write atomically (temp file + rename): a crash leaves the previous or the new document;
 * - write nothing when `fn` throws.
 */
export interface Store {
  /** Absolute path of the data file, for messages. */
  readonly path: string
  /** The latest committed document. Treat it as read-only. */
  read(): Promise<StoreData>
  /**
   * Read-modify-write under the lock; returns what `fn` returns. `fn` works on a draft: until
   * it is committed, `read` returns the committed document.
   */
  update<T>(fn: (data: StoreData) => T | Promise<T>, options?: UpdateOptions<T>): Promise<T>
}
export const Store = Symbol('Store') as InjectionToken<Store>

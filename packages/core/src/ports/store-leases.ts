/**
 * An optional capability of a {@link Store}: named leases that one process holds at a time
 * across every process that opens the same repository (one active `certdeck watch` per
 * repository). Check for it with {@link hasLeases}; a store without it has no shared leases.
 *
 * Implementations must:
 * - grant a name to at most one holder at a time;
 * - free a lease when its holder dies (a dead process, a closed database session), so another
 *   process can take it over within 30 s;
 * - abort {@link Lease.lost} when the holder learns it no longer holds the lease (the database
 *   connection dropped, the lock was taken over), so the holder stops acting.
 */
export interface StoreLeases {
  /** Takes the lease `name` if it is free; `undefined` when another process holds it. */
  tryAcquireLease(name: string): Promise<Lease | undefined>
}

/** A held lease. */
export interface Lease {
  /** Who holds it, for messages: `user@host pid N`. */
  readonly holder: string
  /** Aborted when the lease is lost. */
  readonly lost: AbortSignal
  /** Frees the lease; safe to call twice. */
  release(): Promise<void>
}

/** Whether `store` offers {@link StoreLeases}. */
export function hasLeases<T extends object>(store: T): store is T & StoreLeases {
  return typeof (store as Partial<StoreLeases>).tryAcquireLease === 'function'
}

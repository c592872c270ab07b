/** What a {@link StoreChanges} listener hears. */
export type StoreChangeEvent =
  /** Another process (or this one) committed a change: read again. */
  | { readonly kind: 'changed' }
  /** The connection that hears changes dropped; the store keeps trying to reconnect. */
  | { readonly kind: 'disconnected'; readonly message: string }
  /** Heard again after a drop: changes made meanwhile may have been missed, so read again. */
  | { readonly kind: 'reconnected' }

/**
 * An optional capability of a {@link Store}: tells an open view, within a second, that another
 * process committed a change, so it can show it without a key press. Check with {@link hasChanges}.
 *
 * Implementations must call every listener after each commit of any process on the repository,
 * report a lost connection and its return, and stop calling a listener once it unsubscribed.
 */
export interface StoreChanges {
  /** Subscribes; returns the function that unsubscribes. */
  onChange(listener: (event: StoreChangeEvent) => void): () => void
}

/** Whether `store` offers {@link StoreChanges}. */
export function hasChanges<T extends object>(store: T): store is T & StoreChanges {
  return typeof (store as Partial<StoreChanges>).onChange === 'function'
}

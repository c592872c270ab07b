import type { Certificate } from '../domain/certificate.js'

/** What {@link StoreQueries.findCertificates} selects: the same filters as `certificates.list()`. */
export interface CertificateQuery {
  /** Case-insensitive substring of the CN, a SAN, the issuer, serial, fingerprint, id or a tag (`key=value`). */
  readonly search?: string
  /** `key` (any value) or `key=value`. */
  readonly tag?: string
  /** Include entries tagged `certdeck:revoked`. @default false */
  readonly includeRevoked?: boolean
  /** Rows to skip, in repository order. @default 0 */
  readonly offset?: number
  /** Rows to return at most. @default all */
  readonly limit?: number
}

/**
 * An optional capability of a {@link Store}: answers certificate listing and search as a query,
 * without loading the whole repository. Check for it with {@link hasQueries}.
 *
 * Implementations must return the committed certificates, in the order `read()` lists them,
 * that the filters of `certificates.list()` keep (they may return a superset: callers apply
 * the same filters again), page by page with `offset` and `limit`.
 */
export interface StoreQueries {
  findCertificates(query: CertificateQuery): Promise<Certificate[]>
  /** True once this process holds the repository in memory (a later `read()` reloads only changes): filtering it there is then cheaper than a query. */
  readonly loaded: boolean
}

/** Whether `store` offers {@link StoreQueries}. */
export function hasQueries<T extends object>(store: T): store is T & StoreQueries {
  return typeof (store as Partial<StoreQueries>).findCertificates === 'function'
}

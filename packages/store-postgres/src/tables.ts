import type { Certificate } from '@certdeck/core'

type Item = Record<string, unknown>

/** A column beside `key, ord, rev, body`, filled from the record. */
export interface Column {
  readonly name: string
  readonly type: 'text' | 'boolean' | 'integer'
  /**
   * The record field this column holds in place of `body`, when the field's value is a string
   * ({@link isHeldValue}; any other value stays in `body` and the column is null). Columns
   * without one are derived.
   */
  readonly field?: string
  value(item: Item): unknown
}

/** Rows of a child table (certificate versions, request history), split out of a record's list field. */
export interface ChildTable {
  readonly table: string
  readonly parent: string
  /** The record's list field the rows come from. */
  readonly field: string
  readonly columns: readonly Column[]
}

/** A table of records: its columns and, for a collection, its child table. */
export interface RecordTable {
  readonly columns: readonly Column[]
  readonly child?: ChildTable
}

/** How one StoreData collection maps to its table. */
export interface TableSpec {
  readonly collection: string
  readonly table: string
  /** The natural key of a record (duplicates get a suffix, see `keyedItems`). */
  key(item: Item): string
  readonly columns: readonly Column[]
  readonly child?: ChildTable
  /**
   * A held field the records often all share (see `shared-values.ts`): while they do, it is kept
   * once for the table instead of in each row.
   */
  readonly sharedField?: string
}

/** True for a value a column holds: a string PostgreSQL text can store (no NUL); any other stays in `body`. */
export function isHeldValue(value: unknown): value is string {
  return typeof value === 'string' && !value.includes('\0')
}

/** A column that holds the record's string field `key`. */
const field = (name: string, key: string): Column => ({
  name,
  type: 'text',
  field: key,
  value: (item) => (isHeldValue(item[key]) ? item[key] : null),
})

const searchText = (item: Item): string => {
  const cert = item as unknown as Certificate
  // The same fields as certificates.list({ search }), lower-cased once here.
  return [
    cert.commonName,
    ...(cert.sans ?? []),
    cert.issuer,
    cert.serial,
    cert.fingerprintSha256,
    cert.id,
    ...Object.entries(cert.tags ?? {}).map(([k, v]) => `${k}=${v}`),
  ]
    .map((part) => String(part ?? '').toLowerCase())
    .join('\u0001')
}

/** The tables of the collections CertDeck knows; any other collection goes to `certdeck_collection_items`. */
export const TABLES: readonly TableSpec[] = [
  {
    collection: 'certificates',
    table: 'certdeck_certificates',
    key: (item) => String(item.id),
    columns: [
      field('fingerprint_sha256', 'fingerprintSha256'),
      field('common_name', 'commonName'),
      field('not_after', 'notAfter'),
      field('origin', 'origin'),
      { name: 'revoked', type: 'boolean', value: (item) => 'certdeck:revoked' in ((item.tags as object) ?? {}) },
      { name: 'search_text', type: 'text', value: searchText },
    ],
    child: {
      table: 'certdeck_certificate_versions',
      parent: 'certificate_key',
      field: 'versions',
      columns: [
        { name: 'version', type: 'integer', value: (v) => v.version },
        field('fingerprint_sha256', 'fingerprintSha256'),
        field('not_after', 'notAfter'),
      ],
    },
  },
  {
    collection: 'pendingKeys',
    table: 'certdeck_pending_keys',
    key: (item) => String(item.id),
    columns: [field('common_name', 'commonName')],
  },
  {
    collection: 'credentials',
    table: 'certdeck_credentials',
    key: (item) => String(item.id),
    columns: [field('name', 'name'), field('kind', 'kind')],
  },
  {
    collection: 'cloudCertificates',
    table: 'certdeck_cloud_certificates',
    key: (item) => String(item.arn ?? ''),
    columns: [
      field('store', 'store'),
      field('region', 'region'),
      field('account_id', 'accountId'),
      field('credential_id', 'credentialId'),
      field('kind', 'kind'),
      field('status', 'status'),
      field('domain', 'domain'),
      field('not_after', 'notAfter'),
      field('certificate_id', 'certificateId'),
      field('last_seen_at', 'lastSeenAt'),
    ],
    // Every record a discovery run lists gets that run's time.
    sharedField: 'lastSeenAt',
  },
  {
    collection: 'regionScans',
    table: 'certdeck_region_scans',
    key: (item) => `${String(item.credentialId)}|${String(item.region)}`,
    columns: [field('credential_id', 'credentialId'), field('region', 'region')],
  },
  {
    collection: 'requests',
    table: 'certdeck_requests',
    key: (item) => String(item.id),
    columns: [
      field('kind', 'kind'),
      field('state', 'state'),
      field('domain', 'domain'),
      field('credential_id', 'credentialId'),
      field('region', 'region'),
      field('arn', 'arn'),
    ],
    child: {
      table: 'certdeck_request_history',
      parent: 'request_key',
      field: 'history',
      columns: [field('at', 'at'), field('state', 'state'), field('note', 'note')],
    },
  },
  {
    collection: 'deployments',
    table: 'certdeck_deployments',
    key: (item) => String(item.id),
    columns: [
      field('certificate_id', 'certificateId'),
      field('credential_id', 'credentialId'),
      field('region', 'region'),
      field('state', 'state'),
      field('arn', 'arn'),
    ],
  },
  {
    collection: 'dnsProviders',
    table: 'certdeck_dns_providers',
    key: (item) => String(item.id),
    columns: [field('provider_id', 'providerId'), field('name', 'name')],
  },
]

/** The table that holds every collection without its own. */
export const GENERIC_TABLE = 'certdeck_collection_items'

/** A generic record's natural key: its `id`, else its `arn`, else its `name`, else its content. */
export function genericKey(item: unknown): string {
  if (item !== null && typeof item === 'object') {
    const record = item as Item
    for (const name of ['id', 'arn', 'name']) {
      if (typeof record[name] === 'string' || typeof record[name] === 'number') return `${name}:${record[name]}`
    }
  }
  return `json:${JSON.stringify(item)}`
}

/** Keys of `items` in order: the natural key, suffixed with `#n` for its n-th duplicate. */
export function keyedItems(items: readonly unknown[], keyOf: (item: Item) => string): string[] {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const natural = keyOf(item as Item)
    const count = (seen.get(natural) ?? 0) + 1
    seen.set(natural, count)
    return count === 1 ? natural : `${natural}#${count}`
  })
}

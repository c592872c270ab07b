/** One forward-only step of the database schema. */
export interface SchemaMigration {
  readonly version: number
  readonly description: string
  readonly sql: string
}

/** Tables whose `body` holds a record. */
const BODY_TABLES = [
  'certdeck_certificates',
  'certdeck_certificate_versions',
  'certdeck_pending_keys',
  'certdeck_credentials',
  'certdeck_cloud_certificates',
  'certdeck_region_scans',
  'certdeck_requests',
  'certdeck_request_history',
  'certdeck_deployments',
  'certdeck_dns_providers',
  'certdeck_collection_items',
]

/**
 * The columns that hold a record field from schema 2 on (column, field): a string field's value
 * lives in its column only; any other value stays in `body` and the column is null.
 */
const HELD_FIELDS_V2: Record<string, [string, string][]> = {
  certdeck_certificates: [
    ['fingerprint_sha256', 'fingerprintSha256'],
    ['common_name', 'commonName'],
    ['not_after', 'notAfter'],
    ['origin', 'origin'],
  ],
  certdeck_certificate_versions: [
    ['fingerprint_sha256', 'fingerprintSha256'],
    ['not_after', 'notAfter'],
  ],
  certdeck_pending_keys: [['common_name', 'commonName']],
  certdeck_credentials: [
    ['name', 'name'],
    ['kind', 'kind'],
  ],
  certdeck_cloud_certificates: [
    ['store', 'store'],
    ['region', 'region'],
    ['account_id', 'accountId'],
    ['credential_id', 'credentialId'],
    ['kind', 'kind'],
    ['status', 'status'],
    ['domain', 'domain'],
    ['not_after', 'notAfter'],
    ['certificate_id', 'certificateId'],
    ['last_seen_at', 'lastSeenAt'],
  ],
  certdeck_region_scans: [
    ['credential_id', 'credentialId'],
    ['region', 'region'],
  ],
  certdeck_requests: [
    ['kind', 'kind'],
    ['state', 'state'],
    ['domain', 'domain'],
    ['credential_id', 'credentialId'],
    ['region', 'region'],
    ['arn', 'arn'],
  ],
  certdeck_request_history: [
    ['at', 'at'],
    ['state', 'state'],
    ['note', 'note'],
  ],
  certdeck_deployments: [
    ['certificate_id', 'certificateId'],
    ['credential_id', 'credentialId'],
    ['region', 'region'],
    ['state', 'state'],
    ['arn', 'arn'],
  ],
  certdeck_dns_providers: [
    ['provider_id', 'providerId'],
    ['name', 'name'],
  ],
}

/** `column` set to the body's `field` when that is a string, else null (schema 1 held any value as text). */
const heldColumn = (column: string, field: string) =>
  `${column} = CASE WHEN json_typeof(body->'${field}') = 'string' THEN body->>'${field}' END`

const COLLECTION_COLUMNS = `
  key text PRIMARY KEY,
  ord double precision NOT NULL,
  rev bigint NOT NULL,
  body jsonb NOT NULL`

/**
 * The schema, in order (`MIGRATIONS[i].version === i + 1`). Each known collection has its own
 * table: the columns queries and joins use are real columns, the record itself (whose shape the
 * domain owns and may widen) is `body`; certificate versions and request history are child
 * tables. `rev` is the repository revision that last wrote a row, so a reader reloads only what
 * changed; deleted keys are kept in `certdeck_tombstones` for the same reason.
 */
export const MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    description: 'tables of every collection, the vault header, tombstones and the audit log',
    sql: `
CREATE TABLE certdeck_repository (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  application text NOT NULL,
  revision bigint NOT NULL DEFAULT 0,
  document_schema integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE certdeck_vault (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  kdf text NOT NULL,
  salt text NOT NULL,
  n integer NOT NULL,
  r integer NOT NULL,
  p integer NOT NULL,
  check_value jsonb NOT NULL
);
CREATE TABLE certdeck_certificates (${COLLECTION_COLUMNS},
  fingerprint_sha256 text,
  common_name text,
  not_after text,
  origin text,
  revoked boolean,
  search_text text
);
CREATE INDEX certdeck_certificates_ord ON certdeck_certificates (ord);
CREATE INDEX certdeck_certificates_rev ON certdeck_certificates (rev);
CREATE INDEX certdeck_certificates_fingerprint ON certdeck_certificates (fingerprint_sha256);
CREATE INDEX certdeck_certificates_not_after ON certdeck_certificates (not_after);
CREATE TABLE certdeck_certificate_versions (
  certificate_key text NOT NULL REFERENCES certdeck_certificates (key) ON DELETE CASCADE,
  position integer NOT NULL,
  version integer,
  fingerprint_sha256 text,
  not_after text,
  body jsonb NOT NULL,
  PRIMARY KEY (certificate_key, position)
);
CREATE TABLE certdeck_pending_keys (${COLLECTION_COLUMNS}, common_name text);
CREATE TABLE certdeck_credentials (${COLLECTION_COLUMNS}, name text, kind text);
CREATE TABLE certdeck_cloud_certificates (${COLLECTION_COLUMNS},
  store text,
  region text,
  account_id text,
  credential_id text,
  status text,
  domain text,
  not_after text,
  certificate_id text
);
CREATE INDEX certdeck_cloud_certificates_rev ON certdeck_cloud_certificates (rev);
CREATE INDEX certdeck_cloud_certificates_slice ON certdeck_cloud_certificates (store, region, credential_id);
CREATE TABLE certdeck_region_scans (${COLLECTION_COLUMNS}, credential_id text, region text);
CREATE TABLE certdeck_requests (${COLLECTION_COLUMNS},
  kind text,
  state text,
  domain text,
  credential_id text,
  region text,
  arn text
);
CREATE TABLE certdeck_request_history (
  request_key text NOT NULL REFERENCES certdeck_requests (key) ON DELETE CASCADE,
  position integer NOT NULL,
  at text,
  state text,
  note text,
  body jsonb NOT NULL,
  PRIMARY KEY (request_key, position)
);
CREATE TABLE certdeck_deployments (${COLLECTION_COLUMNS},
  certificate_id text,
  credential_id text,
  region text,
  state text,
  arn text
);
CREATE TABLE certdeck_dns_providers (${COLLECTION_COLUMNS}, provider_id text, name text);
CREATE TABLE certdeck_collection_items (
  collection text NOT NULL,
  key text NOT NULL,
  ord double precision NOT NULL,
  rev bigint NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (collection, key)
);
CREATE TABLE certdeck_document_fields (name text PRIMARY KEY, rev bigint NOT NULL, body jsonb NOT NULL);
CREATE TABLE certdeck_tombstones (
  collection text NOT NULL,
  key text NOT NULL,
  rev bigint NOT NULL,
  PRIMARY KEY (collection, key)
);
CREATE INDEX certdeck_tombstones_rev ON certdeck_tombstones (rev);
CREATE TABLE certdeck_audit_events (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  os_user text NOT NULL,
  host text NOT NULL,
  database_role text NOT NULL DEFAULT current_user,
  action text NOT NULL,
  target text,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'failed')),
  detail text
);
CREATE FUNCTION certdeck_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'certdeck_audit_events is append-only';
END $$;
CREATE TRIGGER certdeck_audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON certdeck_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION certdeck_audit_append_only();
`,
  },
  {
    version: 2,
    description:
      'record fields held by columns are no longer repeated in body; bodies as json; summarizing revision indexes',
    sql: `
${BODY_TABLES.map((table) => `ALTER TABLE ${table} ALTER COLUMN body TYPE json USING body::json;`).join('\n')}
ALTER TABLE certdeck_cloud_certificates ADD COLUMN kind text, ADD COLUMN last_seen_at text;
${Object.entries(HELD_FIELDS_V2)
  .map(
    ([table, pairs]) => `UPDATE ${table} SET ${pairs.map(([column, field]) => heldColumn(column, field)).join(', ')};`,
  )
  .join('\n')}
DROP INDEX certdeck_cloud_certificates_slice;
DROP INDEX certdeck_cloud_certificates_rev;
DROP INDEX certdeck_certificates_rev;
CREATE INDEX certdeck_cloud_certificates_rev ON certdeck_cloud_certificates USING brin (rev);
CREATE INDEX certdeck_certificates_rev ON certdeck_certificates USING brin (rev);
ALTER TABLE certdeck_cloud_certificates SET (fillfactor = 60);
ALTER TABLE certdeck_certificates SET (fillfactor = 80);
`,
  },
  {
    version: 3,
    description:
      'a held field every record of a table shares is kept once (a re-scan that moves lastSeenAt writes one row)',
    sql: `
CREATE TABLE certdeck_shared_values (
  table_name text NOT NULL,
  column_name text NOT NULL,
  value text NOT NULL,
  shared boolean NOT NULL,
  rev bigint NOT NULL,
  PRIMARY KEY (table_name, column_name)
);
`,
  },
]

/** The newest schema this build knows. */
export const DATABASE_SCHEMA_VERSION = MIGRATIONS.length

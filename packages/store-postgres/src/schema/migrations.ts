/** One forward-only step of the database schema. */
export interface SchemaMigration {
  readonly version: number
  readonly description: string
  readonly sql: string
}

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
]

/** The newest schema this build knows. */
export const DATABASE_SCHEMA_VERSION = MIGRATIONS.length

import { SCHEMA_VERSION, emptyStoreData } from '../domain/store-data.js'

/** One step of the schema: turns a document of version `from` into version `from + 1`. */
export interface Migration {
  readonly from: number
  /** What changes, for the audit log and messages. */
  readonly description: string
  /** Returns the migrated document; may reuse parts of `doc` but must not modify it. */
  migrate(doc: Readonly<Record<string, unknown>>): Record<string, unknown>
}

/**
 * Every migration, in order; `MIGRATIONS[i].from === i`. A build with SCHEMA_VERSION n holds
 * n steps. Version 0 is a document without `schemaVersion` (written by hand or before the
 * schema was versioned): its missing collections start empty.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    description: 'adds the schema version and any missing collection',
    migrate: (doc) => ({ ...emptyStoreData(), ...doc, schemaVersion: 1 }),
  },
  {
    from: 1,
    description:
      'binds every sealed secret to its record (re-sealed with the vault key by openCertDeck, in the ' +
      'update that commits this step)',
    migrate: (doc) => ({ ...doc, schemaVersion: 2 }),
  },
  {
    from: 2,
    description: 'adds the automation collections (notification channels, rules and state, watch settings and runs)',
    migrate: (doc) => ({ ...emptyStoreData(), ...doc, schemaVersion: 3 }),
  },
]

/** The schema version of a parsed document (0 when it has none). */
export function documentVersion(doc: Readonly<Record<string, unknown>>): number {
  const version = doc.schemaVersion
  if (version === undefined) return 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return Number.NaN
  return version
}

/** Applies every step from the document's version up to {@link SCHEMA_VERSION}. */
export function migrateDocument(
  doc: Readonly<Record<string, unknown>>,
  migrations: readonly Migration[] = MIGRATIONS,
): Record<string, unknown> {
  let current: Record<string, unknown> = { ...doc }
  for (let version = documentVersion(doc); version < SCHEMA_VERSION; version++) {
    const step = migrations[version]
    if (!step || step.from !== version) throw new Error(`no migration from schema version ${version}`)
    current = step.migrate(current)
  }
  return current
}

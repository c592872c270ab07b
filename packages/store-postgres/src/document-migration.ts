import { SCHEMA_VERSION, type StoreData, migrateDocument } from '@certdeck/core'

/** A document schema migration: from the repository's version to this build's. */
export interface DocumentMigration {
  readonly from: number
  readonly to: number
}

/** The migration a document of `schemaVersion` needs, or undefined when it is current. */
export function pendingDocumentMigration(schemaVersion: number): DocumentMigration | undefined {
  return schemaVersion < SCHEMA_VERSION ? { from: schemaVersion, to: SCHEMA_VERSION } : undefined
}

/**
 * The draft of an update brought to this build's document schema with the file store's own
 * steps (core's `migrateDocument`): records a step rewrites are new objects, so the update
 * writes them in their new shape; untouched collections keep their lists and are not written.
 */
export function migrateDraft(draft: StoreData): StoreData {
  if (!pendingDocumentMigration(draft.schemaVersion)) return draft
  return migrateDocument(draft as unknown as Record<string, unknown>) as unknown as StoreData
}

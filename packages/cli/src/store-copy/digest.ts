import { createHash } from 'node:crypto'
import type { AuditEvent, StoreData } from '@certdeck/core'

/** JSON with object keys sorted, so a record reads the same whichever store gave it back. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** Count and SHA-256 of one part of a repository. */
export interface PartDigest {
  readonly count: number
  readonly sha256: string
}

/** The digest of every part of a document (each collection, the vault header, any other field) and of its audit log. */
export function digestRepository(data: StoreData, audit: readonly AuditEvent[]): Record<string, PartDigest> {
  const parts: Record<string, PartDigest> = {}
  for (const [name, value] of Object.entries(data).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === 'schemaVersion') continue
    const hash = createHash('sha256')
    const items = Array.isArray(value) ? value : [value]
    for (const item of items) hash.update(canonicalJson(item)).update('\n')
    parts[name] = { count: Array.isArray(value) ? value.length : value === null ? 0 : 1, sha256: hash.digest('hex') }
  }
  // The actor is left out: a database adds the role of whoever reads the log.
  const hash = createHash('sha256')
  for (const event of audit) {
    hash
      .update(
        canonicalJson({
          id: event.id,
          at: event.at,
          action: event.action,
          target: event.target,
          outcome: event.outcome,
          detail: event.detail,
        }),
      )
      .update('\n')
  }
  parts.auditEvents = { count: audit.length, sha256: hash.digest('hex') }
  return parts
}

/** True when the document holds nothing but an empty vault-less skeleton. */
export function isEmptyDocument(data: StoreData): boolean {
  return Object.entries(data).every(
    ([name, value]) => name === 'schemaVersion' || value === null || (Array.isArray(value) && value.length === 0),
  )
}

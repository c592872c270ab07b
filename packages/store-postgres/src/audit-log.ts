import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { type AuditEvent, type AuditLog, type Clock, assertNoSecret, currentActor } from '@certdeck/core'
import type pg from 'pg'
import { type PostgresLocation, scrub, storeError } from './connection.js'

interface AuditRow {
  id: string
  at: Date
  actor: string
  database_role: string
  action: string
  target: string | null
  outcome: 'ok' | 'failed'
  detail: string | null
}

/**
 * The audit log in the append-only table `certdeck_audit_events` (a trigger refuses UPDATE,
 * DELETE and TRUNCATE). The actor is the OS user and host; the server fills in the database
 * role. Events that look like they carry secrets are refused, and the store URL is redacted.
 */
export class PostgresAuditLog implements AuditLog {
  readonly #actor = `${currentActor()}@${hostname()}`

  constructor(
    private readonly pool: pg.Pool,
    private readonly location: PostgresLocation,
    private readonly clock: Clock,
  ) {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'>): Promise<AuditEvent> {
    assertNoSecret(event)
    const clean = (text: string | undefined) => (text === undefined ? undefined : scrub(text, this.location))
    const id = randomUUID()
    const at = this.clock.now()
    try {
      const { rows } = await this.pool.query<{ database_role: string }>(
        `INSERT INTO certdeck_audit_events (id, at, actor, os_user, host, action, target, outcome, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING database_role`,
        [
          id,
          at,
          this.#actor,
          currentActor(),
          hostname(),
          event.action,
          clean(event.target) ?? null,
          event.outcome,
          clean(event.detail) ?? null,
        ],
      )
      return {
        id,
        at: at.toISOString(),
        actor: `${this.#actor} (role ${rows[0].database_role})`,
        action: event.action,
        ...(event.target !== undefined ? { target: clean(event.target) } : {}),
        outcome: event.outcome,
        ...(event.detail !== undefined ? { detail: clean(event.detail) } : {}),
      }
    } catch (error) {
      throw storeError(error, this.location, 'writing the audit log')
    }
  }

  /**
   * Adds events copied from another repository as they are (id, time, actor); an event whose id
   * is already here is skipped, so a copy can run again. Returns how many were added.
   */
  async import(events: readonly AuditEvent[]): Promise<number> {
    if (events.length === 0) return 0
    try {
      const { rowCount } = await this.pool.query(
        `INSERT INTO certdeck_audit_events (id, at, actor, os_user, host, database_role, action, target, outcome, detail)
         SELECT id, at, actor, '', '', '', action, target, outcome, detail
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, at timestamptz, actor text, action text, target text, outcome text, detail text)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(events)],
      )
      return rowCount ?? 0
    } catch (error) {
      throw storeError(error, this.location, 'copying audit events')
    }
  }

  async list(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    const limit = options.limit !== undefined && options.limit >= 0 ? options.limit : null
    try {
      const { rows } = await this.pool.query<AuditRow>(
        `SELECT * FROM (SELECT seq, id, at, actor, database_role, action, target, outcome, detail
           FROM certdeck_audit_events ORDER BY seq DESC LIMIT $1) last ORDER BY seq`,
        [limit],
      )
      return rows.map(eventOf)
    } catch (error) {
      throw storeError(error, this.location, 'reading the audit log')
    }
  }
}

/** The event of a row. */
export function eventOf(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    // An event copied from another repository keeps its actor as it was (no role of its own).
    actor: row.database_role === '' ? row.actor : `${row.actor} (role ${row.database_role})`,
    action: row.action,
    ...(row.target !== null ? { target: row.target } : {}),
    outcome: row.outcome,
    ...(row.detail !== null ? { detail: row.detail } : {}),
  }
}

import type { InjectionToken } from 'tsyringe'
import type { AuditEvent } from '../domain/audit-event.js'

/** Append-only record of mutating actions. Must never be given secret material. */
export interface AuditLog {
  /** Appends one event; safe for concurrent use across processes. */
  append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'>): Promise<AuditEvent>
  /** Events oldest first, optionally only the last `limit`. */
  list(options?: { limit?: number }): Promise<AuditEvent[]>
}
export const AuditLog = Symbol('AuditLog') as InjectionToken<AuditLog>

import type { AuditEvent } from '../domain/audit-event.js'
import type { AuditLog } from '../ports/audit-log.js'

/** An {@link AuditLog} in memory, for tests; `events` is readable directly. */
export class MemoryAuditLog implements AuditLog {
  readonly events: AuditEvent[] = []

  constructor(private readonly actor = 'tester') {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'>): Promise<AuditEvent> {
    const full: AuditEvent = {
      id: String(this.events.length + 1),
      at: new Date().toISOString(),
      actor: this.actor,
      ...event,
    }
    this.events.push(full)
    return full
  }

  async list(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    return options.limit === undefined ? [...this.events] : this.events.slice(-options.limit)
  }
}

import { randomUUID } from 'node:crypto'
import { open, readFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import type { AuditEvent } from '../domain/audit-event.js'
import type { AuditLog } from '../ports/audit-log.js'
import type { Clock } from '../ports/clock.js'
import { systemClock } from '../ports/clock.js'
import { assertNoSecret } from './secret-guard.js'

/** The OS user running CertDeck, for the audit trail. */
export function currentActor(): string {
  try {
    return userInfo().username
  } catch {
    // No passwd entry (some containers): fall back to the environment.
    return process.env.USER ?? process.env.LOGNAME ?? `uid:${process.getuid?.() ?? 'unknown'}`
  }
}

/**
 * The audit log as a JSON-lines file (mode 0600). Each event is one line written by a single
 * `write` on a file opened with O_APPEND, so lines from concurrent processes never interleave.
 * Events that look like they carry secrets are refused (see {@link assertNoSecret}).
 */
export class JsonlAuditLog implements AuditLog {
  constructor(
    /** Absolute path of the `.jsonl` file. */
    readonly path: string,
    private readonly clock: Clock = systemClock,
    private readonly actor: string = currentActor(),
  ) {}

  async append(event: Omit<AuditEvent, 'id' | 'at' | 'actor'>): Promise<AuditEvent> {
    const full: AuditEvent = {
      id: randomUUID(),
      at: this.clock.now().toISOString(),
      actor: this.actor,
      action: event.action,
      ...(event.target !== undefined ? { target: event.target } : {}),
      outcome: event.outcome,
      ...(event.detail !== undefined ? { detail: event.detail } : {}),
    }
    assertNoSecret(event)
    const line = Buffer.from(`${JSON.stringify(full)}\n`, 'utf8')
    const handle = await open(this.path, 'a', 0o600)
    try {
      await handle.write(line, 0, line.length)
    } finally {
      await handle.close()
    }
    return full
  }

  async list(options: { limit?: number } = {}): Promise<AuditEvent[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const events: AuditEvent[] = []
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        events.push(JSON.parse(line) as AuditEvent)
      } catch {
        // A line cut short by a crash: the events around it are still good.
      }
    }
    return options.limit !== undefined && options.limit >= 0
      ? events.slice(Math.max(0, events.length - options.limit))
      : events
  }
}

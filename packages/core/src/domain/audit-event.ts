/** One mutating action: who did what to which target, and how it ended. Never holds secrets. */
export interface AuditEvent {
  readonly id: string
  /** ISO 8601. */
  readonly at: string
  /** OS user name. */
  readonly actor: string
  /** Dotted verb, e.g. `certificate.import`, `vault.passphrase-change`. */
  readonly action: string
  /** What was acted on: a certificate id, credential name, ARN… */
  readonly target?: string
  readonly outcome: 'ok' | 'failed'
  /** Plain, non-secret detail: a reason for failure, a count. */
  readonly detail?: string
}

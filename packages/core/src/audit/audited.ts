import { isCertDeckError } from '../errors.js'
import type { AuditLog } from '../ports/audit-log.js'
import type { UpdateOptions } from '../ports/store.js'

/** What an 'ok' event says beyond its action: the target (when known only then) and a detail. */
export interface AuditOutcome {
  readonly target?: string
  readonly detail?: string
}

/** Given to an audited action, to record its 'ok' event inside the store update that commits it. */
export interface AuditRecorder {
  /**
   * Options for the `store.update` that commits the action: its 'ok' event, described from the
   * update's result, is written after the commit and before the lock is released, so a crash
   * cannot commit the change and lose its event.
   */
  onCommit<U>(describe?: (result: U) => AuditOutcome): UpdateOptions<U>
}

/** Options of {@link audited}. */
export interface AuditedOptions {
  /** Added to the detail of a 'failed' event. */
  readonly failureContext?: string
  /** Records input errors too (nothing was attempted). @default false */
  readonly recordInputErrors?: boolean
}

/**
 * Runs a mutating action and records its outcome; input errors (nothing attempted) are not
 * recorded unless asked. An action that commits through `recorder.onCommit` has its 'ok' event written
 * inside the store's lock; any other gets it after `run`, described by `describe`.
 */
export async function audited<T>(
  audit: AuditLog,
  event: { action: string; target?: string },
  run: (recorder: AuditRecorder) => Promise<T>,
  describe?: (result: T) => AuditOutcome | string,
  options: AuditedOptions = {},
): Promise<T> {
  let committed = false
  const recorder: AuditRecorder = {
    onCommit: (describeCommit) => ({
      afterCommit: async (result) => {
        committed = true
        await audit.append({ ...event, ...describeCommit?.(result), outcome: 'ok' })
      },
    }),
  }
  let result: T
  try {
    result = await run(recorder)
  } catch (error) {
    // After a commit the change stands: recording it as failed would be false.
    if (!committed && (options.recordInputErrors || !(isCertDeckError(error) && error.kind === 'input'))) {
      const reason = isCertDeckError(error) ? `${error.code}: ${error.message}` : 'unexpected error'
      const detail = options.failureContext ? `${reason} (${options.failureContext})` : reason
      await audit.append({ ...event, outcome: 'failed', detail }).catch(() => undefined)
    }
    throw error
  }
  if (!committed) {
    const outcome = describe?.(result)
    await audit.append({ ...event, ...(typeof outcome === 'string' ? { detail: outcome } : outcome), outcome: 'ok' })
  }
  return result
}

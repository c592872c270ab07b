import { isCertDeckError } from '../errors.js'
import type { AuditLog } from '../ports/audit-log.js'

/** Runs a mutating action and records its outcome; input errors (nothing attempted) are not recorded. */
export async function audited<T>(
  audit: AuditLog,
  event: { action: string; target?: string },
  run: () => Promise<T>,
  detail?: (result: T) => string,
): Promise<T> {
  let result: T
  try {
    result = await run()
  } catch (error) {
    if (!(isCertDeckError(error) && error.kind === 'input')) {
      const reason = isCertDeckError(error) ? `${error.code}: ${error.message}` : 'unexpected error'
      await audit.append({ ...event, outcome: 'failed', detail: reason }).catch(() => undefined)
    }
    throw error
  }
  await audit.append({ ...event, outcome: 'ok', ...(detail ? { detail: detail(result) } : {}) })
  return result
}

import type { CertificateRequest, ValidationRecord } from '../../domain/certificate-request.js'
import { CertDeckError } from '../../errors.js'
import type { AuditLog } from '../../ports/audit-log.js'
import { checkValidationRecords, type ValidationTargetOptions } from './validation-targets.js'

const shown = (r: ValidationRecord) => `${JSON.stringify(r.name)} ${JSON.stringify(r.type)} ${JSON.stringify(r.value)}`

/**
 * Refuses, before anything is written to DNS, validation records ACM's answer should never hold
 * (see {@link checkValidationRecords}): records a `request.validation-refused` audit event and
 * throws `VALIDATION_RECORD_REFUSED` showing each refused record and why.
 */
export async function refuseHostileRecords(
  audit: AuditLog,
  request: CertificateRequest,
  records: readonly ValidationRecord[],
  options: ValidationTargetOptions = {},
): Promise<void> {
  const refused = checkValidationRecords(records, [request.domain, ...request.sans], options)
  if (refused.length === 0) return
  const detail = refused.map((r) => `${shown(r.record)}: ${r.reason}`).join('; ')
  await audit.append({
    action: 'request.validation-refused',
    target: request.arn ?? request.id,
    outcome: 'failed',
    detail,
  })
  throw new CertDeckError(
    'VALIDATION_RECORD_REFUSED',
    `The endpoint answered for request ${request.id} with validation record(s) CertDeck will not write: ${detail}. ` +
      'Nothing was written to DNS. Check the endpoint in use (a genuine ACM hands out "_" names under the ' +
      'requested names, pointing under acm-validations.aws).',
    { kind: 'failure' },
  )
}

import type { InjectionToken } from 'tsyringe'
import type { ValidationRecord } from '../domain/certificate-request.js'
import type { ValidationRecordCheck } from '../domain/renewal-health.js'

/**
 * Looks up ACM validation CNAMEs through the configured DNS providers that can read records back
 * (renewal health). A name no such provider covers, or whose lookup fails, is `unknown`, never
 * `missing`. Read-only; honours `signal`; safe for concurrent use.
 */
export interface ValidationRecordChecks {
  checkRecords(records: readonly ValidationRecord[], signal?: AbortSignal): Promise<ValidationRecordCheck[]>
}
export const ValidationRecordChecks = Symbol('ValidationRecordChecks') as InjectionToken<ValidationRecordChecks>

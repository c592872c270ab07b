import type { ValidationRecord } from '../../domain/certificate-request.js'

/** The domain every CNAME target ACM hands out for DNS validation lies under. */
export const ACM_VALIDATION_DOMAIN = 'acm-validations.aws'

/** Why a validation record from ACM's answer may not be written to DNS. */
export interface RefusedRecord {
  readonly record: ValidationRecord
  readonly reason: string
}

/** Options of {@link checkValidationRecords}. */
export interface ValidationTargetOptions {
  /** Accepts any valid host name as the CNAME target, not only names under `acm-validations.aws`. @default false */
  readonly allowAnyTarget?: boolean
}

// One DNS label: letters, digits, hyphens and underscores (ACM's labels start with one), 1–63 octets.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/
const bare = (name: string) => name.toLowerCase().replace(/\.$/, '')

/** True for a host name of 1–253 octets made of valid labels (no control characters, no spaces). */
export function isHostName(name: string): boolean {
  const host = bare(name)
  return host.length > 0 && host.length <= 253 && host.split('.').every((label) => LABEL.test(label))
}

/**
 * The validation records of ACM's answer that must not be written: a record is accepted only when
 * its type is CNAME, its name is one `_`-prefixed label directly under one of the request's names
 * (the apex for a wildcard), and its value is a valid host name under `acm-validations.aws`
 * (any valid host name with `allowAnyTarget`). A hostile or broken endpoint could otherwise point
 * a CNAME over any name the DNS credential may write.
 */
export function checkValidationRecords(
  records: readonly ValidationRecord[],
  names: readonly string[],
  options: ValidationTargetOptions = {},
): RefusedRecord[] {
  const bases = new Set(names.map((n) => bare(n).replace(/^\*\./, '')))
  const refused: RefusedRecord[] = []
  for (const record of records) {
    const reason = refusal(record, bases, options)
    if (reason) refused.push({ record, reason })
  }
  return refused
}

function refusal(record: ValidationRecord, bases: ReadonlySet<string>, options: ValidationTargetOptions) {
  if (record.type.toUpperCase() !== 'CNAME') return `its type is ${record.type}, not CNAME`
  if (!isHostName(record.name)) return 'its name is not a valid host name'
  const name = bare(record.name)
  const dot = name.indexOf('.')
  const label = name.slice(0, dot)
  if (dot < 0 || !label.startsWith('_') || !bases.has(name.slice(dot + 1))) {
    return `its name is not one "_" label directly under a name of the request (${[...bases].join(', ')})`
  }
  if (!isHostName(record.value)) return 'its value is not a valid host name'
  const value = bare(record.value)
  if (!options.allowAnyTarget && !value.endsWith(`.${ACM_VALIDATION_DOMAIN}`)) {
    return `its value is not under ${ACM_VALIDATION_DOMAIN} (--allow-any-validation-target accepts any host name)`
  }
  return undefined
}

import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { KEY_ALGORITHMS } from '../x509/key-algorithm.js'
import { effectiveStatus, regionState, type AcmCertificateRecord } from './model.js'
import { exportOptionOf, extendedKeyUsagesOf, keyPairOrigin, keyUsagesOf, toSummary } from './render.js'
import { refresh } from './validation.js'

/** ListCertificates returns only these key types unless `Includes.keyTypes` says otherwise. */
export const DEFAULT_KEY_TYPES = ['RSA_1024', 'RSA_2048']

const STATUSES = ['PENDING_VALIDATION', 'ISSUED', 'INACTIVE', 'EXPIRED', 'VALIDATION_TIMED_OUT', 'REVOKED', 'FAILED']

function stringList(value: unknown, field: string, allowed?: readonly string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new SandboxError('ValidationException', `1 validation error detected: '${field}' must be a list of strings.`)
  }
  for (const v of value as string[]) {
    if (allowed && !allowed.includes(v)) {
      throw new SandboxError(
        'ValidationException',
        `1 validation error detected: Value '${v}' at '${field}' failed to satisfy constraint: Member must ` +
          `satisfy enum value set: [${allowed.join(', ')}]`,
      )
    }
  }
  return value as string[]
}

const anyOf = (wanted: string[] | undefined, has: string[]): boolean =>
  !wanted?.length || wanted.some((w) => has.includes(w))

/** ListCertificates with ACM's filters and paging. */
export function listCertificates(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const includes = (input.Includes ?? {}) as Record<string, unknown>
  const statuses = stringList(input.CertificateStatuses, 'certificateStatuses', STATUSES)
  const keyTypes = stringList(includes.keyTypes, 'includes.keyTypes', KEY_ALGORITHMS) ?? DEFAULT_KEY_TYPES
  const ekus = stringList(includes.extendedKeyUsage, 'includes.extendedKeyUsage')
  const kus = stringList(includes.keyUsage, 'includes.keyUsage')
  const origins = stringList(input.CertificateKeyPairOrigins, 'certificateKeyPairOrigins')
  const exportOption = includes.exportOption as string | undefined
  const managedBy = includes.managedBy as string | undefined
  const maxItems = input.MaxItems === undefined ? 1000 : Number(input.MaxItems)
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value '${String(input.MaxItems)}' at 'maxItems' failed to satisfy ` +
        `constraint: Member must have value between 1 and 1000`,
    )
  }
  const matches = (record: AcmCertificateRecord): boolean => {
    if (record.status === 'PENDING_VALIDATION') refresh(world, record)
    if (statuses?.length && !statuses.includes(effectiveStatus(world, record))) return false
    if (!keyTypes.includes(record.keyAlgorithm)) return false
    if (!anyOf(ekus, extendedKeyUsagesOf(record)) || !anyOf(kus, keyUsagesOf(record))) return false
    if (exportOption && exportOptionOf(record) !== exportOption) return false
    if (managedBy) return false
    if (origins?.length && !origins.includes(keyPairOrigin(record))) return false
    return true
  }

  const rs = regionState(world, request.accountId, request.region)
  let records = rs.order.map((arn) => rs.certs[arn])
  if (input.SortBy === 'CREATED_AT') {
    const dir = input.SortOrder === 'DESCENDING' ? -1 : 1
    records = records
      .slice()
      .sort((a, b) => dir * ((a.createdAt ?? a.importedAt ?? 0) - (b.createdAt ?? b.importedAt ?? 0) || a.seq - b.seq))
  }
  let start = 0
  if (input.NextToken !== undefined) {
    const position = decodeToken(input.NextToken)
    start = input.SortBy === 'CREATED_AT' ? position.offset : firstAfter(records, position.seq)
  }
  const page: AcmCertificateRecord[] = []
  let index = start
  let more = false
  for (; index < records.length; index++) {
    if (!matches(records[index])) continue
    if (page.length === maxItems) {
      more = true
      break
    }
    page.push(records[index])
  }
  const last = page[page.length - 1]
  const nextToken = more
    ? encodeToken(input.SortBy === 'CREATED_AT' ? { offset: index, seq: 0 } : { offset: 0, seq: last.seq })
    : undefined
  return { CertificateSummaryList: page.map((r) => toSummary(world, r)), NextToken: nextToken }
}

function firstAfter(records: AcmCertificateRecord[], seq: number): number {
  let lo = 0
  let hi = records.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (records[mid].seq <= seq) lo = mid + 1
    else hi = mid
  }
  return lo
}

function encodeToken(position: { offset: number; seq: number }): string {
  return Buffer.from(JSON.stringify({ v: 1, ...position })).toString('base64url')
}

function decodeToken(token: unknown): { offset: number; seq: number } {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {
      v: number
      offset: number
      seq: number
    }
    if (parsed.v === 1 && Number.isInteger(parsed.offset) && Number.isInteger(parsed.seq)) return parsed
  } catch {
    // fall through to the error below
  }
  throw new SandboxError(
    'InvalidArgsException',
    `The NextToken '${String(token).slice(0, 40)}' is not valid; pass the NextToken from the previous ` +
      `ListCertificates response.`,
  )
}

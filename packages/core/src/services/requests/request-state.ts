import type {
  CertificateRequest,
  DomainValidation,
  RequestState,
  ValidationRecord,
} from '../../domain/certificate-request.js'
import type { DnsRecord } from '../../plugins/dns-provider.js'
import type { IssuedStatus } from '../../plugins/certificate-issuer.js'

/**
 * The state ACM's answer puts a request in (DESIGN §2). An ACM ISSUED maps to ISSUED only once
 * the body is in the repository (`bodyHeld`): until then the request stays where it was.
 */
export function stateOf(request: CertificateRequest, status: IssuedStatus, bodyHeld: boolean): RequestState {
  switch (status.status) {
    case 'ISSUED':
    case 'EXPIRED':
    case 'INACTIVE':
      return bodyHeld ? 'ISSUED' : waitingState(request, status.validations)
    case 'FAILED':
      return 'FAILED'
    case 'VALIDATION_TIMED_OUT':
      return 'VALIDATION_TIMED_OUT'
    case 'REVOKED':
      return 'REVOKED'
    default:
      return waitingState(request, status.validations)
  }
}

/** Where a request waiting for validation stands: DNS records to deploy, to copy, or none yet. */
function waitingState(request: CertificateRequest, validations: readonly DomainValidation[]): RequestState {
  if (request.kind === 'private' || request.purpose === 'renewal' || request.validationMethod !== 'DNS')
    return 'PENDING_VALIDATION'
  const pending = validations.filter((v) => v.status !== 'SUCCESS')
  if (pending.length === 0 || pending.some((v) => !v.record)) return 'PENDING_VALIDATION'
  if (!request.dnsProviderId) return 'SYNC_RECORDS'
  // Once the challenge is written, the request waits for ACM to see it.
  return request.challengeDeployedAt ? 'PENDING_VALIDATION' : 'DEPLOY_CHALLENGE'
}

/** `request` in `state`, with a history entry when the state (or the note) is new. */
export function transition(
  request: CertificateRequest,
  state: RequestState,
  at: string,
  note?: string,
): CertificateRequest {
  const last = request.history.at(-1)
  const changed = last?.state !== state || (note !== undefined && last?.note !== note)
  return {
    ...request,
    state,
    updatedAt: at,
    history: changed ? [...request.history, { at, state, ...(note ? { note } : {}) }] : request.history,
  }
}

/** The distinct validation records of a request (a wildcard and its apex share one). */
export function uniqueRecords(validations: readonly DomainValidation[]): ValidationRecord[] {
  const records = new Map<string, ValidationRecord>()
  for (const v of validations) {
    if (!v.record) continue
    const key = `${v.record.name.toLowerCase()}|${v.record.value.toLowerCase()}`
    if (!records.has(key)) records.set(key, v.record)
  }
  return [...records.values()]
}

/** A validation record as a DNS provider writes it: lower case, without the trailing dots. */
export function toDnsRecord(record: ValidationRecord): DnsRecord {
  const bare = (name: string) => name.trim().toLowerCase().replace(/\.$/, '')
  return { name: bare(record.name), type: 'CNAME', value: bare(record.value), ttl: 300 }
}

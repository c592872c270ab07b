import type { Certificate } from '../../domain/certificate.js'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { hasTag } from '../notifications/index.js'

/** What a renewal policy looks at: one cloud certificate, its repository entry and requests. */
export interface RenewInput {
  readonly cloud: CloudCertificate
  /** The repository entry it is linked to. */
  readonly certificate?: Certificate
  /** Requests on its ARN. */
  readonly requests: readonly CertificateRequest[]
  readonly now: Date
  readonly renewBeforeDays: number
  readonly optOutTags: readonly string[]
}

/** A policy's verdict: renew now, or why not (the first verdict wins). */
export interface RenewVerdict {
  readonly renew: boolean
  /** Reason code, shown by logs and status. */
  readonly reason: string
  readonly message: string
}

/** One named renewal check. */
export type RenewPolicy = (input: RenewInput) => RenewVerdict | undefined

const DAY_MS = 86_400_000
const UNFINISHED = new Set(['PENDING_VALIDATION', 'DEPLOY_CHALLENGE', 'SYNC_RECORDS'])
const skip = (reason: string, message: string): RenewVerdict => ({ renew: false, reason, message })

/** Only private certificates and exportable public ones can be renewed on request. */
export const NotRenewableKind: RenewPolicy = ({ cloud }) =>
  cloud.kind === 'PRIVATE' || (cloud.kind === 'AMAZON_ISSUED' && cloud.exportOption === 'ENABLED')
    ? undefined
    : skip('NotRenewableKind', 'ACM renews it by itself, or it was imported')

/** A certificate that is not ISSUED (revoked, expired, failed) is left alone. */
export const NotIssued: RenewPolicy = ({ cloud, certificate }) =>
  cloud.status !== 'ISSUED' || certificate?.tags['certdeck:revoked'] !== undefined
    ? skip('NotIssued', `its status is ${cloud.status}`)
    : undefined

/** The user opted the certificate out (by one of the opt-out tags). */
export const OptedOut: RenewPolicy = ({ certificate, optOutTags }) => {
  const tag = certificate && optOutTags.find((t) => hasTag(certificate.tags, t))
  return tag ? skip('OptedOut', `opted out by the tag ${tag}`) : undefined
}

/** A renewal is already under way (or failed lately: a person has to look first). */
export const RenewalUnderway: RenewPolicy = ({ requests, now }) => {
  const renewals = requests.filter((r) => r.purpose === 'renewal')
  if (renewals.some((r) => UNFINISHED.has(r.state))) return skip('RenewalUnderway', 'a renewal is under way')
  const failed = renewals.find((r) => r.state === 'FAILED' && now.getTime() - Date.parse(r.updatedAt) < DAY_MS)
  return failed ? skip('RenewalFailedLately', `the renewal ${failed.id} failed within a day`) : undefined
}

/** Not yet within the renewal window (the repository entry's notAfter wins: it knows of renewals). */
export const NotNearingExpiry: RenewPolicy = ({ cloud, certificate, now, renewBeforeDays }) => {
  const notAfter = certificate?.notAfter ?? cloud.notAfter
  if (!notAfter) return skip('NoExpiry', 'its expiry is unknown')
  const left = Date.parse(notAfter) - now.getTime()
  return left > renewBeforeDays * DAY_MS
    ? skip('NotNearingExpiry', `expires in ${Math.floor(left / DAY_MS)} days`)
    : { renew: true, reason: 'NearingExpiry', message: `expires in ${Math.floor(left / DAY_MS)} days (${notAfter})` }
}

/** The renewal policies, in order; the last always decides. */
export const RENEW_POLICIES: readonly RenewPolicy[] = [
  NotRenewableKind,
  NotIssued,
  OptedOut,
  RenewalUnderway,
  NotNearingExpiry,
]

/** The first verdict of the policies. */
export function renewVerdict(input: RenewInput, policies: readonly RenewPolicy[] = RENEW_POLICIES): RenewVerdict {
  for (const policy of policies) {
    const verdict = policy(input)
    if (verdict) return verdict
  }
  return skip('NoVerdict', 'no policy decided')
}

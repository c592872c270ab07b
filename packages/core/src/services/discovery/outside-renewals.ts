import type { Certificate } from '../../domain/certificate.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import { addVersion } from '../certificates/index.js'
import type { DiscoveredBody } from './discovered-certificates.js'

/**
 * True for a cloud certificate ACM issued (public or private) that is linked to a repository
 * entry and not one of CertDeck's deployments: ACM may renew it by itself (managed renewal) or
 * someone may renew it elsewhere, and the entry should follow.
 */
export function followsCloudRenewals(record: CloudCertificate | undefined, deployedArns: ReadonlySet<string>): boolean {
  return record?.certificateId !== undefined && record.kind !== 'IMPORTED' && !deployedArns.has(record.arn)
}

/**
 * Bodies of such certificates that ACM renewed outside CertDeck become a new version of the entry
 * they are linked to (so expiry checks see the new date and auto-redeploy follows), and their
 * cloud record is marked `renewed-outside` for this run: the next discovery clears the mark.
 * Run before the merge links records by fingerprint. Returns the renewed entries and the drift
 * to set, by ARN.
 */
export function adoptOutsideRenewals(
  data: StoreData,
  fetched: readonly DiscoveredBody[],
  deployedArns: ReadonlySet<string>,
  now: Date,
): { renewed: Certificate[]; drift: Map<string, string> } {
  const at = now.toISOString()
  const records = new Map(data.cloudCertificates.map((r) => [r.arn, r]))
  const renewed: Certificate[] = []
  const drift = new Map<string, string>()
  for (const body of fetched) {
    const record = records.get(body.arn)
    if (!record || !followsCloudRenewals(record, deployedArns)) continue
    const index = data.certificates.findIndex((c) => c.id === record.certificateId)
    const entry = data.certificates[index]
    if (!entry) continue
    const held = [entry, ...entry.versions].some((v) => v.fingerprintSha256 === body.facts.fingerprintSha256)
    if (held || Date.parse(body.facts.notAfter) <= Date.parse(entry.notAfter)) continue
    const next = addVersion(
      entry,
      { facts: body.facts, pem: body.pem, chainPem: body.chainPem, origin: 'discovered' },
      { now: at },
    )
    data.certificates[index] = next
    renewed.push(next)
    drift.set(
      body.arn,
      `renewed outside CertDeck: ACM holds serial ${body.facts.serial} expiring ${body.facts.notAfter} ` +
        `(the repository had ${entry.serial}, expiring ${entry.notAfter}); it is now version ` +
        `${next.version} of ${entry.id}`,
    )
  }
  return { renewed, drift }
}

/** Sets the `renewed-outside` drift of this run on the records named in `drift`. */
export function markOutsideRenewals(data: StoreData, drift: ReadonlyMap<string, string>, now: Date): void {
  if (drift.size === 0) return
  const detectedAt = now.toISOString()
  data.cloudCertificates = data.cloudCertificates.map((record) => {
    const detail = drift.get(record.arn)
    return detail ? { ...record, drift: { reason: 'renewed-outside', detail, detectedAt } } : record
  })
}

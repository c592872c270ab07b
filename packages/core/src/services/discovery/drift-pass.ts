import type { StoreData } from '../../domain/store-data.js'
import { judgeDrift } from './drift.js'
import { accountOfArn, type SliceOutcome } from './discovery-merge.js'

/**
 * Judges every deployment whose ACM region answered in this run and writes the verdict on the
 * deployment and on its cloud record (the red mark). Deployments of regions that failed keep
 * what they had; a deployment without an ARN is left to the next deploy, which looks it up.
 */
export function applyDrift(data: StoreData, outcomes: readonly SliceOutcome[], now: Date): void {
  const answered = outcomes.filter((o) => o.ok && o.store === 'acm')
  if (answered.length === 0 || data.deployments.length === 0) return
  const recordIndex = new Map<string, number>()
  data.cloudCertificates.forEach((record, index) => {
    recordIndex.set(record.arn, index)
  })
  const certificates = new Map(data.certificates.map((c) => [c.id, c]))
  data.deployments = data.deployments.map((deployment) => {
    const arn = deployment.arn
    if (!arn) return deployment
    const account = accountOfArn(arn)
    const scanned = answered.some(
      (o) =>
        o.region === deployment.region &&
        (o.credentialId === deployment.credentialId || (o.accountId !== undefined && o.accountId === account)),
    )
    if (!scanned) return deployment
    const index = recordIndex.get(arn)
    const cloud = index === undefined ? undefined : data.cloudCertificates[index]
    const verdict = judgeDrift(deployment, cloud, certificates.get(deployment.certificateId), now)
    if (cloud && index !== undefined) {
      const { drift: _old, ...rest } = cloud
      data.cloudCertificates[index] = verdict.drift ? { ...rest, drift: verdict.drift } : rest
    }
    const { drift: _previous, ...base } = deployment
    const deployedFingerprint = verdict.deployedFingerprint ?? deployment.deployedFingerprint
    const next = {
      ...base,
      ...(deployedFingerprint ? { deployedFingerprint } : {}),
      ...(verdict.drift ? { drift: verdict.drift } : {}),
    }
    const changed =
      JSON.stringify(next.drift) !== JSON.stringify(deployment.drift) ||
      next.deployedFingerprint !== deployment.deployedFingerprint
    return changed ? { ...next, updatedAt: now.toISOString() } : deployment
  })
}

import type { Certificate } from '../../domain/certificate.js'
import type { CloudCertificate, Drift } from '../../domain/cloud-certificate.js'
import type { Deployment } from '../../domain/deployment.js'

/** What discovery concludes for one deployment whose region answered. */
export interface DriftVerdict {
  /** Undefined when the cloud copy matches. */
  readonly drift?: Drift
  /** The fingerprint the deployment now holds (the cloud copy caught up with the repository). */
  readonly deployedFingerprint?: string
}

const short = (hex: string | undefined) => (hex ? `${hex.slice(0, 12)}…` : 'unknown')

/**
 * Compares a deployment with what its region holds now. Drift: the cloud copy vanished; it holds
 * another body than the one deployed (`changed`); or another body that expires later than the
 * deployed version, i.e. someone renewed it outside CertDeck (`renewed-outside`). A cloud copy
 * that equals the certificate's current version counts as deployed (no drift).
 * A drift that persists keeps the time it was first detected.
 */
export function judgeDrift(
  deployment: Deployment,
  cloud: CloudCertificate | undefined,
  certificate: Certificate | undefined,
  now: Date,
): DriftVerdict {
  const detectedAt = (reason: Drift['reason']) =>
    deployment.drift?.reason === reason ? deployment.drift.detectedAt : now.toISOString()
  if (!cloud) {
    return {
      drift: {
        reason: 'vanished',
        detail: `${deployment.arn} is no longer in ACM ${deployment.region}`,
        detectedAt: detectedAt('vanished'),
      },
    }
  }
  const fingerprint = cloud.fingerprintSha256
  if (!fingerprint || fingerprint === deployment.deployedFingerprint) return {}
  if (certificate && fingerprint === certificate.fingerprintSha256) return { deployedFingerprint: fingerprint }
  const deployed = [certificate, ...(certificate?.versions ?? [])].find(
    (v) => v?.fingerprintSha256 === deployment.deployedFingerprint,
  )
  const renewedOutside =
    deployed !== undefined && cloud.notAfter !== undefined && Date.parse(cloud.notAfter) > Date.parse(deployed.notAfter)
  const parts = [`fingerprint differs: cloud ${short(fingerprint)}, deployed ${short(deployment.deployedFingerprint)}`]
  if (deployed && cloud.serial && cloud.serial !== deployed.serial)
    parts.push(`serial: cloud ${cloud.serial}, deployed ${deployed.serial}`)
  if (deployed && cloud.notAfter && Date.parse(cloud.notAfter) !== Date.parse(deployed.notAfter)) {
    parts.push(`expiry: cloud ${cloud.notAfter}, deployed ${deployed.notAfter}`)
  }
  const reason = renewedOutside ? 'renewed-outside' : 'changed'
  const lead = renewedOutside ? 'renewed outside CertDeck; ' : ''
  return { drift: { reason, detail: `${lead}${parts.join('; ')}`, detectedAt: detectedAt(reason) } }
}

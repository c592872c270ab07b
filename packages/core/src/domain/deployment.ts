import type { Drift } from './cloud-certificate.js'

/** Where a deployment stands. */
export type DeploymentState = 'deployed' | 'failed' | 'pending'

/** A local certificate placed in a cloud store (one credential, one region). */
export interface Deployment {
  readonly id: string
  readonly certificateId: string
  readonly credentialId: string
  readonly region: string
  /** The cloud ARN once imported. */
  readonly arn?: string
  /** Re-import onto an existing copy (same certificate or an earlier version) instead of reporting it. */
  readonly replaceIfExists: boolean
  /** Re-import to the same ARN whenever the certificate gets a new version. */
  readonly autoRedeploy: boolean
  /** Fingerprint of the version last imported. */
  readonly deployedFingerprint?: string
  readonly state: DeploymentState
  /** Plain-words reason of the last failure. */
  readonly lastError?: string
  readonly drift?: Drift
  /** ISO 8601. */
  readonly deployedAt?: string
  /** ISO 8601. */
  readonly updatedAt: string
}

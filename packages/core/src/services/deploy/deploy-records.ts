import type { DeployResult } from './api.js'
import type { Certificate } from '../../domain/certificate.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { Deployment } from '../../domain/deployment.js'
import type { StoreData } from '../../domain/store-data.js'
import { accountOfArn } from '../discovery/index.js'

/** What a deploy run did for one (certificate, credential, region). */
export interface DeployOutcome {
  readonly certificate: Certificate
  readonly region: string
  readonly credentialId: string
  /** The deployment record as it was when the run started. */
  readonly deployment?: Deployment
  readonly result: DeployResult
}

/** How a run records its outcomes. */
export interface RecordOptions {
  /** The run's replace option; undefined keeps each record's own. */
  readonly replace: boolean | undefined
  /** The run's auto-redeploy option; undefined keeps each record's own. */
  readonly autoRedeploy: boolean | undefined
  readonly now: Date
  readonly newId: () => string
}

/**
 * Writes a run's outcomes: a copy in place (imported, re-imported, or already there) makes or
 * refreshes the deployment record and its cloud record, clearing drift; a failure marks an
 * existing record `failed` with the reason; a copy reported as existing changes nothing.
 */
export function applyDeployOutcomes(data: StoreData, outcomes: readonly DeployOutcome[], options: RecordOptions): void {
  const at = options.now.toISOString()
  for (const o of outcomes) {
    const index = data.deployments.findIndex(
      (d) => d.certificateId === o.certificate.id && d.credentialId === o.credentialId && d.region === o.region,
    )
    const current = index >= 0 ? data.deployments[index] : undefined
    const { action, arn } = o.result
    if ((action === 'imported' || action === 'reimported' || action === 'unchanged') && arn) {
      const next: Deployment = {
        id: current?.id ?? options.newId(),
        certificateId: o.certificate.id,
        credentialId: o.credentialId,
        region: o.region,
        arn,
        replaceIfExists: options.replace ?? current?.replaceIfExists ?? false,
        autoRedeploy: options.autoRedeploy ?? current?.autoRedeploy ?? false,
        deployedFingerprint: o.certificate.fingerprintSha256,
        state: 'deployed',
        deployedAt: action === 'unchanged' ? (current?.deployedAt ?? at) : at,
        updatedAt: at,
      }
      if (index >= 0) data.deployments[index] = next
      else data.deployments.push(next)
      upsertCloudRecord(data, o, arn, at)
    } else if (action === 'failed' && current) {
      data.deployments[index] = { ...current, state: 'failed', lastError: o.result.message, updatedAt: at }
    }
  }
}

/** The AWS tab shows a deployed copy at once, before the next discovery. */
function upsertCloudRecord(data: StoreData, o: DeployOutcome, arn: string, at: string): void {
  const c = o.certificate
  const index = data.cloudCertificates.findIndex((r) => r.arn === arn)
  const previous = index >= 0 ? data.cloudCertificates[index] : undefined
  const { drift: _drift, stale: _stale, ...kept } = previous ?? ({} as Partial<CloudCertificate>)
  const record: CloudCertificate = {
    ...kept,
    arn,
    store: 'acm',
    region: o.region,
    accountId: accountOfArn(arn) ?? previous?.accountId ?? '',
    credentialId: o.credentialId,
    kind: 'IMPORTED',
    status: previous?.status ?? 'ISSUED',
    domain: c.commonName,
    sans: c.sans,
    keyAlgorithm: c.keyAlgorithm,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    serial: c.serial,
    fingerprintSha256: c.fingerprintSha256,
    certificateId: c.id,
    lastSeenAt: at,
  }
  if (index >= 0) data.cloudCertificates[index] = record
  else data.cloudCertificates.push(record)
}

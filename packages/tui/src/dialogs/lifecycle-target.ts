import type { Certificate, CertificateRequest, CloudCertificate } from '@certdeck/core'
import type { DeckData } from '../hooks/use-deck-data.js'

/** What the details menu acts on: a repository entry, its ACM record, and the request that made it. */
export interface LifecycleTarget {
  /** The name shown. */
  readonly domain: string
  /** What the lifecycle calls are given: the ARN when known, else the repository id. */
  readonly ref: string
  readonly cloud?: CloudCertificate
  readonly certificate?: Certificate
  readonly request?: CertificateRequest
  /** False for a repository entry never deployed to ACM: deploying is its next step. */
  readonly deployed?: boolean
  /** The ACM certificates deleting it concerns (its record and its deployed copies), for the impact notice. */
  readonly impact: Impact
}

/** ACM ARNs and what the last details pass read of the resources using them. */
export interface Impact {
  readonly arns: readonly string[]
  readonly known: readonly string[]
}

/** The ACM ARNs of a repository entry (linked records and deployments) and of `cloud`, with their known users. */
export function impactOf(
  certificateId: string | undefined,
  cloud: CloudCertificate | undefined,
  data: DeckData,
): Impact {
  const arns = new Set<string>()
  if (cloud?.store === 'acm') arns.add(cloud.arn)
  if (certificateId) {
    for (const c of data.cloud) if (c.certificateId === certificateId && c.store === 'acm') arns.add(c.arn)
    for (const d of data.deployments) if (d.certificateId === certificateId && d.arn) arns.add(d.arn)
  }
  const known = data.cloud.filter((c) => arns.has(c.arn)).flatMap((c) => c.details?.inUseBy ?? [])
  return { arns: [...arns], known }
}

/** One action of the menu; `blocked` says why it does not apply. */
export interface LifecycleAction {
  readonly id: 'renew' | 'revoke' | 'retrieve' | 'delete' | 'request'
  readonly key: string
  readonly title: string
  readonly blocked?: string
}

/** The target of a repository entry. */
export function certificateTarget(cert: Certificate, data: DeckData): LifecycleTarget {
  const linked = data.cloud.filter((c) => c.certificateId === cert.id)
  const cloud = linked.find((c) => c.store === 'acm') ?? linked[0]
  const request = data.requests.find((r) => r.certificateId === cert.id || (cloud !== undefined && r.arn === cloud.arn))
  const deployed = data.deployments.some((d) => d.certificateId === cert.id)
  return {
    domain: cert.commonName,
    ref: cloud?.arn ?? request?.arn ?? cert.id,
    cloud,
    certificate: cert,
    request,
    deployed,
    impact: impactOf(cert.id, cloud, data),
  }
}

/** The target of an AWS tab row. */
export function cloudTarget(cloud: CloudCertificate, data: DeckData): LifecycleTarget {
  const certificate = cloud.certificateId ? data.certificates.find((c) => c.id === cloud.certificateId) : undefined
  const request = data.requests.find((r) => r.arn === cloud.arn)
  return {
    domain: cloud.domain,
    ref: cloud.arn,
    cloud,
    certificate,
    request,
    impact: impactOf(certificate?.id, cloud, data),
  }
}

/** The menu's actions, each with the reason it does not apply to `target`, if any. */
export function lifecycleActions(target: LifecycleTarget): LifecycleAction[] {
  const { cloud, certificate, request } = target
  // What discovery saw, else what the request that produced it says (before any discovery).
  const inAcm = cloud ? cloud.store === 'acm' : request?.arn !== undefined
  const isPrivate = cloud ? cloud.kind === 'PRIVATE' : request?.kind === 'private'
  const exportable = isPrivate || cloud?.exportOption === 'ENABLED' || request?.exportable === true
  const revoked = cloud?.status === 'REVOKED' || request?.state === 'REVOKED'
  const notAcm =
    target.deployed === false && !request
      ? 'not in ACM yet: deploy it first (d)'
      : 'not a certificate in ACM (discover it first: AWS tab, d)'
  return [
    {
      id: 'renew',
      key: 'r',
      title: 'Renew',
      blocked: !inAcm
        ? notAcm
        : !isPrivate
          ? 'private certificates only: ACM renews Amazon-issued ones by itself'
          : undefined,
    },
    {
      id: 'revoke',
      key: 'v',
      title: 'Revoke',
      blocked: !inAcm
        ? notAcm
        : !exportable
          ? 'private or exported public certificates only'
          : revoked
            ? 'already revoked'
            : undefined,
    },
    {
      id: 'retrieve',
      key: 'p',
      title: 'Retrieve the private key',
      blocked: !inAcm
        ? notAcm
        : !exportable
          ? 'private or exportable public certificates only'
          : certificate?.privateKey
            ? 'the key is held already'
            : undefined,
    },
    { id: 'delete', key: 'x', title: 'Delete from CertDeck (ACM keeps it)' },
    {
      id: 'request',
      key: 'o',
      title: 'Open the request that produced it',
      blocked: request ? undefined : 'no request of CertDeck produced it',
    },
  ]
}

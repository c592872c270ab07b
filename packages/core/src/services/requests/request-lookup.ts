import type { CertificateRequest } from '../../domain/certificate-request.js'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'

/** The request `ref` names: its id, a unique id prefix, or its ARN (the newest request of it). */
export function findRequest(requests: readonly CertificateRequest[], ref: string): CertificateRequest {
  const wanted = ref.trim()
  if (wanted === '')
    throw new CertDeckError(
      'REQUEST_REF_EMPTY',
      'No request was named. Give a request id, an id prefix or an ARN (see `certdeck requests list`).',
    )
  const byArn = requests.filter((r) => r.arn === wanted)
  if (byArn.length > 0) return byArn[byArn.length - 1]
  const exact = requests.find((r) => r.id === wanted.toLowerCase())
  if (exact) return exact
  const candidates = requests.filter((r) => r.id.startsWith(wanted.toLowerCase()))
  if (candidates.length === 1) return candidates[0]
  if (candidates.length === 0) {
    throw new CertDeckError(
      'REQUEST_UNKNOWN',
      `No request has the id or ARN '${wanted}'. Run \`certdeck requests list\` to see them.`,
    )
  }
  throw new CertDeckError(
    'REQUEST_REF_AMBIGUOUS',
    `'${wanted}' matches ${candidates.length} requests (${candidates
      .slice(0, 5)
      .map((r) => `${r.id} ${r.domain}`)
      .join('; ')}). Give more of the id.`,
  )
}

/** An ACM certificate the lifecycle actions act on. */
export interface LifecycleTarget {
  readonly arn: string
  readonly region: string
  readonly credentialId: string
  /** The repository entry linked to it, if any. */
  readonly certificateId?: string
  readonly cloud?: CloudCertificate
  /** Requests made for this ARN, oldest first. */
  readonly requests: readonly CertificateRequest[]
}

/**
 * The ACM certificate `ref` names: an ARN, a repository certificate id (or unique id prefix)
 * linked to an ACM certificate, or a request id. A clear error when none or several match.
 */
export function findLifecycleTarget(data: StoreData, ref: string): LifecycleTarget {
  const wanted = ref.trim()
  if (wanted === '')
    throw new CertDeckError('REF_EMPTY', 'Name a certificate: an ACM ARN, a repository certificate id or a request id.')
  const target = (arn: string, certificateId?: string): LifecycleTarget => {
    const cloud = data.cloudCertificates.find((c) => c.arn === arn && c.store === 'acm')
    const requests = data.requests.filter((r) => r.arn === arn)
    const credentialId = cloud?.credentialId ?? requests.at(-1)?.credentialId
    const region = cloud?.region ?? requests.at(-1)?.region
    if (!credentialId || !region) {
      throw new CertDeckError(
        'CLOUD_UNKNOWN',
        `CertDeck has not seen ${arn} yet. Run \`certdeck discover\` with the credential of its account first.`,
      )
    }
    const linked = certificateId ?? cloud?.certificateId ?? requests.findLast((r) => r.certificateId)?.certificateId
    return {
      arn,
      region,
      credentialId,
      ...(linked ? { certificateId: linked } : {}),
      ...(cloud ? { cloud } : {}),
      requests,
    }
  }
  if (wanted.startsWith('arn:')) return target(wanted)
  const lower = wanted.toLowerCase()
  const certificates = data.certificates.filter((c) => c.id === lower || c.id.startsWith(lower))
  const requests = data.requests.filter((r) => r.id === lower || r.id.startsWith(lower))
  const exactCertificate = certificates.find((c) => c.id === lower)
  const exactRequest = requests.find((r) => r.id === lower)
  const certificate =
    exactCertificate ??
    (exactRequest ? undefined : certificates.length === 1 && requests.length === 0 ? certificates[0] : undefined)
  const request =
    exactRequest ??
    (exactCertificate ? undefined : requests.length === 1 && certificates.length === 0 ? requests[0] : undefined)
  if (certificate) {
    const linked = data.cloudCertificates.filter(
      (c) => c.store === 'acm' && c.certificateId === certificate.id && c.kind !== 'IMPORTED',
    )
    const arn = linked.at(-1)?.arn ?? data.requests.findLast((r) => r.certificateId === certificate.id && r.arn)?.arn
    if (!arn) {
      throw new CertDeckError(
        'NOT_AN_ACM_CERTIFICATE',
        `Certificate ${certificate.id} ('${certificate.commonName}') was not issued by ACM as far as ` +
          `CertDeck knows. Give the ARN, or run \`certdeck discover --bodies\` to link it.`,
      )
    }
    return target(arn, certificate.id)
  }
  if (request) {
    if (!request.arn)
      throw new CertDeckError(
        'REQUEST_NOT_SENT',
        `Request ${request.id} has no ARN yet: ACM never answered it. Run \`certdeck requests refresh ` +
          `${request.id}\` to send it again.`,
      )
    return target(request.arn, request.certificateId)
  }
  if (certificates.length + requests.length > 1) {
    throw new CertDeckError(
      'REF_AMBIGUOUS',
      `'${wanted}' matches several certificates or requests; give more of the id, or the ARN.`,
    )
  }
  throw new CertDeckError(
    'REF_UNKNOWN',
    `No ACM ARN, certificate or request is named '${wanted}'. See \`certdeck certs list\`, \`certdeck aws ` +
      `list\` or \`certdeck requests list\`.`,
  )
}

import type { DomainValidation } from '../../domain/certificate-request.js'
import type { CloudCertificateDetails } from '../../domain/renewal-health.js'
import type { IssuedStatus } from '../../plugins/certificate-issuer.js'

/** At most this many resources, names and characters are kept from one answer. */
const MAX_RESOURCES = 1000
const MAX_VALIDATIONS = 1000
const MAX_TEXT = 2048

/** Text from an AWS answer as CertDeck keeps it: no control characters, bounded. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, MAX_TEXT)
}

function cleanValidation(v: DomainValidation): DomainValidation {
  return {
    domain: clean(v.domain),
    validationDomain: clean(v.validationDomain),
    status: clean(v.status),
    ...(v.method ? { method: v.method } : {}),
    ...(v.record
      ? {
          record: {
            name: clean(v.record.name).toLowerCase(),
            type: 'CNAME',
            value: clean(v.record.value).toLowerCase(),
          },
        }
      : {}),
    ...(v.emails ? { emails: v.emails.slice(0, 10).map(clean) } : {}),
  }
}

/**
 * What a DescribeCertificate answer leaves on the record: resources using it, validations and
 * the managed renewal, each string without control characters and every list bounded (an AWS
 * answer is input like any other).
 */
export function cleanDetails(status: IssuedStatus, readAt: string): CloudCertificateDetails {
  const renewal = status.renewal
  return {
    readAt,
    inUseBy: (status.inUseBy ?? []).slice(0, MAX_RESOURCES).map(clean),
    validations: status.validations.slice(0, MAX_VALIDATIONS).map(cleanValidation),
    ...(renewal
      ? {
          renewal: {
            status: clean(renewal.status),
            ...(renewal.reason ? { reason: clean(renewal.reason) } : {}),
            ...(renewal.updatedAt ? { updatedAt: renewal.updatedAt } : {}),
            validations: renewal.validations.slice(0, MAX_VALIDATIONS).map(cleanValidation),
          },
        }
      : {}),
  }
}

/** IAM's Query-protocol XML: response envelopes, server certificate shapes and errors. */
import { randomUUID } from 'node:crypto'
import type { SandboxError, SandboxResponse } from '../types.js'
import { xmlErrorResponse, xmlResponse } from '../xml/xml-response.js'
import { element, isoTime, type XmlFragment } from '../xml/xml-writer.js'
import type { ServerCertificateData } from './iam-state.js'

/** IAM's XML namespace (API version 2010-05-08). */
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/'

/**
 * `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` — or no Result
 * element at all for actions that return nothing (`result` undefined), as IAM does.
 */
export function iamResponse(action: string, result: readonly (XmlFragment | undefined)[] | undefined): SandboxResponse {
  const requestId = randomUUID()
  const root = element(
    `${action}Response`,
    [
      result === undefined ? undefined : element(`${action}Result`, result),
      element('ResponseMetadata', [element('RequestId', requestId)]),
    ],
    { xmlns: IAM_XMLNS },
  )
  return xmlResponse(200, root, {}, requestId)
}

/** IAM's `<ErrorResponse>`, which the Query protocol parses into the SDK's typed exceptions. */
export function iamError(error: SandboxError): SandboxResponse {
  return xmlErrorResponse(error, IAM_XMLNS)
}

/** A `ServerCertificateMetadata` structure (also a `member` of metadata lists). */
export function metadataXml(name: string, certificate: ServerCertificateData): XmlFragment {
  return element(name, [
    element('Path', certificate.path),
    element('ServerCertificateName', certificate.name),
    element('ServerCertificateId', certificate.id),
    element('Arn', certificate.arn),
    element('UploadDate', isoTime(certificate.uploadDate)),
    element('Expiration', isoTime(certificate.expiration)),
  ])
}

/** A `Tags` list, or nothing when there are no tags. */
export function tagsXml(certificate: ServerCertificateData): XmlFragment | undefined {
  if (certificate.tags.length === 0) return undefined
  return element(
    'Tags',
    certificate.tags.map((tag) => element('member', [element('Key', tag.Key), element('Value', tag.Value)])),
  )
}

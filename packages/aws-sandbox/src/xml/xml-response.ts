/** HTTP responses carrying XML, shared by the Query (IAM) and REST-XML (Route 53) services. */
import { randomUUID } from 'node:crypto'
import type { SandboxError, SandboxResponse } from '../types.js'
import { element, xmlDocument, type XmlFragment } from './xml-writer.js'

/** A `text/xml` response of `root`, with a request id (`requestId` if given, else a fresh one). */
export function xmlResponse(
  status: number,
  root: XmlFragment,
  headers: Readonly<Record<string, string>> = {},
  requestId: string = randomUUID(),
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...headers },
    body: xmlDocument(root),
  }
}

/**
 * `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`:
 * the error document of IAM and Route 53, which their SDK clients map onto the exception named
 * by `Code`. 5xx errors are the `Receiver`'s fault, everything else the `Sender`'s.
 */
export function xmlErrorResponse(error: SandboxError, xmlns: string): SandboxResponse {
  const requestId = randomUUID()
  const root = element(
    'ErrorResponse',
    [
      element('Error', [
        element('Type', error.status >= 500 ? 'Receiver' : 'Sender'),
        element('Code', error.code),
        element('Message', error.message),
      ]),
      element('RequestId', requestId),
    ],
    { xmlns },
  )
  return xmlResponse(error.status, root, {}, requestId)
}

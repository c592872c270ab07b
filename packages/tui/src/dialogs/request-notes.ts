import type { CertificateRequest } from '@certdeck/core'

/** What to do next after a request was sent, by its state. */
export function requestedNote(request: CertificateRequest, dnsProvider?: string): string {
  const what = `Requested ${request.domain} (${request.id})`
  switch (request.state) {
    case 'DEPLOY_CHALLENGE':
      return `${what}: c writes the records through ${dnsProvider || 'the DNS provider'}.`
    case 'SYNC_RECORDS':
      return `${what}: y shows the records to create.`
    case 'PENDING_VALIDATION':
      return request.validationMethod === 'EMAIL'
        ? `${what}: ACM mailed the admin addresses (e resends).`
        : `${what}: checked in the background (u checks now).`
    case 'ISSUED':
      return `${what}: issued; it is in the Certificates tab.`
    default:
      return `${what}: ${request.state}${request.failureReason ? ` — ${request.failureReason}` : ''}.`
  }
}

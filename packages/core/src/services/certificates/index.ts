/**
 * Certificates: the local repository's entries — import, create, list, tag, export, delete, expiry.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type {
  CertificatesApi,
  CreateOptions,
  ExportOptions,
  GeneratedKeyAlgorithm,
  ImportOptions,
  ImportResult,
  InputFile,
  ListOptions,
  RenewalReason,
} from './api.js'
export { addVersion, newCertificateEntry, newId } from './certificate-entry.js'
export { CertificateEventHub } from './certificate-event-hub.js'
export type { ExpiryStatus } from './certificate-expiry.js'
export { assertExpiryWindow, daysLeft, expiresWithin, expiryLevel } from './certificate-expiry.js'
export { commitImport } from './certificate-import.js'
export { isHostName, validateTags } from './certificate-input.js'
export { CertificateService } from './certificate-service.js'
export { isRevoked, REVOKED_TAG } from './revoked.js'

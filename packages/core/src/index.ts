export type { AuditEvent } from './domain/audit-event.js'
export type {
  Certificate,
  CertificateFacts,
  CertificateOrigin,
  CertificateVersion,
  KeyAlgorithm,
  PendingKey,
} from './domain/certificate.js'
export { KEY_ALGORITHMS } from './domain/certificate.js'
export type {
  CertificateRequest,
  DomainValidation,
  RequestState,
  ValidationRecord,
} from './domain/certificate-request.js'
export type {
  CloudCertificate,
  CloudCertificateKind,
  CloudStoreKind,
  Drift,
} from './domain/cloud-certificate.js'
export type { CertDeckConfig } from './domain/config.js'
export { DEFAULT_CONFIG } from './domain/config.js'
export type { Credential, CredentialKind } from './domain/credential.js'
export type { Deployment, DeploymentState } from './domain/deployment.js'
export type { DnsProviderConfig } from './domain/dns-provider-config.js'
export type { SealedSecret } from './domain/sealed-secret.js'
export { isSealedSecret } from './domain/sealed-secret.js'
export type { RegionScan, StoreData, VaultHeader } from './domain/store-data.js'
export { SCHEMA_VERSION, emptyStoreData } from './domain/store-data.js'
export { CertDeckError, isCertDeckError } from './errors.js'
export type * from './api.js'
export type { CertDeckPlugin, PluginRegistry } from './plugins/plugin.js'
export type {
  CloudCertificateBody,
  CloudCertificateImporter,
  CloudCertificateStore,
  CloudCertificateSummary,
  CloudProvider,
  CloudSession,
  ResolvedCredential,
} from './plugins/cloud-provider.js'
export { canImport } from './plugins/cloud-provider.js'
export type { DnsProvider, DnsRecord, DnsZone } from './plugins/dns-provider.js'
export { AuditLog } from './ports/audit-log.js'
export { Clock, systemClock } from './ports/clock.js'
export { Store } from './ports/store.js'

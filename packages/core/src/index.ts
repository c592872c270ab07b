import 'reflect-metadata'
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
export type {
  CloudCertificateDetails,
  ManagedRenewal,
  RenewalHealth,
  RenewalHealthReason,
  RenewalHealthState,
  Renewer,
  ValidationRecordCheck,
} from './domain/renewal-health.js'
export type { CertDeckConfig } from './domain/config.js'
export { DEFAULT_CONFIG } from './domain/config.js'
export type { Credential, CredentialKind } from './domain/credential.js'
export type { Deployment, DeploymentState } from './domain/deployment.js'
export type { DnsProviderConfig } from './domain/dns-provider-config.js'
export type { SealBinding, SealPurpose, SealedSecret } from './domain/sealed-secret.js'
export { isSealedSecret, sealBinding } from './domain/sealed-secret.js'
export type {
  ChannelKind,
  CommandSettings,
  EmailSettings,
  NotificationChannel,
  NotificationEventKind,
  NotificationLogEntry,
  NotificationRules,
  NotificationSent,
  RuleScope,
  SmtpTls,
  WebhookFormat,
  WebhookSettings,
} from './domain/notification.js'
export { CHANNEL_KINDS, NOTIFICATION_EVENT_KINDS } from './domain/notification.js'
export type { RenewSettings, WatchRun, WatchSetting, WatchTaskKind } from './domain/watch.js'
export { WATCH_TASK_KINDS } from './domain/watch.js'
export type { RegionScan, StoreData, VaultHeader } from './domain/store-data.js'
export { SCHEMA_VERSION, emptyStoreData } from './domain/store-data.js'
export { migrateDocument } from './store/migrations.js'
export { CertDeckError, isCertDeckError } from './errors.js'
export type { EndpointGuard } from './services/credentials/index.js'
export { checkEndpointOf, endpointGuard, endpointSource, isSafeEndpoint } from './services/credentials/index.js'
export { terminalSafe, terminalSafeJson, type TerminalSafeOptions } from './text/terminal-safe.js'
export {
  boundedHttpHandler,
  MAX_RESPONSE_BYTES,
  type HttpBounds,
  type HttpHandlerLike,
} from './network/bounded-http-handler.js'
export type * from './api.js'
export type { CertDeckPlugin, PluginRegistry } from './plugins/plugin.js'
export type {
  CloudCertificateBody,
  CloudCertificateImporter,
  CloudCertificateStore,
  CloudCertificateSummary,
  CloudProvider,
  CloudSession,
  ConnectOptions,
  NetworkTimeouts,
  ResolvedCredential,
} from './plugins/cloud-provider.js'
export { canImport } from './plugins/cloud-provider.js'
export { canLookupRecords } from './plugins/dns-provider.js'
export type {
  DnsProvider,
  DnsRecordLookup,
  DnsProviderInstance,
  DnsProviderSetting,
  DnsProviderType,
  DnsRecord,
  DnsZone,
} from './plugins/dns-provider.js'
export type {
  CertificateAuthority,
  CertificateIssuer,
  ExportedCertificate,
  IssueInput,
  IssuedStatus,
  RequestKeyAlgorithm,
  RevocationReason,
} from './plugins/certificate-issuer.js'
export { REVOCATION_REASONS } from './plugins/certificate-issuer.js'
export { REQUEST_KEY_ALGORITHMS, waitForIssuance } from './services/requests/index.js'
export type { RequestWaitEvent, WaitForIssuanceOptions, WaitOutcome } from './services/requests/index.js'
export { chooseCredential } from './services/credentials/index.js'
export { isRevoked, REVOKED_TAG } from './services/certificates/index.js'
export { AuditLog } from './ports/audit-log.js'
export type { NewVersionListener } from './ports/certificate-events.js'
export { CertificateEvents } from './ports/certificate-events.js'
export { Clock, systemClock } from './ports/clock.js'
export { Store } from './ports/store.js'
export type { UpdateOptions } from './ports/store.js'
export type { Lease, StoreLeases } from './ports/store-leases.js'
export { hasLeases } from './ports/store-leases.js'
export { Config } from './ports/config.js'
export { Plugins } from './ports/plugins.js'
export { DnsChallenges } from './ports/dns-challenges.js'
export { Vault } from './ports/vault.js'
export type { InitCertDeckOptions, InitResult } from './init-certdeck.js'
export { initCertDeck } from './init-certdeck.js'
export type { OpenCertDeckOptions } from './open-certdeck.js'
export { openCertDeck } from './open-certdeck.js'
export type { CoreDependencies } from './register-core.js'
export { registerCore } from './register-core.js'
export { AUDIT_FILE, CONFIG_FILE, STORE_FILE, resolveDataDir } from './store/data-dir.js'
export type { FileStoreOptions, MigrationReport } from './store/file-store.js'
export { FileStore } from './store/file-store.js'
export type { ScryptParams } from './vault/kdf.js'
export { DEFAULT_SCRYPT } from './vault/kdf.js'
export { MIN_PASSPHRASE_LENGTH, assertPassphraseStrength } from './vault/passphrase-policy.js'
export { PLUGIN_PACKAGE_NAME } from './plugins/loader.js'
export {
  CertificateService,
  daysLeft,
  expiresWithin,
  expiryLevel,
  type ExpiryStatus,
  isHostName,
} from './services/certificates/index.js'
export { checkRegion, type RegionCheckOptions } from './services/credentials/index.js'
export { DnsService } from './services/dns/index.js'
export type {
  CertificateUsage,
  CloudCertificateView,
  HealthContext,
  PolicyInput,
  ReadDetailsOptions,
  ReadDetailsSummary,
  RenewalFilter,
  RenewalPolicy,
  ResourceGroup,
} from './services/renewal-health/index.js'
export {
  evaluateRenewalHealth,
  groupResources,
  isRenewalFilter,
  MANAGED_RENEWAL_WINDOW_DAYS,
  needsDetails,
  RENEWAL_FILTERS,
  RENEWAL_POLICIES,
  usageSentence,
  withRenewalHealth,
} from './services/renewal-health/index.js'
export { type LimiterClock, realLimiterClock, TokenBucket } from './services/shared/index.js'
export type { BundleItems, SourcedCertificate, SourcedKey } from './x509/bundle.js'
export { readBundleFiles } from './x509/bundle.js'
export type { CertificateBundle } from './x509/chain.js'
export { assembleBundle } from './x509/chain.js'
export type { PemBundleInput } from './x509/export.js'
export { pemBundle } from './x509/export.js'
export type { CertificateSource } from './x509/facts.js'
export {
  certificateFacts,
  certificateKeyAlgorithm,
  certificatePem,
  fingerprintSha256,
  isSelfSigned,
  issuedBy,
  subjectOf,
  toX509,
} from './x509/facts.js'
export type { CertificateSpec, Issuer } from './x509/generate.js'
export { createCsr, createSelfSigned, issueCertificate, randomSerial } from './x509/generate.js'
export {
  generatePrivateKey,
  keyAlgorithmOf,
  keyMatchesCertificate,
  publicKeyDer,
  publicKeySha256,
  toPkcs8Pem,
} from './x509/keys.js'
export type { PemBlock } from './x509/pem.js'
export { looksLikePem, splitPem, toPem } from './x509/pem.js'
export type { Pkcs12Contents, Pkcs12Input } from './x509/pkcs12.js'
export { looksLikePkcs12, readPkcs12, writePkcs12 } from './x509/pkcs12.js'
export { MAX_INPUT_FILE_BYTES, MAX_PKCS12_ITERATIONS, checkInputSize } from './x509/input-bounds.js'
export { readInputFile } from './x509/read-input-file.js'
export { unavailableLifecycle, unavailableRequests } from './unavailable.js'
export type { CertificateQuery, StoreQueries } from './ports/store-queries.js'
export { hasQueries } from './ports/store-queries.js'
export type { StoreChangeEvent, StoreChanges } from './ports/store-changes.js'
export { hasChanges } from './ports/store-changes.js'
export type { BackendStore, OpenedBackend, StoreBackend } from './store/store-backend.js'
export { JsonlAuditLog, currentActor } from './audit/jsonl-audit-log.js'
export { assertNoSecret } from './audit/secret-guard.js'
export { loadConfig } from './config/load-config.js'
export type {
  AddChannelOptions,
  ChannelView,
  Delivery,
  DigestMessage,
  NotificationEvent,
  NotificationsApi,
  Notifier,
  NotifyRunSummary,
  RulesPatch,
} from './services/notifications/index.js'
export {
  DEFAULT_RULES,
  Notifiers,
  defaultNotifiers,
  parseEventKinds,
  parseScope,
  parseTagSelector,
  parseThresholds,
  webhookSignature,
} from './services/notifications/index.js'
export type {
  RunLoopOptions,
  RunOnceOptions,
  TaskRunReport,
  WatchApi,
  WatchConfig,
  WatchConfigPatch,
  WatchStatus,
  WatchTaskStatus,
} from './services/watch/index.js'
export type { MetricsDeck, MetricsServer } from './services/watch/index.js'
export { DEFAULT_WATCH_CONFIG, OPT_OUT_TAG, parseSchedule, startMetricsServer } from './services/watch/index.js'

export { cloudCertificate } from './cloud-certificate.js'
export { ManualClock } from './manual-clock.js'
export { MemoryAuditLog } from './memory-audit-log.js'
export { MemoryStore } from './memory-store.js'
export { MemoryVault } from './memory-vault.js'
export type { TestCertificate, TestLeafOptions, TestPki, TestPkiOptions } from './test-pki.js'
export { forgePkcs12, inputFile, keyPemAs, makeTestPki, testKey } from './test-pki.js'
export type { CertificateHarness } from './certificate-harness.js'
export { certificateHarness } from './certificate-harness.js'
export type { DnsConformanceOptions, DnsConformanceTarget } from './dns-conformance.js'
export { runDnsProviderConformance } from './dns-conformance.js'
export type {
  MemoryDnsCall,
  MemoryDnsMethod,
  MemoryDnsOptions,
  MemoryDnsProviderType,
  MemoryZoneInput,
} from './memory-dns-provider.js'
export { memoryDnsProvider } from './memory-dns-provider.js'
export { rejection } from './rejection.js'
export type { StoreContractTarget } from './store-contract.js'
export { fullDocument, runStoreContract } from './store-contract.js'

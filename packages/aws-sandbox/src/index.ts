export { startSandbox } from './server.js'
export { silentEndpoint } from './silent-endpoint.js'
export type { TrickleMode } from './trickling-endpoint.js'
export { tricklingEndpoint } from './trickling-endpoint.js'
export { recordingEndpoint } from './recording-endpoint.js'
export type { Sandbox, SandboxOptions } from './server.js'
export type { SandboxControl } from './control.js'
export { serveSandbox, parseServeArgs } from './serve.js'
export type { ServeOptions } from './serve.js'
export { DEMO_SEED } from './seed/plan.js'
export type { SeedKind, SeedOptions, SeedReport } from './seed/plan.js'
export type { FaultOptions, FaultRule, RegionDownMode } from './faults.js'
export { DEFAULT_RATES } from './quotas.js'
export type { QuotaOptions } from './quotas.js'
export { DEFAULT_ACCOUNT_ID } from './accounts.js'
export type { SandboxAccount } from './accounts.js'
export type { CallFilter, CallStats } from './stats.js'
export type {
  AcmCertificateRecord,
  AcmStatus,
  AcmTag,
  DomainValidationRecord,
  LazyBody,
  ManagedRenewalRecord,
} from './acm/model.js'
export type { KeyAlgorithm } from './x509/key-algorithm.js'
export { SandboxError } from './types.js'
export type { SandboxRequest, SandboxResponse, ServiceHandler } from './types.js'
export type {
  BridgedService,
  BridgeRecord,
  IamBridge,
  IamServiceFactory,
  Route53Bridge,
  Route53ServiceFactory,
  SandboxWorld,
  WorldOptions,
} from './world.js'

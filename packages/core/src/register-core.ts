import type { DependencyContainer } from 'tsyringe'
import type { CertDeckConfig } from './domain/config.js'
import { AuditLog } from './ports/audit-log.js'
import { CertificateEvents } from './ports/certificate-events.js'
import { Clock } from './ports/clock.js'
import { Config } from './ports/config.js'
import { DnsChallenges } from './ports/dns-challenges.js'
import { ValidationRecordChecks } from './ports/validation-record-checks.js'
import { Plugins } from './ports/plugins.js'
import { Store } from './ports/store.js'
import { Vault } from './ports/vault.js'
import { CertificateEventHub } from './services/certificates/index.js'
import { DnsService } from './services/dns/index.js'

/** The ports core's services are built on. */
export interface CoreDependencies {
  readonly store: Store
  readonly vault: Vault
  readonly auditLog: AuditLog
  readonly clock: Clock
  readonly config: CertDeckConfig
  readonly plugins: Plugins
}

/**
 * Registers core's ports in `container` (a child container: never the global one), and the DNS
 * service, which needs no cloud plugin (a hook provider uses no credential).
 */
export function registerCore(container: DependencyContainer, deps: CoreDependencies): DependencyContainer {
  container.register(Store, { useValue: deps.store })
  container.register(Vault, { useValue: deps.vault })
  container.register(AuditLog, { useValue: deps.auditLog })
  container.register(Clock, { useValue: deps.clock })
  container.register(Config, { useValue: deps.config })
  container.register(Plugins, { useValue: deps.plugins })
  container.register(CertificateEvents, { useValue: new CertificateEventHub() })
  container.registerSingleton(DnsService)
  container.register(DnsChallenges, { useToken: DnsService })
  container.register(ValidationRecordChecks, { useToken: DnsService })
  return container
}

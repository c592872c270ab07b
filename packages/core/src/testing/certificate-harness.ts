import { container } from 'tsyringe'
import { AuditLog } from '../ports/audit-log.js'
import { CertificateEvents } from '../ports/certificate-events.js'
import { Clock } from '../ports/clock.js'
import { Store } from '../ports/store.js'
import { Vault } from '../ports/vault.js'
import { CertificateEventHub, CertificateService } from '../services/certificates/index.js'
import { ManualClock } from './manual-clock.js'
import { MemoryAuditLog } from './memory-audit-log.js'
import { MemoryStore } from './memory-store.js'
import { MemoryVault } from './memory-vault.js'

/** A {@link CertificateService} over in-memory fakes, with the fakes at hand for assertions. */
export interface CertificateHarness {
  readonly service: CertificateService
  readonly store: MemoryStore
  readonly vault: MemoryVault
  readonly audit: MemoryAuditLog
  readonly clock: ManualClock
}

/** Builds a {@link CertificateHarness} through a child container, as the composition root does. */
export function certificateHarness(options: { now?: Date } = {}): CertificateHarness {
  const store = new MemoryStore()
  const vault = new MemoryVault()
  const audit = new MemoryAuditLog()
  const clock = new ManualClock(options.now ?? new Date())
  const child = container.createChildContainer()
  child.register(Store, { useValue: store })
  child.register(Vault, { useValue: vault })
  child.register(AuditLog, { useValue: audit })
  child.register(Clock, { useValue: clock })
  child.register(CertificateEvents, { useValue: new CertificateEventHub() })
  return { service: child.resolve(CertificateService), store, vault, audit, clock }
}

import { container } from 'tsyringe'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { Vault } from '../../ports/vault.js'
import { certificateHarness } from '../../testing/certificate-harness.js'
import { defaultNotifiers } from './default-notifiers.js'
import { NotificationService } from './notification-service.js'
import { Notifiers } from './notifier.js'

/** A {@link NotificationService} over the in-memory fakes of a certificate harness, with the real channels. */
export function notificationHarness(now: Date) {
  const harness = certificateHarness({ now })
  const child = container.createChildContainer()
  child.register(Store, { useValue: harness.store })
  child.register(Vault, { useValue: harness.vault })
  child.register(AuditLog, { useValue: harness.audit })
  child.register(Clock, { useValue: harness.clock })
  child.register(Notifiers, { useValue: defaultNotifiers })
  return { ...harness, notifications: child.resolve(NotificationService) }
}

import { randomBytes } from 'node:crypto'
import { inject, injectable } from 'tsyringe'
import { audited } from '../../audit/audited.js'
import type { NotificationChannel, NotificationLogEntry, NotificationRules } from '../../domain/notification.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { Vault } from '../../ports/vault.js'
import { notifySecretBinding } from '../../vault/seal-bindings.js'
import { buildChannel } from './channel-build.js'
import { buildDigest, type DigestMessage, sampleDigest } from './digest.js'
import { evaluateEvents, sentInForce } from './event-policies.js'
import { sentKey } from './notification-event.js'
import { rulesOf } from './notification-rules.js'
import type {
  AddChannelOptions,
  ChannelView,
  Delivery,
  NotificationsApi,
  NotifyRunSummary,
  RulesPatch,
} from './notification-types.js'
import { Notifiers } from './notifier.js'
import { checkRulesPatch } from './rules-patch.js'

/** Delivery attempts kept in the repository. */
const LOG_LIMIT = 200

/** The shown form of a channel: no sealed secret. */
export function channelView(channel: NotificationChannel): ChannelView {
  const { email, webhook, ...rest } = channel
  return {
    ...rest,
    ...(email ? { email: { ...email, password: email.password !== undefined } } : {}),
    ...(webhook ? { webhook: { ...webhook, signed: webhook.secret !== undefined } } : {}),
  } as ChannelView
}

function unknownChannel(name: string, data: StoreData): CertDeckError {
  const names = data.notificationChannels.map((c) => c.name)
  return new CertDeckError(
    'CHANNEL_NOT_FOUND',
    `There is no notification channel named ${JSON.stringify(name)}. ` +
      `${names.length ? `Channels: ${names.join(', ')}.` : 'Add one with certdeck notify add.'}`,
  )
}

/**
 * Notification channels, rules and delivery: evaluates the events of the repository with the
 * named policies, and sends each channel one digest per run of what it was not told yet; a
 * (channel, event, subject, threshold) is marked sent only once the channel accepted it.
 */
@injectable()
export class NotificationService implements NotificationsApi {
  constructor(
    @inject(Store) private readonly store: Store,
    @inject(Vault) private readonly vault: Vault,
    @inject(Clock) private readonly clock: Clock,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Notifiers) private readonly notifiers: Notifiers,
  ) {}

  async channels(): Promise<ChannelView[]> {
    return [...(await this.store.read()).notificationChannels]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(channelView)
  }

  async addChannel(options: AddChannelOptions): Promise<ChannelView> {
    const id = randomBytes(6).toString('hex')
    const channel = await buildChannel(options, id, this.clock.now(), this.vault)
    return audited(
      this.audit,
      { action: 'notify.add', target: options.name },
      () =>
        this.store.update((data) => {
          if (data.notificationChannels.some((c) => c.name === channel.name)) {
            throw new CertDeckError(
              'CHANNEL_EXISTS',
              `A notification channel named ${JSON.stringify(channel.name)} already exists. Choose another name, or ` +
                `remove it first (certdeck notify remove ${channel.name}).`,
            )
          }
          data.notificationChannels.push(channel)
          return channelView(channel)
        }),
      (view) => view.kind,
    )
  }

  async removeChannel(name: string): Promise<void> {
    await audited(this.audit, { action: 'notify.remove', target: name }, () =>
      this.store.update((data) => {
        const channel = data.notificationChannels.find((c) => c.name === name)
        if (!channel) throw unknownChannel(name, data)
        data.notificationChannels = data.notificationChannels.filter((c) => c.id !== channel.id)
        data.notificationsSent = data.notificationsSent.filter((s) => s.channelId !== channel.id)
      }),
    )
  }

  async testChannel(name: string, options: { readonly signal?: AbortSignal } = {}): Promise<string> {
    const data = await this.store.read()
    const channel = data.notificationChannels.find((c) => c.name === name)
    if (!channel) throw unknownChannel(name, data)
    const digest = sampleDigest(this.clock.now())
    const delivery = await this.deliver(channel, digest, 1, options.signal)
    await this.store.update((d) => {
      d.notificationLog = trimLog([...d.notificationLog, logEntry(delivery, this.clock.now())])
    })
    if (!delivery.ok) throw new CertDeckError('NOTIFY_FAILED', `${name}: ${delivery.detail}`, { kind: 'failure' })
    return delivery.detail
  }

  async rules(): Promise<NotificationRules> {
    return rulesOf(await this.store.read())
  }

  async setRules(patch: RulesPatch): Promise<NotificationRules> {
    return audited(
      this.audit,
      { action: 'notify.rules', target: 'default' },
      () =>
        this.store.update((data) => {
          const next = checkRulesPatch(rulesOf(data), patch, data)
          data.notificationRules = [next]
          return next
        }),
      (rules) => `thresholds ${rules.thresholds.join(',')}; scope ${rules.scope}`,
    )
  }

  async run(options: { readonly signal?: AbortSignal } = {}): Promise<NotifyRunSummary> {
    const data = await this.store.read()
    const now = this.clock.now()
    const rules = rulesOf(data)
    const events = evaluateEvents({ data, rules, now })
    const told = new Set(sentInForce(data, now).map((s) => s.key))
    const channels = data.notificationChannels.filter(
      (c) => rules.channels.length === 0 || rules.channels.includes(c.name),
    )
    const deliveries: Delivery[] = []
    const sent: StoreData['notificationsSent'] = []
    for (const channel of channels) {
      const fresh = events.filter((e) => !told.has(sentKey(channel.id, e)))
      const digest = buildDigest(fresh, now)
      if (!digest) continue
      const delivery = await this.deliver(channel, digest, fresh.length, options.signal)
      deliveries.push(delivery)
      if (!delivery.ok) continue
      const at = this.clock.now().toISOString()
      for (const e of fresh) {
        sent.push({
          key: sentKey(channel.id, e),
          channelId: channel.id,
          event: e.event,
          subject: e.subject,
          threshold: e.threshold,
          ...(e.notAfter ? { notAfter: e.notAfter } : {}),
          sentAt: at,
        })
      }
    }
    await this.store.update((d) => {
      const kept = sentInForce(d, now)
      const keys = new Set(sent.map((s) => s.key))
      d.notificationsSent = [...kept.filter((s) => !keys.has(s.key)), ...sent]
      d.notificationLog = trimLog([...d.notificationLog, ...deliveries.map((x) => logEntry(x, now))])
      d.notificationChannels = d.notificationChannels.map((c) => countDeliveries(c, deliveries))
    })
    return { found: events.length, deliveries }
  }

  async log(limit = 20): Promise<NotificationLogEntry[]> {
    return [...(await this.store.read()).notificationLog].reverse().slice(0, limit)
  }

  private async deliver(
    channel: NotificationChannel,
    digest: DigestMessage,
    events: number,
    signal?: AbortSignal,
  ): Promise<Delivery> {
    const sealed = channel.email?.password ?? channel.webhook?.secret
    try {
      const secret = sealed ? this.vault.open(sealed, notifySecretBinding(channel.id)).toString('utf8') : undefined
      const detail = await this.notifiers.create(channel, secret).send(digest, signal)
      return { channel: channel.name, ok: true, title: digest.title, events, detail }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return { channel: channel.name, ok: false, title: digest.title, events, detail }
    }
  }
}

function countDeliveries(channel: NotificationChannel, deliveries: readonly Delivery[]): NotificationChannel {
  const mine = deliveries.filter((d) => d.channel === channel.name)
  if (mine.length === 0) return channel
  const ok = mine.filter((d) => d.ok).length
  return { ...channel, delivered: (channel.delivered ?? 0) + ok, failed: (channel.failed ?? 0) + mine.length - ok }
}

function logEntry(delivery: Delivery, at: Date): NotificationLogEntry {
  return { at: at.toISOString(), ...delivery }
}

function trimLog(log: NotificationLogEntry[]): NotificationLogEntry[] {
  return log.slice(-LOG_LIMIT)
}

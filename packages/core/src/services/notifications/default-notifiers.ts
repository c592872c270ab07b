import type { NotificationChannel } from '../../domain/notification.js'
import { commandNotifier } from './command-notifier.js'
import { emailNotifier } from './email-notifier.js'
import type { Notifier, Notifiers } from './notifier.js'
import { webhookNotifier } from './webhook-notifier.js'

/** The built-in channels: email (nodemailer), webhook (fetch) and command (execFile). */
export const defaultNotifiers: Notifiers = {
  create(channel: NotificationChannel, secret: string | undefined): Notifier {
    if (channel.email) return emailNotifier(channel.email, secret)
    if (channel.webhook) return webhookNotifier(channel.webhook, secret)
    if (channel.command) return commandNotifier(channel.command)
    throw new Error(`channel ${channel.name} has no settings for its kind ${channel.kind}`)
  },
}

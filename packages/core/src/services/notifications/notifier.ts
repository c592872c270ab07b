import type { InjectionToken } from 'tsyringe'
import type { NotificationChannel } from '../../domain/notification.js'
import type { DigestMessage } from './digest.js'

/**
 * One configured channel, ready to deliver. Rules: `send` resolves only once the channel accepted
 * the message (the SMTP server queued it, the webhook answered 2xx, the script exited 0), with the
 * server's answer in plain words; it rejects otherwise, with a message that names no secret. It
 * honours `signal` and bounds its own time.
 */
export interface Notifier {
  send(message: DigestMessage, signal?: AbortSignal): Promise<string>
}

/** Builds the {@link Notifier} of a channel; `secret` is its opened SMTP password or webhook signing secret. */
export interface Notifiers {
  create(channel: NotificationChannel, secret: string | undefined): Notifier
}
export const Notifiers = Symbol('Notifiers') as InjectionToken<Notifiers>

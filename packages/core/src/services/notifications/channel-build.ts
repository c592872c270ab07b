import type { NotificationChannel } from '../../domain/notification.js'
import type { Vault } from '../../ports/vault.js'
import { notifySecretBinding } from '../../vault/seal-bindings.js'
import {
  checkAddress,
  checkCaPem,
  checkChannelName,
  checkHost,
  checkPort,
  checkScript,
  checkTls,
  checkWebhookFormat,
  checkWebhookUrl,
} from './channel-checks.js'
import { COMMAND_TIMEOUT_MS } from './command-notifier.js'
import type { AddChannelOptions } from './notification-types.js'
import { CertDeckError } from '../../errors.js'

/** Checks every field of a new channel and builds it, its secret sealed for the channel id. */
export async function buildChannel(
  options: AddChannelOptions,
  id: string,
  now: Date,
  vault: Vault,
): Promise<NotificationChannel> {
  const name = checkChannelName(options.name)
  const base = { id, name, kind: options.kind, createdAt: now.toISOString() }
  const seal = (secret: string | undefined) =>
    secret === undefined || secret === '' ? undefined : vault.seal(secret, notifySecretBinding(id))
  switch (options.kind) {
    case 'email': {
      if (options.to.length === 0)
        throw new CertDeckError('CHANNEL_INVALID', 'An email channel needs at least one --to address.')
      if (options.password !== undefined && !options.user)
        throw new CertDeckError('CHANNEL_INVALID', 'An SMTP password was given without --smtp-user. Give the user too.')
      const password = seal(options.password)
      return {
        ...base,
        email: {
          host: checkHost(options.host),
          port: checkPort(options.port),
          tls: checkTls(options.tls),
          ...(options.user ? { user: options.user } : {}),
          ...(password ? { password } : {}),
          ...(options.caPem ? { caPem: checkCaPem(options.caPem) } : {}),
          from: checkAddress(options.from, '--from'),
          to: [...new Set(options.to.map((t) => checkAddress(t, '--to')))],
        },
      }
    }
    case 'webhook': {
      const url = checkWebhookUrl(options.url)
      const format = checkWebhookFormat(options.format ?? 'json')
      const secret = seal(options.secret)
      return { ...base, webhook: { url, format, ...(secret ? { secret } : {}) } }
    }
    case 'command': {
      const timeoutMs = options.timeoutMs ?? COMMAND_TIMEOUT_MS
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1000 || timeoutMs > 600_000)
        throw new CertDeckError('CHANNEL_INVALID', 'The script time-out must be between 1 and 600 seconds.')
      return { ...base, command: { script: await checkScript(options.script), timeoutMs } }
    }
  }
}

import { createHmac } from 'node:crypto'
import type { WebhookSettings } from '../../domain/notification.js'
import { CertDeckError } from '../../errors.js'
import { type DigestMessage, printable } from './digest.js'
import type { Notifier } from './notifier.js'
import { webhookPayload } from './webhook-payloads.js'

/** How long one post may take. */
const WEBHOOK_TIMEOUT_MS = 15_000
/** At most this much of an answer is kept for messages. */
const ANSWER_CHARS = 200

/** The `X-CertDeck-Signature` value of a body: `sha256=<hex HMAC-SHA256 under the secret>`. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

/** A webhook channel: POSTs the digest as JSON in the channel's format, signed when it has a secret. */
export function webhookNotifier(settings: WebhookSettings, secret: string | undefined): Notifier {
  return {
    async send(message: DigestMessage, signal?: AbortSignal): Promise<string> {
      const body = JSON.stringify(webhookPayload(settings.format, message))
      const timeout = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)
      const host = new URL(settings.url).host
      let response: Response
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'certdeck',
            ...(secret ? { 'x-certdeck-signature': signature(secret, body) } : {}),
          },
          body,
          redirect: 'error',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        })
      } catch (error) {
        const reason = timeout.aborted ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : (error as Error).message
        throw new CertDeckError('NOTIFY_FAILED', `the webhook at ${host} could not be reached: ${reason}`, {
          kind: 'failure',
          cause: error,
        })
      }
      const answer = printable((await response.text().catch(() => '')).slice(0, ANSWER_CHARS))
      if (!response.ok) {
        throw new CertDeckError(
          'NOTIFY_FAILED',
          `the webhook at ${host} answered ${response.status} ${response.statusText}${answer ? `: ${answer}` : ''}`,
          { kind: 'failure' },
        )
      }
      return `${response.status} ${response.statusText}${answer ? `: ${answer}` : ''}`
    },
  }
}

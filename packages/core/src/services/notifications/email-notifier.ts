import type { EmailSettings } from '../../domain/notification.js'
import { CertDeckError } from '../../errors.js'
import type { DigestMessage } from './digest.js'
import type { Notifier } from './notifier.js'

/** How long one SMTP conversation may take, each phase. */
const SMTP_TIMEOUT_MS = 20_000

function describeSmtpError(settings: EmailSettings, error: unknown): string {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string }
  const where = `${settings.host}:${settings.port}`
  if (e.code === 'EAUTH')
    return (
      `the SMTP server ${where} refused the login of ` +
      `${settings.user ?? '(no user)'}${e.response ? `: ${e.response}` : ''}. ` +
      'Check the user and password (certdeck notify remove, then add it again).'
    )
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'ETIMEDOUT')
    return (
      `the SMTP server ${where} could not be reached or the TLS handshake failed (${e.message ?? e.code}). ` +
      `Check the host, port and --tls.`
    )
  if (e.responseCode) return `the SMTP server ${where} answered ${e.responseCode}: ${e.response ?? e.message}`
  return `sending through ${where} failed: ${e.message ?? String(error)}`
}

/**
 * An email channel: one message with a text and an HTML part, sent through SMTP by nodemailer
 * (`tls`: implicit TLS; `starttls`: required upgrade; `none`: plain, never upgraded).
 */
export function emailNotifier(settings: EmailSettings, password: string | undefined): Notifier {
  return {
    async send(message: DigestMessage, signal?: AbortSignal): Promise<string> {
      // Loaded on the first email: nodemailer is ~100 modules, and most commands never send mail.
      const { default: nodemailer } = await import('nodemailer')
      const transport = nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.tls === 'tls',
        requireTLS: settings.tls === 'starttls',
        ignoreTLS: settings.tls === 'none',
        ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
        ...(settings.caPem ? { tls: { ca: settings.caPem } } : {}),
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      })
      const abort = () => transport.close()
      signal?.addEventListener('abort', abort, { once: true })
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: [...settings.to],
          subject: message.title,
          text: message.text,
          html: message.html,
        })
        const rejected = (info.rejected ?? []).map(String)
        if (rejected.length === settings.to.length) {
          throw new CertDeckError('NOTIFY_FAILED', `the SMTP server refused every recipient (${rejected.join(', ')})`, {
            kind: 'failure',
          })
        }
        return `accepted for ${info.accepted.map(String).join(', ')}: ${info.response}`
      } catch (error) {
        if (error instanceof CertDeckError) throw error
        throw new CertDeckError('NOTIFY_FAILED', describeSmtpError(settings, error), { kind: 'failure', cause: error })
      } finally {
        signal?.removeEventListener('abort', abort)
        transport.close()
      }
    },
  }
}

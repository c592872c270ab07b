import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import type { SmtpTls, WebhookFormat } from '../../domain/notification.js'
import { CertDeckError } from '../../errors.js'

const bad = (message: string) => new CertDeckError('CHANNEL_INVALID', message)

/** A channel name: letters, digits, `.`, `_`, `-`, at most 64. */
export function checkChannelName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw bad(
      `The channel name ${JSON.stringify(name)} is not accepted. Use 1–64 letters, digits, '.', '_' or '-', ` +
        `starting with a letter or digit, e.g. ops-mail.`,
    )
  }
  return name
}

/** True for a host name that can only mean this machine: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  const octets = hostname.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

/** A webhook URL: `https://` anywhere, plain `http://` only to this machine. */
export function checkWebhookUrl(text: string): string {
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw bad(`${JSON.stringify(text)} is not a webhook URL. Give one like https://hooks.example.com/certdeck.`)
  }
  if (url.username || url.password) {
    throw bad(
      'The webhook URL carries a user or password; put no credential in a URL. Use --secret-stdin to sign the posts.',
    )
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw bad(
      `The webhook URL ${url.origin} is plain http to another machine: certificate names and events would cross the ` +
        `network unencrypted. Use https://, or plain http only to this machine (localhost, 127.0.0.1, [::1]).`,
    )
  }
  return url.toString()
}

/** A webhook format name. */
export function checkWebhookFormat(format: string): WebhookFormat {
  if (format === 'json' || format === 'slack' || format === 'teams') return format
  throw bad(`Unknown webhook format ${JSON.stringify(format)}. Accepted formats are json, slack and teams.`)
}

/** An SMTP TLS mode name. */
export function checkTls(tls: string): SmtpTls {
  if (tls === 'none' || tls === 'starttls' || tls === 'tls') return tls
  throw bad(`Unknown --tls ${JSON.stringify(tls)}. Accepted values are none, starttls and tls.`)
}

/** An SMTP host name or address. */
export function checkHost(host: string): string {
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host)) {
    throw bad(`The SMTP host ${JSON.stringify(host)} is not a host name or address. Give one like smtp.example.com.`)
  }
  return host
}

/** A TCP port. */
export function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw bad(`The SMTP port ${JSON.stringify(port)} is not a port number. Give one between 1 and 65535, e.g. 587.`)
  }
  return port
}

/** A mail address, or `Name <address>`. */
export function checkAddress(text: string, what: string): string {
  const address = /<([^<>]+)>\s*$/.exec(text)?.[1] ?? text
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(address) || /[\p{Cc}]/u.test(text)) {
    throw bad(`The ${what} address ${JSON.stringify(text)} is not a mail address. Give one like ops@example.com.`)
  }
  return text
}

/** A script path: absolute, an executable regular file. */
export async function checkScript(path: string): Promise<string> {
  if (!isAbsolute(path)) throw bad(`The script path ${JSON.stringify(path)} is not absolute. Give the full path.`)
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) throw bad(`The script ${path} does not exist or is not a file.`)
  if (
    !(await access(path, constants.X_OK).then(
      () => true,
      () => false,
    ))
  ) {
    throw bad(`The script ${path} is not executable. Make it so with: chmod +x ${path}`)
  }
  return path
}

/** A PEM bundle of certificate authorities. */
export function checkCaPem(pem: string): string {
  if (!/-----BEGIN CERTIFICATE-----/.test(pem) || pem.length > 256 * 1024) {
    throw bad('The CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----), or is over 256 KB.')
  }
  return pem
}

import { readFileSync } from 'node:fs'
import { CertDeckError } from '@certdeck/core'
import type { ClientConfig } from 'pg'
import { parse } from 'pg-connection-string'

/** A parsed `postgres://` store URL. */
export interface PostgresLocation {
  /** The URL as given (never printed). */
  readonly url: string
  /** The URL without password or secret query values, safe for messages, logs and audit events. */
  readonly redacted: string
  /** The role and database, for messages. */
  readonly user: string
  readonly database: string
  /** The driver settings parsed from the URL (`sslmode`, `sslrootcert`… honoured) and the password. */
  readonly config: ClientConfig
}

const SECRET_PARAMS = new Set(['password', 'sslpassword', 'passfile'])

/** True when `value` names a PostgreSQL store rather than a directory. */
export function isPostgresUrl(value: string | undefined): value is string {
  return value !== undefined && /^postgres(ql)?:\/\//i.test(value.trim())
}

/** `url` without its password or secret query values. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.password = ''
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMS.has(name.toLowerCase())) parsed.searchParams.set(name, 'redacted')
    }
    return parsed.toString()
  } catch {
    return 'postgres://(unparsable URL)'
  }
}

/**
 * Parses a store URL. A password inside the URL is refused (it would sit in argv, shell history
 * or config.json): it comes from `PGPASSWORD`, the file named by `CERTDECK_STORE_PASSWORD_FILE`,
 * or `~/.pgpass` (read by the driver).
 */
export function parseStoreUrl(url: string, env: NodeJS.ProcessEnv = process.env): PostgresLocation {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch (cause) {
    throw new CertDeckError(
      'STORE_URL_INVALID',
      `The store URL ${redactUrl(url)} cannot be parsed. Give it as postgres://ROLE@HOST:PORT/DATABASE?sslmode=verify-full.`,
      { cause },
    )
  }
  const redacted = redactUrl(url)
  if (parsed.password !== '' || parsed.searchParams.has('password')) {
    throw new CertDeckError(
      'STORE_URL_HAS_PASSWORD',
      `The store URL ${redacted} carries a password, which would be visible in the process list, shell history ` +
        'or config.json. Remove it from the URL and put it in PGPASSWORD, in a file named by ' +
        'CERTDECK_STORE_PASSWORD_FILE, or in ~/.pgpass.',
    )
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  if (database === '') {
    throw new CertDeckError(
      'STORE_URL_INVALID',
      `The store URL ${redacted} names no database. Add one: postgres://ROLE@HOST:PORT/certdeck.`,
    )
  }
  const user = decodeURIComponent(parsed.username) || env.PGUSER || env.USER || 'postgres'
  // Parsed here rather than passed as connectionString, which the driver lets override the password.
  const settings = Object.fromEntries(
    Object.entries(parse(url.trim())).filter(([, v]) => v !== undefined && v !== null),
  )
  const config = { ...settings, user, password: passwordOf(env) } as ClientConfig
  return { url, redacted, user, database, config }
}

function passwordOf(env: NodeJS.ProcessEnv): string | undefined {
  if (env.PGPASSWORD) return env.PGPASSWORD
  const file = env.CERTDECK_STORE_PASSWORD_FILE
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8').split('\n')[0]
  } catch (cause) {
    throw new CertDeckError(
      'STORE_PASSWORD_FILE_UNREADABLE',
      `CERTDECK_STORE_PASSWORD_FILE names ${file}, which cannot be read (${(cause as NodeJS.ErrnoException).code}). ` +
        'Point it at a readable file whose first line is the password, or unset it.',
      { cause },
    )
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN'])

/**
 * A clear error for a failed connection or query: what happened at which (redacted) location
 * and what to do; anything unknown keeps the driver's message with the URL redacted.
 */
export function storeError(error: unknown, location: PostgresLocation, doing: string): Error {
  if (error instanceof CertDeckError) return error
  const err = error as { code?: string; message?: string }
  const code = err.code ?? ''
  const said = scrub(err.message ?? String(error), location)
  const where = `the PostgreSQL store ${location.redacted}`
  // SQLSTATE class 08 (connection exception) and 57P0x (the server shutting down, starting or restarting).
  const serverGone = /^(08|57P0)/.test(code)
  if (UNREACHABLE.has(code) || serverGone || /timeout|terminated unexpectedly|Connection terminated/i.test(said)) {
    return new CertDeckError(
      'STORE_UNREACHABLE',
      `Could not reach ${where} while ${doing} (${said}). Check the host and port, that the server runs and ` +
        'accepts connections from this machine; nothing was written.',
      { kind: 'failure', cause: error },
    )
  }
  if (code === '28P01' || code === '28000') {
    return new CertDeckError(
      'STORE_LOGIN_FAILED',
      `${where} refused the login of role "${location.user}" (${said}). Set the right password in PGPASSWORD, ` +
        'in a file named by CERTDECK_STORE_PASSWORD_FILE, or in ~/.pgpass; nothing was written.',
      { kind: 'failure', cause: error },
    )
  }
  if (code === '3D000') {
    return new CertDeckError(
      'STORE_DATABASE_MISSING',
      `The database "${location.database}" of ${where} does not exist. Create it first ` +
        `(CREATE DATABASE ${location.database} OWNER ${location.user}); nothing was written.`,
      { kind: 'failure', cause: error },
    )
  }
  if (/SSL|TLS|certificate/i.test(said)) {
    return new CertDeckError(
      'STORE_TLS_FAILED',
      `The TLS connection to ${where} failed (${said}). Check sslmode and sslrootcert in the URL; nothing was written.`,
      { kind: 'failure', cause: error },
    )
  }
  return new CertDeckError('STORE_FAILED', `${where} failed while ${doing}: ${said}`, {
    kind: 'failure',
    cause: error,
  })
}

/** `text` with the store URL (and its password, if the environment gave one) replaced. */
export function scrub(text: string, location: PostgresLocation): string {
  let out = text.split(location.url).join(location.redacted)
  const password = typeof location.config.password === 'string' ? location.config.password : undefined
  if (password && password.length >= 4) out = out.split(password).join('***')
  return out
}

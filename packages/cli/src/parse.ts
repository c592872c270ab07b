import type { GeneratedKeyAlgorithm } from '@certdeck/core'
import { InvalidArgumentError } from 'commander'
import { loadedCore } from './core.js'

/** `--key` values and the key algorithms they stand for. */
export const KEY_CHOICES: Readonly<Record<string, GeneratedKeyAlgorithm>> = {
  rsa2048: 'RSA_2048',
  rsa3072: 'RSA_3072',
  rsa4096: 'RSA_4096',
  p256: 'EC_prime256v1',
  p384: 'EC_secp384r1',
}

const UNIT_DAYS: Readonly<Record<string, number>> = { h: 1 / 24, d: 1, w: 7 }

/** A window such as `30d`, `12h`, `2w` or plain `30` (days), as a number of days. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([hdw]?)$/.exec(text.trim())
  if (!match) {
    throw new InvalidArgumentError(
      `'${text}' is not a duration. Accepted: a number of days (30), or a number followed by ` +
        'h, d or w (12h, 30d, 2w).',
    )
  }
  return Number(match[1]) * UNIT_DAYS[match[2] || 'd']
}

/** A time-out as given and in milliseconds. */
export interface Timeout {
  readonly text: string
  readonly ms: number
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** The longest time-out: ACM gives up on an unvalidated request after 72 hours. */
const MAX_TIMEOUT_MS = 72 * 3_600_000

/** A time-out such as `90s`, `10m`, `1h` (the units of `watch` intervals: s, m, h, d), from 1s to 72h. */
export function parseTimeout(text: string): Timeout {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim())
  if (!match || Number(match[1]) === 0) {
    throw new InvalidArgumentError(
      `'${text}' is not a time-out. Accepted: a whole number of at least 1 followed by s, m, h or d (90s, 10m, 1h).`,
    )
  }
  const ms = Number(match[1]) * (UNIT_MS[match[2] as string] as number)
  if (ms > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      `'${text}' is longer than ACM waits for a validation (72 hours). Give at most 72h (or 3d).`,
    )
  }
  return { text: text.trim(), ms }
}

/** A whole number ≥ 1, for `--days` and `--limit`. */
export function parsePositiveInt(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`'${text}' is not a whole number of at least 1.`)
  }
  return Number(text)
}

/** A TCP port, 0 to 65535 (0 picks a free one). */
export function parsePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) {
    throw new InvalidArgumentError(`'${text}' is not a port. Accepted: a whole number from 0 to 65535.`)
  }
  return Number(text)
}

/** Parses `key=value` (the value may be empty); the key must not be. */
export function parseTag(text: string): [string, string] {
  const equals = text.indexOf('=')
  if (equals <= 0) {
    throw new InvalidArgumentError(`'${text}' is not a tag. Write it as key=value, e.g. env=prod.`)
  }
  return [text.slice(0, equals), text.slice(equals + 1)]
}

/** Commander's collector for repeatable options. */
export function collect<T>(parse: (text: string) => T): (text: string, previous: T[] | undefined) => T[] {
  return (text, previous) => [...(previous ?? []), parse(text)]
}

/** Whole days from `now` to `notAfter`, rounded down (negative once expired): core's rule. */
export function daysLeft(notAfter: string, now = Date.now()): number {
  return loadedCore().daysLeft({ notAfter }, new Date(now))
}

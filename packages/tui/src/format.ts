import { tuiWording } from './tui-wording.js'
import { daysLeft as daysLeftAt } from '@certdeck/core'
import { MARK, type Tone } from './theme.js'

/** Whole days from `now` until `iso` (negative once past), rounded down: core's rule. */
export function daysLeft(iso: string, now: Date): number {
  return daysLeftAt({ notAfter: iso }, now)
}

/** How close to expiry a certificate is. */
export type ExpiryLevel = 'ok' | 'warning' | 'critical' | 'expired'

/**
 * The level of `days` left against the notification thresholds (largest first, e.g.
 * [30, 14, 7, 1]): past the largest is a warning; past the second smallest (7 by default) is
 * critical; below zero is expired.
 */
export function expiryLevel(days: number, thresholds: readonly number[]): ExpiryLevel {
  if (days < 0) return 'expired'
  const { warning, critical } = boundsOf(thresholds)
  if (days <= critical) return 'critical'
  if (days <= warning) return 'warning'
  return 'ok'
}

const bounds = new WeakMap<readonly number[], { warning: number; critical: number }>()

/** The warning and critical day counts of a threshold list, worked out once per list. */
function boundsOf(thresholds: readonly number[]): { warning: number; critical: number } {
  let found = bounds.get(thresholds)
  if (!found) {
    const sorted = [...thresholds].sort((a, b) => b - a)
    found =
      sorted.length === 0
        ? { warning: -1, critical: -1 }
        : { warning: sorted[0], critical: sorted.length >= 2 ? sorted[sorted.length - 2] : sorted[0] }
    bounds.set(thresholds, found)
  }
  return found
}

const LEVEL_TONE: Record<ExpiryLevel, Tone> = {
  ok: 'ok',
  warning: 'warn',
  critical: 'danger',
  expired: 'danger',
}

const LEVEL_MARK: Record<ExpiryLevel, string> = {
  ok: ' ',
  warning: MARK.warning,
  critical: MARK.critical,
  expired: MARK.expired,
}

/** An expiry cell: the date, the days left and a mark that says the level without colour. */
export interface ExpiryCell {
  readonly text: string
  readonly tone: Tone
  readonly level: ExpiryLevel
  readonly days: number
}

/** Formats an expiry date as `2026-03-01 12d !` (expired: `2025-01-01 -3d ✗`). */
export function expiryCell(iso: string | undefined, thresholds: readonly number[], now: Date): ExpiryCell {
  if (!iso) return { text: '—', tone: 'muted', level: 'ok', days: Number.POSITIVE_INFINITY }
  const days = daysLeft(iso, now)
  const level = expiryLevel(days, thresholds)
  return { text: `${shortDate(iso)} ${days}d ${LEVEL_MARK[level]}`.trimEnd(), tone: LEVEL_TONE[level], level, days }
}

/** `YYYY-MM-DD` of an ISO timestamp (UTC). */
export function shortDate(iso: string): string {
  return iso.slice(0, 10)
}

/** `YYYY-MM-DD HH:MM` of an ISO timestamp (UTC). */
export function shortDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

/** `1 certificate` / `3 certificates`. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/**
 * The error text to show: a CertDeckError's message (the CLI commands it names said as the TUI's
 * keys where there is one), anything else marked as unexpected.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.name === 'CertDeckError') return tuiWording(error.message)
  const message = error instanceof Error ? error.message : String(error)
  return `Unexpected error: ${message}. Press r to reload the data; if it happens again, please report it.`
}

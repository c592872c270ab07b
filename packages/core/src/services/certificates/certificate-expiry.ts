import type { CertificateFacts } from '../../domain/certificate.js'
import { DEFAULT_CONFIG } from '../../domain/config.js'
import { CertDeckError } from '../../errors.js'

const DAY = 86_400_000

/** Whole days left before `notAfter`: 0 on the last day, negative once expired. */
export function daysLeft(certificate: Pick<CertificateFacts, 'notAfter'>, now: Date): number {
  return Math.floor((Date.parse(certificate.notAfter) - now.getTime()) / DAY)
}

/** Where a certificate stands against the expiry thresholds. */
export interface ExpiryStatus {
  /** As {@link daysLeft}. */
  readonly daysLeft: number
  /** `expired`: past notAfter; `expiring`: within a threshold; `ok`: beyond every threshold. */
  readonly level: 'expired' | 'expiring' | 'ok'
  /** When `expiring`: the smallest threshold (in days) the certificate is within. */
  readonly threshold?: number
}

/**
 * The expiry status of a certificate at `now`: within a threshold of `t` days means at most `t`
 * days (exactly, not rounded) before notAfter.
 */
export function expiryLevel(
  certificate: Pick<CertificateFacts, 'notAfter'>,
  now: Date,
  thresholdsDays: readonly number[] = DEFAULT_CONFIG.expiryThresholdsDays,
): ExpiryStatus {
  const remaining = Date.parse(certificate.notAfter) - now.getTime()
  const left = daysLeft(certificate, now)
  if (remaining <= 0) return { daysLeft: left, level: 'expired' }
  const within = thresholdsDays.filter((days) => remaining <= days * DAY)
  if (within.length === 0) return { daysLeft: left, level: 'ok' }
  return { daysLeft: left, level: 'expiring', threshold: Math.min(...within) }
}

/** True when the certificate expires within `days` from `now` (already expired included). */
export function expiresWithin(certificate: Pick<CertificateFacts, 'notAfter'>, now: Date, days: number): boolean {
  return Date.parse(certificate.notAfter) - now.getTime() <= days * DAY
}

/** Refuses an expiry window that is not a number of days, 0 or more. */
export function assertExpiryWindow(days: number): void {
  if (!Number.isFinite(days) || days < 0) {
    throw new CertDeckError(
      'EXPIRY_WINDOW_INVALID',
      `An expiry window of ${String(days)} days is not accepted: give a number of days, 0 or more.`,
    )
  }
}

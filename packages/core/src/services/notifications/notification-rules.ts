import {
  NOTIFICATION_EVENT_KINDS,
  type NotificationEventKind,
  type NotificationRules,
  type RuleScope,
} from '../../domain/notification.js'
import type { StoreData } from '../../domain/store-data.js'
import { hasTag } from '../../domain/certificate.js'
import { CertDeckError } from '../../errors.js'

/** The rules used when the repository holds none. */
export const DEFAULT_RULES: NotificationRules = {
  id: 'default',
  thresholds: [30, 14, 7, 1],
  expired: true,
  eligibleThresholds: [7, 1],
  scope: 'both',
  tags: [],
  events: NOTIFICATION_EVENT_KINDS,
  stuckAfterHours: 24,
  channels: [],
}

/** The rules of the document, defaults filled in. */
export function rulesOf(data: Pick<StoreData, 'notificationRules'>): NotificationRules {
  const stored = (data.notificationRules ?? []).find((r) => r.id === 'default')
  return { ...DEFAULT_RULES, ...stored }
}

function badInput(code: string, message: string): CertDeckError {
  return new CertDeckError(code, message)
}

/** Parses `30,14,7,1` into distinct positive whole days, largest first; a clear error otherwise. */
export function parseThresholds(text: string, what = 'thresholds'): number[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const bad = parts.find((p) => !/^[1-9]\d{0,3}$/.test(p))
  if (bad !== undefined || parts.length === 0) {
    throw badInput(
      'RULES_INVALID',
      `The ${what} ${JSON.stringify(text)} are not a list of positive whole days` +
        `${bad !== undefined ? ` (${JSON.stringify(bad)} is not)` : ''}. Give days between 1 and 9999 separated by ` +
        `commas, e.g. 30,14,7,1.`,
    )
  }
  return [...new Set(parts.map(Number))].sort((a, b) => b - a)
}

/** Checks an event kind name. */
export function parseEventKinds(names: readonly string[]): NotificationEventKind[] {
  const bad = names.find((n) => !NOTIFICATION_EVENT_KINDS.includes(n as NotificationEventKind))
  if (bad !== undefined) {
    throw badInput(
      'RULES_INVALID',
      `Unknown event ${JSON.stringify(bad)}. Accepted events are ${NOTIFICATION_EVENT_KINDS.join(', ')}.`,
    )
  }
  return [...new Set(names as NotificationEventKind[])]
}

/** Checks a scope name. */
export function parseScope(name: string): RuleScope {
  if (name === 'repository' || name === 'cloud' || name === 'both') return name
  throw badInput(
    'RULES_INVALID',
    `Unknown scope ${JSON.stringify(name)}. Accepted scopes are repository, cloud and both.`,
  )
}

/** Checks a `key` or `key=value` tag selector. */
export function parseTagSelector(text: string): string {
  const key = text.split('=')[0] ?? ''
  if (key.trim() === '' || key.length > 128 || /[\p{Cc}]/u.test(text)) {
    throw badInput(
      'RULES_INVALID',
      `The tag selector ${JSON.stringify(text)} is not KEY or KEY=VALUE. Give e.g. env=prod.`,
    )
  }
  return text
}

export { hasTag }

/** True when `tags` carries every selector (`key` or `key=value`). */
export function matchesTags(tags: Readonly<Record<string, string>>, selectors: readonly string[]): boolean {
  return selectors.every((selector) => hasTag(tags, selector))
}

import type { NotificationRules } from '../../domain/notification.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import type { RulesPatch } from './notification-types.js'
import { parseEventKinds, parseScope, parseTagSelector } from './notification-rules.js'

function checkDays(days: readonly number[], what: string): number[] {
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 9999)) {
    throw new CertDeckError('RULES_INVALID', `The ${what} must be positive whole days (1–9999), e.g. 30,14,7,1.`)
  }
  return [...new Set(days)].sort((a, b) => b - a)
}

/** The rules `patch` makes of `current`, every field checked; channel names must exist. */
export function checkRulesPatch(current: NotificationRules, patch: RulesPatch, data: StoreData): NotificationRules {
  const stuck = patch.stuckAfterHours ?? current.stuckAfterHours
  if (!Number.isInteger(stuck) || stuck < 1 || stuck > 24 * 365) {
    throw new CertDeckError(
      'RULES_INVALID',
      `The stuck time ${stuck} is not a whole number of hours between 1 and 8760.`,
    )
  }
  const channels = patch.channels ?? current.channels
  const missing = channels.find((n) => !data.notificationChannels.some((c) => c.name === n))
  if (missing !== undefined) {
    throw new CertDeckError(
      'CHANNEL_NOT_FOUND',
      `There is no notification channel named ${JSON.stringify(missing)}. List them with certdeck notify list.`,
    )
  }
  return {
    id: 'default',
    thresholds: checkDays(patch.thresholds ?? current.thresholds, 'thresholds'),
    expired: patch.expired ?? current.expired,
    eligibleThresholds: checkDays(patch.eligibleThresholds ?? current.eligibleThresholds, 'eligible thresholds'),
    scope: parseScope(patch.scope ?? current.scope),
    tags: (patch.tags ?? current.tags).map(parseTagSelector),
    events: parseEventKinds(patch.events ?? current.events),
    stuckAfterHours: stuck,
    channels: [...channels],
  }
}

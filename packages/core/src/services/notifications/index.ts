export type { DigestGroup, DigestMessage } from './digest.js'
export { buildDigest } from './digest.js'
export type { EvaluationInput, EventPolicy } from './event-policies.js'
export { EVENT_POLICIES, evaluateEvents } from './event-policies.js'
export type { ExpiryFinding, ExpiryInput, ExpiryPolicy } from './expiry-policies.js'
export { EXPIRY_POLICIES, evaluateExpiry } from './expiry-policies.js'
export type { NotificationEvent } from './notification-event.js'
export {
  DEFAULT_RULES,
  hasTag,
  matchesTags,
  parseEventKinds,
  parseScope,
  parseTagSelector,
  parseThresholds,
  rulesOf,
} from './notification-rules.js'
export { NotificationService, channelView } from './notification-service.js'
export type {
  AddChannelOptions,
  ChannelView,
  Delivery,
  NotificationsApi,
  NotifyRunSummary,
  RulesPatch,
} from './notification-types.js'
export type { Notifier } from './notifier.js'
export { Notifiers } from './notifier.js'
export { defaultNotifiers } from './default-notifiers.js'
export { signature as webhookSignature } from './webhook-notifier.js'

export type { ReadDetailsOptions, ReadDetailsSummary } from './details-pass.js'
export { readDetails } from './details-pass.js'
export type { HealthContext, RenewalFilter } from './evaluate.js'
export { evaluateRenewalHealth, isRenewalFilter, RENEWAL_FILTERS, withRenewalHealth } from './evaluate.js'
export type { PolicyInput, RenewalPolicy } from './policies.js'
export {
  certificateExpired,
  emailValidation,
  MANAGED_RENEWAL_WINDOW_DAYS,
  notInUse,
  RENEWAL_POLICIES,
  renewalFailed,
  renewalPendingValidation,
  validationCnameGone,
} from './policies.js'
export type { CertificateUsage, CloudCertificateView } from './renewal-details-service.js'
export { RenewalDetailsService } from './renewal-details-service.js'
export type { ResourceGroup } from './resources.js'
export { groupResources, usageSentence } from './resources.js'
export { needsDetails } from './selection.js'

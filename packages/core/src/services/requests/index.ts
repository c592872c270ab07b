/**
 * Requests: orders to ACM (public and private), their validation records, polling and state.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type { RequestPrivateOptions, RequestPublicOptions, RequestsApi } from './api.js'
export { REQUEST_KEY_ALGORITHMS } from './request-checks.js'
export type { LifecycleTarget } from './request-lookup.js'
export { findLifecycleTarget } from './request-lookup.js'
export { RECORDS_POLL, pollUntil } from './request-polling.js'
export { enterIssuedBody, upsertRequestedCloudRecord } from './request-records.js'
export { RequestService } from './request-service.js'
export type { RequestWaitEvent, WaitForIssuanceOptions, WaitOutcome } from './request-wait.js'
export { WAIT_POLL, waitForIssuance } from './request-wait.js'
export { transition } from './request-state.js'
export { RequestSync, acmStoreOf, issuerOf } from './request-sync.js'

/**
 * Lifecycle: renew, revoke, retrieve a private key, delete.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type { LifecycleApi } from './api.js'
export { LifecycleService } from './lifecycle-service.js'

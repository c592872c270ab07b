/**
 * Helpers several capabilities use: bounded concurrency and a token-bucket rate limiter.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export { forEachLimit } from './concurrency.js'
export type { LimiterClock } from './token-bucket.js'
export { TokenBucket, realLimiterClock } from './token-bucket.js'

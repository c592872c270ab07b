import type { NetworkTimeouts } from '@certdeck/core'

/**
 * The SDK request handler options of these time-outs (the shorthand SDK v3 clients accept
 * since 3.521). `throwOnRequestTimeout`: without it the handler only logs a warning.
 */
export function requestHandlerOf(timeouts: Required<NetworkTimeouts>) {
  return { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.requestMs, throwOnRequestTimeout: true }
}

import { boundedHttpHandler, type NetworkTimeouts } from '@certdeck/core'
import { NodeHttpHandler } from '@smithy/node-http-handler'

/**
 * The SDK request handler of these time-outs: Node's handler with its connect and idle
 * time-outs (`throwOnRequestTimeout`: without it the handler only logs a warning), bounded so
 * that each attempt ends `requestMs` after it started whatever the endpoint does (one that
 * trickles a byte at a time never trips an idle time-out), and answers over 32 MiB are cut off.
 */
export function requestHandlerOf(timeouts: Required<NetworkTimeouts>) {
  return boundedHttpHandler(
    new NodeHttpHandler({
      connectionTimeout: timeouts.connectMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    }),
    { attemptMs: timeouts.requestMs },
  )
}

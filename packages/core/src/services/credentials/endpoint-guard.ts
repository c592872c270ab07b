import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Credential } from '../../domain/credential.js'
import { checkEndpointOf } from './endpoint-rule.js'

/** An SDK client plugin (the structural shape of the SDK's `Pluggable`, so core imports no SDK package). */
export interface EndpointGuard {
  applyToStack(stack: {
    add(
      middleware: (next: (args: never) => Promise<unknown>) => (args: never) => Promise<unknown>,
      options: object,
    ): void
  }): void
}

/**
 * Where the endpoint of an SDK client of `service` (its `AWS_ENDPOINT_URL_<SERVICE>` name, e.g.
 * `ACM`, `ROUTE_53`) comes from, in the SDK's order: the credential's override, the service's
 * variable, `AWS_ENDPOINT_URL`, else `endpoint_url` in the shared config file.
 */
export function endpointSource(service: string, credential: Credential, env = process.env): string {
  if (credential.endpoint) return `the endpoint of credential "${credential.name}"`
  if (env[`AWS_ENDPOINT_URL_${service}`]) return `AWS_ENDPOINT_URL_${service}`
  if (env.AWS_ENDPOINT_URL) return 'AWS_ENDPOINT_URL'
  const file = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config')
  const profile = credential.profile ?? env.AWS_PROFILE ?? 'default'
  return `endpoint_url in the AWS shared config file ${file} (profile ${profile}, or its services section)`
}

/**
 * A client plugin that applies CertDeck's endpoint rule (`https`, or plain `http` only to this
 * machine) to the endpoint the SDK actually resolved, before the request is signed or sent: the
 * credential's override, `AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>` and `endpoint_url` in
 * the shared config file alike. The refusal names where the endpoint was set.
 */
export function endpointGuard(service: string, credential: Credential): EndpointGuard {
  return {
    applyToStack(stack) {
      stack.add(
        (next) => async (args) => {
          const request = (args as { request?: { protocol?: string; hostname?: string } }).request
          if (request?.hostname !== undefined) {
            const protocol = request.protocol?.endsWith(':') ? request.protocol : `${request.protocol ?? ''}:`
            checkEndpointOf({ protocol, hostname: request.hostname }, endpointSource(service, credential))
          }
          return next(args)
        },
        { step: 'build', name: 'certdeckEndpointGuard', priority: 'high' },
      )
    },
  }
}

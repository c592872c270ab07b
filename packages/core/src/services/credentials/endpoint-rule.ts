import { CertDeckError } from '../../errors.js'

/** True for this machine: `localhost`, 127.0.0.0/8 and ::1 (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true
  const octets = host.split('.')
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
}

/** True when an endpoint is `https` to any host, or plain `http` to this machine only. */
export function isSafeEndpoint(protocol: string, hostname: string): boolean {
  return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname))
}

/**
 * Applies the endpoint rule (`https`, or plain `http` only to this machine) to an endpoint an AWS
 * client is about to use, wherever it came from; `source` names where it was set (a variable,
 * a credential, the shared config file). Throws `ENDPOINT_INSECURE` naming the source.
 */
export function checkEndpointOf(endpoint: { readonly protocol: string; readonly hostname: string }, source: string) {
  if (isSafeEndpoint(endpoint.protocol, endpoint.hostname)) return
  throw new CertDeckError(
    'ENDPOINT_INSECURE',
    `The AWS endpoint ${endpoint.protocol}//${endpoint.hostname} set by ${source} is plain http to another ` +
      'machine (or no http at all): certificates, private keys and credentials would cross the network ' +
      'unencrypted. Nothing was sent. Change it to https://, or plain http only to this machine ' +
      '(localhost, 127.0.0.1, [::1]).',
    { kind: 'failure' },
  )
}

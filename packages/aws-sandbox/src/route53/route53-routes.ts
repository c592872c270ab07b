/** Route 53's REST routes: which operation a method and path name, and the path's id. */

/** A matched route. */
export interface Route53Route {
  readonly operation: string
  /** The `{Id}` / `{HostedZoneId}` path segment, URI-decoded. */
  readonly id?: string
}

const PREFIX = '/2013-04-01'

// Operations the sandbox answers, plus a few it can name when refusing them.
const ROUTES: readonly [method: string, pattern: RegExp, operation: string][] = [
  ['POST', /^\/hostedzone$/, 'CreateHostedZone'],
  ['GET', /^\/hostedzone$/, 'ListHostedZones'],
  ['GET', /^\/hostedzonesbyname$/, 'ListHostedZonesByName'],
  ['GET', /^\/hostedzonecount$/, 'GetHostedZoneCount'],
  ['GET', /^\/hostedzone\/([^/]+)$/, 'GetHostedZone'],
  ['DELETE', /^\/hostedzone\/([^/]+)$/, 'DeleteHostedZone'],
  ['POST', /^\/hostedzone\/([^/]+)$/, 'UpdateHostedZoneComment'],
  ['GET', /^\/hostedzone\/([^/]+)\/rrset$/, 'ListResourceRecordSets'],
  ['POST', /^\/hostedzone\/([^/]+)\/rrset$/, 'ChangeResourceRecordSets'],
  ['POST', /^\/hostedzone\/([^/]+)\/associatevpc$/, 'AssociateVPCWithHostedZone'],
  ['POST', /^\/hostedzone\/([^/]+)\/disassociatevpc$/, 'DisassociateVPCFromHostedZone'],
  ['GET', /^\/change\/([^/]+)$/, 'GetChange'],
  ['GET', /^\/hostedzonesbyvpc$/, 'ListHostedZonesByVPC'],
  ['GET', /^\/delegationset$/, 'ListReusableDelegationSets'],
  ['POST', /^\/delegationset$/, 'CreateReusableDelegationSet'],
  ['GET', /^\/healthcheck$/, 'ListHealthChecks'],
  ['POST', /^\/healthcheck$/, 'CreateHealthCheck'],
  ['GET', /^\/tags\/([^/]+)\/([^/]+)$/, 'ListTagsForResource'],
  ['POST', /^\/tags\/([^/]+)\/([^/]+)$/, 'ChangeTagsForResource'],
]

/** The route of `method` `path`, or undefined when it names no Route 53 operation. */
export function matchRoute(method: string, path: string): Route53Route | undefined {
  if (!path.startsWith(`${PREFIX}/`)) return undefined
  const rest = path.slice(PREFIX.length).replace(/\/+$/, '')
  for (const [routeMethod, pattern, operation] of ROUTES) {
    if (routeMethod !== method.toUpperCase()) continue
    const match = pattern.exec(rest)
    if (!match) continue
    if (match[1] === undefined) return { operation }
    try {
      return { operation, id: decodeURIComponent(match[1]) }
    } catch {
      return { operation, id: match[1] }
    }
  }
  return undefined
}

/**
 * Route 53 over REST-XML (`/2013-04-01/…`): hosted zones, record sets and changes. Route 53 is
 * global: the region of the signing scope is ignored.
 */
import type { SandboxRequest, SandboxResponse, ServiceHandler } from '../types.js'
import { SandboxError } from '../types.js'
import type { BridgedService, Route53Bridge, SandboxWorld } from '../world.js'
import { element } from '../xml/xml-writer.js'
import { applyChangeBatch } from './change-batch.js'
import { commitChanges } from './zone-index.js'
import { listRecords, listZones, listZonesByName, maxItems } from './route53-lists.js'
import { checkedName, parseChangeBatch, parseCreateHostedZone, RECORD_TYPES } from './route53-requests.js'
import { matchRoute } from './route53-routes.js'
import { createRoute53Bridge } from './route53-bridge.js'
import { Route53State } from './route53-state.js'
import {
  changeInfoXml,
  delegationSetXml,
  recordXml,
  route53Error,
  route53Response,
  vpcXml,
  zoneXml,
} from './route53-xml.js'

type Handler = (request: SandboxRequest, id: string) => SandboxResponse

function noSuchDelegationSet(id: string): SandboxError {
  return new SandboxError(
    'NoSuchDelegationSet',
    `The CertDeck AWS sandbox has no reusable delegation sets; ${id} does not exist.`,
  )
}

/** Creates the Route 53 service and the bridge ACM validation and the seeder use. */
export function createRoute53Service(world: SandboxWorld): ServiceHandler & BridgedService<Route53Bridge> {
  const state = (request: SandboxRequest) => Route53State.of(world, request.accountId)
  const changeInfo = (change: Parameters<typeof changeInfoXml>[0]) =>
    changeInfoXml(change, world.now(), world.options.changeSyncDelayMs)

  const handlers: Record<string, Handler> = {
    CreateHostedZone(request) {
      const input = parseCreateHostedZone(request.body)
      if (input.delegationSetId !== undefined) throw noSuchDelegationSet(input.delegationSetId)
      const { zone, change } = state(request).createZone(input)
      return route53Response(
        'CreateHostedZoneResponse',
        [zoneXml(zone), changeInfo(change), delegationSetXml(zone), zone.vpcs[0] ? vpcXml(zone.vpcs[0]) : undefined],
        201,
        { location: `https://route53.amazonaws.com/2013-04-01/hostedzone/${zone.id}` },
      )
    },

    GetHostedZone(request, id) {
      const zone = state(request).zone(id)
      return route53Response('GetHostedZoneResponse', [
        zoneXml(zone),
        delegationSetXml(zone),
        zone.privateZone ? element('VPCs', zone.vpcs.map(vpcXml)) : undefined,
      ])
    },

    GetHostedZoneCount(request) {
      return route53Response('GetHostedZoneCountResponse', [element('HostedZoneCount', state(request).zones().length)])
    },

    DeleteHostedZone(request, id) {
      return route53Response('DeleteHostedZoneResponse', [changeInfo(state(request).deleteZone(id))])
    },

    ListHostedZones(request) {
      const { query } = request
      const delegationSetId = query.get('delegationsetid')
      if (delegationSetId) throw noSuchDelegationSet(delegationSetId)
      const type = query.get('hostedzonetype')
      if (type !== null && type !== 'PrivateHostedZone') {
        throw new SandboxError(
          'InvalidInput',
          `Invalid request: hostedzonetype must be PrivateHostedZone, not '${type}'`,
        )
      }
      const size = maxItems(query.get('maxitems'), 100, 100)
      const marker = query.get('marker') ?? undefined
      const zones = state(request)
        .zones()
        .filter((zone) => type === null || zone.privateZone)
      const page = listZones(zones, marker, size)
      return route53Response('ListHostedZonesResponse', [
        element('HostedZones', page.items.map(zoneXml)),
        element('Marker', marker),
        element('IsTruncated', page.next !== undefined),
        element('NextMarker', page.next?.id),
        element('MaxItems', size),
      ])
    },

    ListHostedZonesByName(request) {
      const { query } = request
      const rawName = query.get('dnsname') ?? undefined
      const zoneId = query.get('hostedzoneid')?.replace(/^\/?hostedzone\//, '')
      if (zoneId !== undefined && rawName === undefined) {
        throw new SandboxError(
          'InvalidInput',
          'Invalid request: hostedzoneid requires dnsname (pass NextDNSName with NextHostedZoneId).',
        )
      }
      const dnsName = rawName === undefined ? undefined : checkedName(rawName, 'InvalidDomainName')
      const size = maxItems(query.get('maxitems'), 100, 100)
      const page = listZonesByName(state(request).zones(), dnsName, zoneId, size)
      return route53Response('ListHostedZonesByNameResponse', [
        element('HostedZones', page.items.map(zoneXml)),
        element('DNSName', dnsName),
        element('HostedZoneId', zoneId),
        element('IsTruncated', page.next !== undefined),
        element('NextDNSName', page.next?.name),
        element('NextHostedZoneId', page.next?.id),
        element('MaxItems', size),
      ])
    },

    ListResourceRecordSets(request, id) {
      const { query } = request
      const zone = state(request).zone(id)
      const rawName = query.get('name') ?? undefined
      const type = query.get('type') ?? undefined
      const identifier = query.get('identifier') ?? undefined
      if (type !== undefined && rawName === undefined) {
        throw new SandboxError('InvalidInput', 'Invalid request: a record type to start from requires a record name.')
      }
      if (type !== undefined && !RECORD_TYPES.includes(type)) {
        throw new SandboxError(
          'InvalidInput',
          `Invalid request: type '${type}' is not one of ${RECORD_TYPES.join(', ')}`,
        )
      }
      const name = rawName === undefined ? undefined : checkedName(rawName, 'InvalidInput')
      const size = maxItems(query.get('maxitems'), 300, 300)
      const page = listRecords(zone, { name, type, identifier }, size)
      return route53Response('ListResourceRecordSetsResponse', [
        element('ResourceRecordSets', page.items.map(recordXml)),
        element('IsTruncated', page.next !== undefined),
        element('NextRecordName', page.next?.name),
        element('NextRecordType', page.next?.type),
        element('NextRecordIdentifier', page.next?.setIdentifier),
        element('MaxItems', size),
      ])
    },

    ChangeResourceRecordSets(request, id) {
      const account = state(request)
      const zone = account.zone(id)
      const batch = parseChangeBatch(request.body)
      commitChanges(zone, applyChangeBatch(zone, batch.changes))
      const change = account.submitChange(batch.comment)
      return route53Response('ChangeResourceRecordSetsResponse', [changeInfo(change)])
    },

    GetChange(request, id) {
      return route53Response('GetChangeResponse', [changeInfo(state(request).change(id))])
    },
  }

  return {
    service: 'route53',
    bridge: createRoute53Bridge(world),
    operationOf(request) {
      return matchRoute(request.method, request.path)?.operation
    },
    handle(operation, request) {
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined
      if (!handler) {
        throw new SandboxError(
          'InvalidAction',
          `The CertDeck AWS sandbox does not implement Route 53 operation ${operation}. Implemented: ` +
            `${Object.keys(handlers).join(', ')}.`,
        )
      }
      return handler(request, matchRoute(request.method, request.path)?.id ?? '')
    },
    renderError(error) {
      return route53Error(error)
    },
  }
}

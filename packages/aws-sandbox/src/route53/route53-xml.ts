/** Route 53's REST-XML shapes: zones, delegation sets, records, change info and errors. */
import type { SandboxError, SandboxResponse } from '../types.js'
import { xmlErrorResponse, xmlResponse } from '../xml/xml-response.js'
import { element, isoTime, type XmlFragment } from '../xml/xml-writer.js'
import type { ChangeData, RecordData, ZoneData } from './route53-state.js'

/** Route 53's XML namespace (API version 2013-04-01). */
export const ROUTE53_XMLNS = 'https://route53.amazonaws.com/doc/2013-04-01/'

/** A response document `<{root} xmlns=…>children</{root}>`. */
export function route53Response(
  root: string,
  children: readonly (XmlFragment | undefined)[],
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
  return xmlResponse(status, element(root, children, { xmlns: ROUTE53_XMLNS }), headers)
}

/**
 * Route 53's `<ErrorResponse>`: the shape it answers for every error today, InvalidChangeBatch
 * included (its messages joined inside brackets), and the one the SDK maps onto typed exceptions.
 */
export function route53Error(error: SandboxError): SandboxResponse {
  return xmlErrorResponse(error, ROUTE53_XMLNS)
}

/** A `HostedZone` element. */
export function zoneXml(zone: ZoneData): XmlFragment {
  return element('HostedZone', [
    element('Id', `/hostedzone/${zone.id}`),
    element('Name', zone.name),
    element('CallerReference', zone.callerReference),
    element('Config', [element('Comment', zone.comment), element('PrivateZone', zone.privateZone)]),
    element('ResourceRecordSetCount', Object.keys(zone.records).length),
  ])
}

/** The `DelegationSet` of a public zone (name servers without the trailing dot, as AWS lists them). */
export function delegationSetXml(zone: ZoneData): XmlFragment | undefined {
  if (zone.privateZone) return undefined
  return element('DelegationSet', [
    element(
      'NameServers',
      zone.nameServers.map((ns) => element('NameServer', ns.replace(/\.$/, ''))),
    ),
  ])
}

/** A `VPC` element. */
export function vpcXml(vpc: { readonly region: string; readonly id: string }): XmlFragment {
  return element('VPC', [element('VPCRegion', vpc.region), element('VPCId', vpc.id)])
}

/** A `ChangeInfo` element; PENDING until `syncDelayMs` after submission, then INSYNC. */
export function changeInfoXml(change: ChangeData, now: number, syncDelayMs: number): XmlFragment {
  return element('ChangeInfo', [
    element('Id', `/change/${change.id}`),
    element('Status', now >= change.submittedAt + syncDelayMs ? 'INSYNC' : 'PENDING'),
    element('SubmittedAt', isoTime(change.submittedAt)),
    element('Comment', change.comment),
  ])
}

/** A `ResourceRecordSet` element. */
export function recordXml(record: RecordData): XmlFragment {
  return element('ResourceRecordSet', [
    element('Name', record.name),
    element('Type', record.type),
    element('SetIdentifier', record.setIdentifier),
    element('Weight', record.weight),
    element('TTL', record.ttl),
    record.values
      ? element(
          'ResourceRecords',
          record.values.map((value) => element('ResourceRecord', [element('Value', value)])),
        )
      : undefined,
    record.alias
      ? element('AliasTarget', [
          element('HostedZoneId', record.alias.hostedZoneId),
          element('DNSName', record.alias.dnsName),
          element('EvaluateTargetHealth', record.alias.evaluateTargetHealth),
        ])
      : undefined,
  ])
}

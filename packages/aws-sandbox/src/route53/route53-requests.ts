/**
 * Parsing of Route 53's XML request bodies (CreateHostedZone, ChangeResourceRecordSets) into
 * checked inputs. Structural problems answer InvalidInput, as Route 53's schema validation does.
 */
import { SandboxError } from '../types.js'
import { readXmlRoot, XmlReadError, xmlChild, xmlChildren, xmlText, type XmlObject } from '../xml/xml-reader.js'
import type { ChangeInput } from './change-batch.js'
import { canonicalName, DomainNameError } from './names.js'
import type { AliasData, NewZone, RecordData } from './route53-state.js'

/** Record types Route 53 accepts. */
export const RECORD_TYPES = [
  'A',
  'AAAA',
  'CAA',
  'CNAME',
  'DS',
  'HTTPS',
  'MX',
  'NAPTR',
  'NS',
  'PTR',
  'SOA',
  'SPF',
  'SRV',
  'SSHFP',
  'SVCB',
  'TLSA',
  'TXT',
]

// Routing features the sandbox does not emulate; refused by name rather than silently dropped.
const UNSUPPORTED_MEMBERS = [
  'Region',
  'GeoLocation',
  'Failover',
  'MultiValueAnswer',
  'HealthCheckId',
  'TrafficPolicyInstanceId',
  'CidrRoutingConfig',
  'GeoProximityLocation',
]

function invalidInput(message: string): SandboxError {
  return new SandboxError('InvalidInput', message)
}

function root(body: Buffer, name: string): XmlObject {
  try {
    return readXmlRoot(body, name)
  } catch (error) {
    if (error instanceof XmlReadError) throw invalidInput(`Invalid XML ; ${error.message}`)
    throw error
  }
}

function required(parent: XmlObject | undefined, name: string, where: string): string {
  const value = xmlText(parent, name)
  if (value === undefined || value === '') throw invalidInput(`Invalid request: ${where} must contain ${name}`)
  return value
}

function integer(text: string | undefined, member: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^-?\d+$/.test(text) || value < min || value > max) {
    throw invalidInput(`Invalid request: ${member} must be an integer from ${min} to ${max}, not '${text}'`)
  }
  return value
}

function flag(text: string | undefined, member: string): boolean | undefined {
  if (text === undefined) return undefined
  if (text !== 'true' && text !== 'false')
    throw invalidInput(`Invalid request: ${member} must be true or false, not '${text}'`)
  return text === 'true'
}

/** A DNS name in canonical form, or `code` (InvalidDomainName / InvalidInput) saying why not. */
export function checkedName(name: string, code: 'InvalidDomainName' | 'InvalidInput'): string {
  try {
    return canonicalName(name)
  } catch (error) {
    if (error instanceof DomainNameError) throw new SandboxError(code, `DNS name ${name} is invalid: ${error.message}.`)
    throw error
  }
}

/** The CreateHostedZoneRequest body. A VPC makes the zone private, as in AWS. */
export function parseCreateHostedZone(body: Buffer): NewZone & { readonly delegationSetId?: string } {
  const request = root(body, 'CreateHostedZoneRequest')
  const name = checkedName(required(request, 'Name', 'CreateHostedZoneRequest'), 'InvalidDomainName')
  if (!name.slice(0, -1).includes('.')) throw new SandboxError('InvalidDomainName', `${name} is reserved by AWS!`)
  const callerReference = required(request, 'CallerReference', 'CreateHostedZoneRequest')
  if (callerReference.length > 128)
    throw invalidInput('Invalid request: CallerReference must be at most 128 characters long')
  const config = xmlChild(request, 'HostedZoneConfig')
  const comment = xmlText(config, 'Comment')
  if (comment !== undefined && comment.length > 256)
    throw invalidInput('Invalid request: Comment must be at most 256 characters long')
  const privateFlag = flag(xmlText(config, 'PrivateZone'), 'PrivateZone')
  const vpcXml = xmlChild(request, 'VPC')
  let vpc: { region: string; id: string } | undefined
  if (vpcXml) {
    const id = xmlText(vpcXml, 'VPCId') ?? ''
    const region = xmlText(vpcXml, 'VPCRegion') ?? ''
    if (!/^vpc-[0-9a-f]{8,17}$/.test(id))
      throw new SandboxError(
        'InvalidVPCId',
        `The VPC ID '${id}' is not valid: expected vpc- followed by 8 or 17 hex digits.`,
      )
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
      throw invalidInput(`Invalid request: VPCRegion '${region}' is not a region name`)
    vpc = { id, region }
  }
  if (privateFlag === true && !vpc) {
    throw invalidInput(
      'When you create a private hosted zone (PrivateZone true), you must also specify VPCId and VPCRegion.',
    )
  }
  if (privateFlag === false && vpc) {
    throw invalidInput('A VPC makes a hosted zone private: omit the VPC for a public zone, or set PrivateZone to true.')
  }
  const delegationSetId = xmlText(request, 'DelegationSetId')
  return {
    name,
    callerReference,
    ...(comment !== undefined ? { comment } : {}),
    privateZone: vpc !== undefined,
    ...(vpc ? { vpc } : {}),
    ...(delegationSetId ? { delegationSetId } : {}),
  }
}

function parseRecord(set: XmlObject, action: string): RecordData {
  const rawName = required(set, 'Name', 'ResourceRecordSet')
  const name = checkedName(rawName, 'InvalidInput')
  const type = required(set, 'Type', 'ResourceRecordSet')
  if (!RECORD_TYPES.includes(type)) {
    throw invalidInput(`Invalid request: Type '${type}' is not one of ${RECORD_TYPES.join(', ')}`)
  }
  for (const member of UNSUPPORTED_MEMBERS) {
    if (xmlText(set, member) !== undefined) {
      throw invalidInput(
        `The CertDeck AWS sandbox does not support ${member} in resource record sets; use simple or weighted records.`,
      )
    }
  }
  const setIdentifier = xmlText(set, 'SetIdentifier')
  const weight = integer(xmlText(set, 'Weight'), 'Weight', 0, 255)
  if ((setIdentifier === undefined) !== (weight === undefined)) {
    throw invalidInput('Invalid request: SetIdentifier and Weight go together (a weighted record needs both)')
  }
  const ttl = integer(xmlText(set, 'TTL'), 'TTL', 0, 2147483647)
  const recordsXml = xmlChild(set, 'ResourceRecords')
  const values = recordsXml
    ? xmlChildren(recordsXml, 'ResourceRecord').map((r) => required(r, 'Value', 'ResourceRecord'))
    : undefined
  const aliasXml = xmlChild(set, 'AliasTarget')
  let alias: AliasData | undefined
  if (aliasXml) {
    alias = {
      hostedZoneId: required(aliasXml, 'HostedZoneId', 'AliasTarget'),
      dnsName: required(aliasXml, 'DNSName', 'AliasTarget'),
      evaluateTargetHealth: flag(required(aliasXml, 'EvaluateTargetHealth', 'AliasTarget'), 'EvaluateTargetHealth')!,
    }
  }
  const simple = ttl !== undefined && values !== undefined && values.length > 0
  if (alias ? ttl !== undefined || values !== undefined : !simple) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or ` +
        `TrafficPolicyInstanceId], but found ${alias ? 'more than one' : 'none'} in Change with ` +
        `[Action=${action}, Name=${rawName}, Type=${type}, SetIdentifier=${setIdentifier ?? 'null'}]`,
    )
  }
  return {
    name,
    type,
    ...(setIdentifier !== undefined ? { setIdentifier, weight } : {}),
    ...(alias ? { alias } : { ttl, values }),
  }
}

/** The ChangeResourceRecordSetsRequest body: 1 to 1000 changes and an optional comment. */
export function parseChangeBatch(body: Buffer): { readonly comment?: string; readonly changes: ChangeInput[] } {
  const request = root(body, 'ChangeResourceRecordSetsRequest')
  const batch = xmlChild(request, 'ChangeBatch')
  if (!batch) throw invalidInput('Invalid request: ChangeResourceRecordSetsRequest must contain ChangeBatch')
  const changesXml = xmlChildren(xmlChild(batch, 'Changes'), 'Change')
  if (changesXml.length === 0) throw invalidInput('Invalid request: ChangeBatch must contain at least one Change')
  const changes = changesXml.map((change): ChangeInput => {
    const action = required(change, 'Action', 'Change')
    if (action !== 'CREATE' && action !== 'DELETE' && action !== 'UPSERT') {
      throw invalidInput(`Invalid request: Action '${action}' is not one of CREATE, DELETE, UPSERT`)
    }
    const set = xmlChild(change, 'ResourceRecordSet')
    if (!set) throw invalidInput('Invalid request: Change must contain ResourceRecordSet')
    return { action, record: parseRecord(set, action) }
  })
  const comment = xmlText(batch, 'Comment')
  return { ...(comment !== undefined ? { comment } : {}), changes }
}

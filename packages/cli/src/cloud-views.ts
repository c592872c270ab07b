import type { CloudCertificate, Credential, DeployResult, Deployment, DiscoverySummary } from '@certdeck/core'
import { InvalidArgumentError } from 'commander'
import { healthMark } from './health-views.js'
import { formatTable } from './io.js'
import { daysLeft } from './parse.js'

/** `--regions a,b` or `all`: the names, trimmed, without empties. */
export function parseRegions(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (names.length === 0)
    throw new InvalidArgumentError(`'${text}' names no region. Give names like us-east-1,eu-west-1, or all.`)
  return names
}

const KIND_LABEL: Readonly<Record<string, string>> = {
  AMAZON_ISSUED: 'public',
  PRIVATE: 'private',
  IMPORTED: 'imported',
}

/** Credentials as a table. */
export function credentialTable(credentials: readonly Credential[]): string {
  const detail = (c: Credential) =>
    c.kind === 'static'
      ? (c.accessKeyId ?? '')
      : c.kind === 'profile'
        ? `profile ${c.profile}`
        : c.kind === 'assume-role'
          ? `${c.roleArn}`
          : 'environment, config files, instance role'
  return formatTable(
    ['NAME', 'DEFAULT', 'KIND', 'ACCOUNT', 'DETAIL', 'ENDPOINT'],
    credentials.map((c) => [
      c.name,
      c.isDefault || credentials.length === 1 ? 'yes' : '-',
      c.kind,
      c.accountId ?? '-',
      detail(c),
      c.endpoint ?? '-',
    ]),
  )
}

/** Cloud certificates as a table (the AWS tab). */
export function cloudTable(records: readonly CloudCertificate[], now = Date.now()): string {
  return formatTable(
    ['REGION', 'KIND', 'STATUS', 'DOMAIN', 'EXPIRES', 'DAYS', 'RENEWAL', 'KEY', 'IN USE', 'CERT', 'MARK', 'ARN'],
    records.map((c) => [
      c.region,
      KIND_LABEL[c.kind] ?? c.kind,
      c.status,
      c.domain,
      c.notAfter ? c.notAfter.slice(0, 10) : '-',
      c.notAfter ? String(daysLeft(c.notAfter, now)) : '-',
      c.health?.state ? healthMark(c.health) : '-',
      c.keyAlgorithm ?? '-',
      c.inUse ? 'yes' : 'no',
      c.certificateId ?? '-',
      [c.drift ? `drift:${c.drift.reason}` : '', c.stale ? 'stale' : ''].filter(Boolean).join(',') || '-',
      c.arn,
    ]),
  )
}

/** A cloud certificate inside an expiry window, as `expiring --json` prints it. */
export interface CloudExpiry {
  readonly arn: string
  readonly region: string
  readonly accountId: string
  readonly kind: string
  readonly status: string
  readonly domain: string
  readonly notAfter: string
  readonly daysLeft: number
  readonly inUse: boolean
  /** ACM's RenewalEligibility (`ELIGIBLE`, `INELIGIBLE`), or null when ACM gave none. */
  readonly renewalEligibility: string | null
  /** Renewal health of an Amazon-issued certificate (`ok`, `at-risk`, `failing`), else null. */
  readonly health: string | null
  /** Why the health is not ok, in plain words (worst first). */
  readonly healthReasons: readonly string[]
}

/** The expiry view of a cloud certificate with a notAfter (as `cloud.expiring` returns them). */
export function cloudExpiry(c: CloudCertificate & { readonly notAfter: string }, now = Date.now()): CloudExpiry {
  return {
    arn: c.arn,
    region: c.region,
    accountId: c.accountId,
    kind: c.kind,
    status: c.status,
    domain: c.domain,
    notAfter: c.notAfter,
    daysLeft: daysLeft(c.notAfter, now),
    inUse: c.inUse === true,
    renewalEligibility: c.renewalEligibility ?? null,
    health: c.health?.state ?? null,
    healthReasons: c.health?.reasons.map((r) => r.message) ?? [],
  }
}

/** Cloud certificates inside an expiry window as a table. */
export function cloudExpiryTable(records: readonly CloudExpiry[]): string {
  return formatTable(
    ['DAYS LEFT', 'HEALTH', 'REGION', 'KIND', 'DOMAIN', 'NOT AFTER', 'IN USE', 'RENEWAL', 'ARN', 'WHY'],
    records.map((c) => [
      String(c.daysLeft),
      c.health === 'ok' ? 'ok' : c.health === 'at-risk' ? '! at-risk' : c.health === 'failing' ? 'x failing' : '-',
      c.region,
      KIND_LABEL[c.kind] ?? c.kind,
      c.domain,
      c.notAfter,
      c.inUse ? 'yes' : 'no',
      c.renewalEligibility ?? '-',
      c.arn,
      c.healthReasons[0] ?? '',
    ]),
  )
}

/** The human summary of a discovery run. */
export function discoverySummaryText(summary: DiscoverySummary): string {
  const failed = summary.failedRegions.length
  const found = `${summary.found} certificates: ${summary.new} new, ${summary.changed} changed, ${summary.gone} gone.`
  const lines = [
    failed > 0 ? `${failed} ${failed === 1 ? 'region' : 'regions'} failed; found ${found}` : `Found ${found}`,
  ]
  // One line per distinct error (its region's name aside), with the regions it hit: an
  // unreachable endpoint is one line, not one per region.
  const byError = new Map<string, { error: string; where: string[] }>()
  for (const f of summary.failedRegions) {
    const key = f.error.replaceAll(f.region, '\u0000')
    const group = byError.get(key) ?? { error: f.error, where: [] }
    group.where.push(`${f.credential ? `${f.credential} ` : ''}${f.region}`)
    byError.set(key, group)
  }
  for (const [key, { error, where }] of byError) {
    const shown = where.length > 6 ? `${where.slice(0, 6).join(', ')} and ${where.length - 6} more` : where.join(', ')
    lines.push(`Failed: ${shown}: ${where.length > 1 ? key.replaceAll('\u0000', 'each region') : error}`)
  }
  if (failed > 0) lines.push('The failed regions keep their previous records, marked stale; run discover again later.')
  return lines.join('\n')
}

/** Deploy results as a table. */
export function deployTable(results: readonly DeployResult[]): string {
  const table = formatTable(
    ['CERT', 'REGION', 'ACTION', 'ARN', 'MESSAGE'],
    results.map((r) => [r.certificateId, r.region, r.action, r.arn ?? '-', r.message]),
  )
  return results.some((r) => r.dryRun) ? `Dry run: nothing was changed.\n${table}` : table
}

/** Deployments as a table. */
export function deploymentTable(deployments: readonly Deployment[], credentials: readonly Credential[]): string {
  const name = (id: string) => credentials.find((c) => c.id === id)?.name ?? id
  return formatTable(
    ['ID', 'CERT', 'CREDENTIAL', 'REGION', 'STATE', 'AUTO', 'DRIFT', 'ARN'],
    deployments.map((d) => [
      d.id,
      d.certificateId,
      name(d.credentialId),
      d.region,
      d.state === 'failed' && d.lastError ? `failed: ${d.lastError}` : d.state,
      d.autoRedeploy ? 'yes' : 'no',
      d.drift ? `${d.drift.reason}: ${d.drift.detail}` : '-',
      d.arn ?? '-',
    ]),
  )
}

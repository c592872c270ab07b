import { type Certificate, type Credential, type Deployment, isRevoked } from '@certdeck/core'
import type { DetailLine } from '../components/DetailsPane.js'
import { expiryCell, shortDateTime } from '../format.js'
import type { Column } from '../table-model.js'
import { MARK } from '../theme.js'
import { commonNameOf, expiryColumn, keyLabel } from './cells.js'

/** The columns of the Certificates tab. */
export function certificateColumns(
  deploymentCount: ReadonlyMap<string, number>,
  thresholds: readonly number[],
  now: Date,
): Column<Certificate>[] {
  return [
    {
      title: 'Common name',
      min: 14,
      weight: 4,
      priority: 10,
      // The mark stays whole when a long name is cut.
      cell: (c) => (isRevoked(c) ? { text: c.commonName, suffix: ' ✗ revoked' } : c.commonName),
    },
    {
      title: 'SANs',
      min: 4,
      max: 5,
      weight: 0,
      priority: 3,
      align: 'right',
      cell: (c) => String(c.sans.length),
      sortValue: (c) => c.sans.length,
    },
    {
      title: 'Issuer',
      min: 11,
      weight: 2,
      priority: 2,
      cell: (c) => (c.selfSigned ? 'self-signed' : commonNameOf(c.issuer)),
    },
    expiryColumn((c) => c.notAfter, thresholds, now),
    { title: 'Key', min: 8, max: 9, weight: 0, priority: 4, cell: (c) => keyLabel(c.keyAlgorithm) },
    { title: 'Origin', min: 10, max: 10, weight: 0, priority: 5, cell: (c) => c.origin },
    {
      title: 'Deps',
      min: 4,
      max: 4,
      weight: 0,
      priority: 6,
      align: 'right',
      cell: (c) => String(deploymentCount.get(c.id) ?? 0),
      sortValue: (c) => deploymentCount.get(c.id) ?? 0,
    },
  ]
}

/** Deployments per certificate id. */
export function countDeployments(deployments: readonly Deployment[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const d of deployments) counts.set(d.certificateId, (counts.get(d.certificateId) ?? 0) + 1)
  return counts
}

/** Everything about one certificate: facts, tags, versions and deployments. */
export function certificateDetails(
  cert: Certificate,
  deployments: readonly Deployment[],
  credentials: readonly Credential[],
  thresholds: readonly number[],
  now: Date,
): { title: string; lines: DetailLine[] } {
  const expiry = expiryCell(cert.notAfter, thresholds, now)
  const credentialName = (id: string) => credentials.find((c) => c.id === id)?.name ?? id
  const mine = deployments.filter((d) => d.certificateId === cert.id)
  const versions = [...cert.versions, cert]
  const lines: DetailLine[] = [
    { section: 'Certificate' },
    { label: 'ID', value: cert.id },
    { label: 'Common name', value: cert.commonName },
    { label: 'Subject', value: cert.subject },
    { label: 'SANs', value: cert.sans.length ? cert.sans.join(', ') : 'none' },
    { label: 'Issuer', value: cert.issuer },
    { label: 'Serial', value: cert.serial },
    { label: 'SHA-256', value: cert.fingerprintSha256 },
    { label: 'Not before', value: cert.notBefore },
    { label: 'Not after', value: `${cert.notAfter} (${expiry.text.slice(11)})`, tone: expiry.tone },
    { label: 'Key', value: keyLabel(cert.keyAlgorithm) },
    { label: 'Private key', value: cert.privateKey ? 'held (sealed in the vault)' : 'not held' },
    { label: 'Self-signed', value: cert.selfSigned ? 'yes' : 'no' },
    { label: 'Chain', value: `${cert.chainPem.length} certificate${cert.chainPem.length === 1 ? '' : 's'}` },
    { label: 'Origin', value: cert.origin },
    { label: 'Added', value: shortDateTime(cert.createdAt) },
    { label: 'Updated', value: shortDateTime(cert.updatedAt) },
    { section: `Tags (${Object.keys(cert.tags).length})` },
    ...Object.entries(cert.tags).map(([key, value]) => ({ label: key, value })),
    { section: `Versions (${versions.length})` },
    ...versions
      .slice()
      .reverse()
      .map((v) => ({
        label: `v${v.version}${v === cert ? ' (current)' : ''}`,
        value:
          `serial ${v.serial.slice(0, 16)} · expires ${v.notAfter.slice(0, 10)} · ${v.origin} · added ` +
          `${v.addedAt.slice(0, 10)}`,
      })),
    { section: `Deployments (${mine.length})` },
    ...mine.map((d) => ({
      label: `${d.region}`,
      value:
        `${d.drift ? `${MARK.drift} drift: ${d.drift.detail} · ` : ''}${d.state} via ` +
        `${credentialName(d.credentialId)}${d.autoRedeploy ? ' · auto-redeploy' : ''}` +
        `${d.arn ? ` · ${d.arn}` : ''}${d.lastError ? ` · ${d.lastError}` : ''}`,
      tone: d.drift || d.state === 'failed' ? ('danger' as const) : undefined,
    })),
  ]
  return { title: `${cert.commonName} — ${cert.id}`, lines }
}

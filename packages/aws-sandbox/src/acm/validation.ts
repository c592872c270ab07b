import { createHash, createPublicKey } from 'node:crypto'
import type { SandboxWorld } from '../world.js'
import { issueLeaf, type LoadedCa } from '../x509/authority.js'
import { signatureAlgorithmName } from '../x509/cert-builder.js'
import { formatSerial } from '../x509/inspect.js'
import { acmState, storeChain, type AcmCertificateRecord } from './model.js'
import { publicCa } from './public-ca.js'

/** Validity of a certificate ACM issues (public and private through ACM): 395 days. */
export const ISSUED_VALIDITY_MS = 395 * 24 * 3600 * 1000

/** The apex a validation applies to: a wildcard and its apex share one record and mailbox set. */
export const baseDomain = (domain: string): string => domain.replace(/^\*\./, '').toLowerCase()

/**
 * The CNAME ACM asks for: deterministic per account and domain, as ACM's are (so the record
 * written once keeps validating renewals and new requests for the same name).
 */
export function dnsRecordFor(accountId: string, domain: string): { name: string; value: string } {
  const base = baseDomain(domain)
  const digest = (salt: string): string => createHash('sha256').update(`${salt}|${accountId}|${base}`).digest('hex')
  const tail = BigInt(`0x${digest('tail').slice(0, 16)}`)
    .toString(36)
    .slice(0, 10)
  return {
    name: `_${digest('name').slice(0, 32)}.${base}.`,
    value: `_${digest('value').slice(0, 32)}.${tail}.acm-validations.aws.`,
  }
}

/** The five addresses ACM mails for EMAIL validation. */
export function emailsFor(validationDomain: string): string[] {
  return ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((box) => `${box}@${validationDomain}`)
}

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '')

/** True once the CNAME has "appeared" in DescribeCertificate (after `validationDelayMs`). */
export function recordVisible(world: SandboxWorld, record: AcmCertificateRecord): boolean {
  return (record.createdAt ?? 0) + world.options.validationDelayMs <= world.now()
}

/**
 * Moves a pending request forward, as ACM does in the background: times it out, checks the CNAMEs
 * against Route 53 public zones, and issues it once every domain is validated.
 */
export function refresh(world: SandboxWorld, record: AcmCertificateRecord): void {
  if (record.status !== 'PENDING_VALIDATION') return
  const now = world.now()
  if ((record.createdAt ?? now) + world.options.validationTimeoutMs <= now) {
    record.status = 'VALIDATION_TIMED_OUT'
    for (const v of record.validations) if (v.status === 'PENDING_VALIDATION') v.status = 'FAILED'
    return
  }
  if (recordVisible(world, record)) {
    for (const v of record.validations) {
      if (v.status !== 'PENDING_VALIDATION' || v.method !== 'DNS' || !v.recordName || !v.recordValue) continue
      const values = world.route53.findPublicRecord(record.accountId, v.recordName, 'CNAME')
      if (values?.some((value) => normalise(value) === normalise(v.recordValue!))) v.status = 'SUCCESS'
    }
  }
  if (record.validations.length > 0 && record.validations.every((v) => v.status === 'SUCCESS')) {
    issueFrom(world, record, publicCa(world))
  }
}

const spkiCache = new Map<string, Buffer>()

/** DER SubjectPublicKeyInfo of a private key PEM, cached (a few pooled keys sign many certificates). */
export function spkiOf(privateKeyPem: string): Buffer {
  let spki = spkiCache.get(privateKeyPem)
  if (!spki) {
    spki = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' })
    spkiCache.set(privateKeyPem, spki)
  }
  return spki
}

/** Signs the record's certificate with `ca` from the key ACM holds for it, and marks it ISSUED. */
export function issueFrom(world: SandboxWorld, record: AcmCertificateRecord, ca: LoadedCa): void {
  const pem = record.keyId ? acmState(world).keys[record.keyId] : undefined
  if (!pem) throw new Error(`Certificate ${record.arn} has no key to issue with.`)
  const spki = spkiOf(pem)
  const now = world.now()
  const serial = Buffer.from(world.randomString(32), 'hex')
  serial[0] &= 0x7f
  record.certificatePem = issueLeaf(ca, {
    commonName: record.domainName,
    dnsNames: record.sans,
    spki,
    serial,
    notBefore: now,
    notAfter: now + ISSUED_VALIDITY_MS,
  })
  record.chainId = storeChain(world, ca.material.certificatePem + ca.material.chainPem)
  record.serial = formatSerial(serial.toString('hex'))
  record.subject = `CN=${record.domainName}`
  record.issuer = orgOf(ca)
  record.signatureAlgorithm = signatureAlgorithmName(ca.signer.privateKey)
  record.notBefore = now
  record.notAfter = now + ISSUED_VALIDITY_MS
  record.issuedAt = now
  record.status = 'ISSUED'
}

function orgOf(ca: LoadedCa): string {
  const lines = ca.x509.subject.split('\n')
  return (lines.find((l) => l.startsWith('O=')) ?? lines.find((l) => l.startsWith('CN=')) ?? 'CN=unknown').replace(
    /^\w+=/,
    '',
  )
}

import { createPrivateKey } from 'node:crypto'
import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { privateIssuer } from '../pca/issue.js'
import { blob, requiredString } from './input.js'
import { acmState, effectiveStatus, findRecord, removeRecord, type AcmCertificateRecord } from './model.js'
import { certificateBody, hasBody } from './body.js'
import { exportOptionOf } from './render.js'
import { issueFrom, refresh } from './validation.js'
import { publicCa } from './public-ca.js'

const ACM_REVOCATION_REASONS = ['UNSPECIFIED', 'AFFILIATION_CHANGED', 'SUPERSEDED', 'CESSATION_OF_OPERATION']

function requireIssued(world: SandboxWorld, record: AcmCertificateRecord): void {
  const status = effectiveStatus(world, record)
  if (status === 'PENDING_VALIDATION') {
    throw new SandboxError(
      'RequestInProgressException',
      `Certificate ${record.arn} is still PENDING_VALIDATION; it has no body until it is issued.`,
    )
  }
  if (!hasBody(record)) {
    throw new SandboxError(
      'RequestInProgressException',
      `Certificate ${record.arn} is ${status}; it was never issued, so there is nothing to return.`,
    )
  }
}

/** GetCertificate: body and chain of an issued certificate. */
export function getCertificate(world: SandboxWorld, input: Record<string, unknown>, request: SandboxRequest): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  refresh(world, record)
  requireIssued(world, record)
  const body = certificateBody(world, record)!
  return { Certificate: body.certificate.trim(), CertificateChain: body.chain?.trim() }
}

/** ExportCertificate: private or exportable public certificates, key encrypted with the passphrase. */
export function exportCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  const passphrase = blob(input, 'Passphrase', true)!
  if (passphrase.length < 4 || passphrase.length > 128) {
    throw new SandboxError(
      'ValidationException',
      `The passphrase must be 4 to 128 bytes long; it is ${passphrase.length}.`,
    )
  }
  if (/[#$%]/.test(passphrase.toString('latin1')) || [...passphrase].some((b) => b > 0x7e || b < 0x20)) {
    throw new SandboxError(
      'ValidationException',
      'The passphrase may hold any printable ASCII character except #, $ and %.',
    )
  }
  if (exportOptionOf(record) !== 'ENABLED') {
    throw new SandboxError(
      'ValidationException',
      `Certificate ${record.arn} cannot be exported: only private certificates and public certificates ` +
        `requested with Options.Export ENABLED can.`,
    )
  }
  refresh(world, record)
  requireIssued(world, record)
  const keyPem = record.keyId ? acmState(world).keys[record.keyId] : undefined
  if (!keyPem) throw new SandboxError('InternalFailure', `The sandbox holds no key for ${record.arn}.`, 500)
  const encrypted = createPrivateKey(keyPem)
    .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    .toString()
  record.exported = true
  const body = certificateBody(world, record)!
  return { Certificate: body.certificate.trim(), CertificateChain: body.chain?.trim(), PrivateKey: encrypted.trim() }
}

/** RenewCertificate: re-issues private (and exportable public) certificates under the same ARN. */
export function renewCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  const status = effectiveStatus(world, record)
  const eligible =
    (record.type === 'PRIVATE' || (record.type === 'AMAZON_ISSUED' && record.exportOption === 'ENABLED')) &&
    (status === 'ISSUED' || status === 'EXPIRED')
  if (!eligible) {
    throw new SandboxError(
      'ValidationException',
      `Certificate ${record.arn} (${record.type}, ${status}) is not eligible for renewal: RenewCertificate ` +
        `renews issued private certificates and exportable public ones.`,
    )
  }
  const issuer = record.type === 'PRIVATE' ? privateIssuer(world, record) : publicCa(world)
  if (typeof issuer === 'string') {
    // A failed renewal leaves the current certificate in place, as ACM does.
    record.renewal = { status: 'FAILED', reason: issuer, updatedAt: world.now() }
    return {}
  }
  issueFrom(world, record, issuer)
  record.renewal = { status: 'SUCCESS', updatedAt: world.now() }
  return {}
}

/** RevokeCertificate (ACM): exported public certificates only. */
export function revokeCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  const reason = String(input.RevocationReason ?? '')
  if (!ACM_REVOCATION_REASONS.includes(reason)) {
    throw new SandboxError(
      'ValidationException',
      `RevocationReason '${reason}' is not accepted for public certificates; use one of ` +
        `${ACM_REVOCATION_REASONS.join(', ')}.`,
    )
  }
  if (record.type !== 'AMAZON_ISSUED' || !record.exported) {
    throw new SandboxError(
      'ValidationException',
      `Certificate ${record.arn} cannot be revoked here: ACM revokes only public certificates that were ` +
        `exported (revoke private ones through ACM Private CA; delete the others).`,
    )
  }
  if (record.status === 'REVOKED')
    throw new SandboxError('ConflictException', `Certificate ${record.arn} is already revoked.`)
  if (record.inUseBy.length)
    throw new SandboxError(
      'ResourceInUseException',
      `Certificate ${record.arn} is in use by ${record.inUseBy.join(', ')}; detach it first.`,
    )
  record.status = 'REVOKED'
  record.revokedAt = world.now()
  record.revocationReason = reason
  return { CertificateArn: record.arn }
}

/** DeleteCertificate: refused while another AWS resource uses it. */
export function deleteCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  if (record.inUseBy.length) {
    throw new SandboxError(
      'ResourceInUseException',
      `Certificate ${record.arn} is in use by ${record.inUseBy.join(', ')}; remove it from those resources ` +
        `before deleting it.`,
    )
  }
  removeRecord(world, record)
  return {}
}

/** ResendValidationEmail: EMAIL-validated requests still pending. */
export function resendValidationEmail(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const record = findRecord(world, request, input.CertificateArn)
  const domain = requiredString(input, 'Domain').toLowerCase()
  const validationDomain = requiredString(input, 'ValidationDomain').toLowerCase()
  refresh(world, record)
  if (record.status !== 'PENDING_VALIDATION') {
    throw new SandboxError(
      'InvalidStateException',
      `Certificate ${record.arn} is ${effectiveStatus(world, record)}; validation email can be resent only ` +
        `while it is PENDING_VALIDATION.`,
    )
  }
  const validation = record.validations.find((v) => v.domainName.toLowerCase() === domain)
  if (validation?.method !== 'EMAIL' || validation.validationDomain !== validationDomain) {
    throw new SandboxError(
      'InvalidDomainValidationOptionsException',
      `'${domain}' with validation domain '${validationDomain}' is not an EMAIL-validated domain of ${record.arn}.`,
    )
  }
  record.resendCount++
  return {}
}

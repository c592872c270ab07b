import { createJsonService, epoch } from '../protocol/json-service.js'
import { SandboxError, type ServiceHandler } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { regionState } from '../acm/model.js'
import { findAuthority, pcaState, type CaRecord } from './model.js'

const REASONS = [
  'UNSPECIFIED',
  'KEY_COMPROMISE',
  'CERTIFICATE_AUTHORITY_COMPROMISE',
  'AFFILIATION_CHANGED',
  'SUPERSEDED',
  'CESSATION_OF_OPERATION',
  'PRIVILEGE_WITHDRAWN',
  'A_A_COMPROMISE',
]
// ACM reports PCA's CERTIFICATE_AUTHORITY_COMPROMISE under its own enum name.
const ACM_REASON: Record<string, string> = { CERTIFICATE_AUTHORITY_COMPROMISE: 'CA_COMPROMISE' }

function describe(ca: CaRecord): Record<string, unknown> {
  return {
    Arn: ca.arn,
    OwnerAccount: ca.accountId,
    CreatedAt: epoch(ca.createdAt),
    LastStateChangeAt: epoch(ca.lastStateChangeAt),
    Type: ca.type,
    Serial: ca.serial,
    Status: ca.status,
    NotBefore: epoch(ca.notBefore),
    NotAfter: epoch(ca.notAfter),
    CertificateAuthorityConfiguration: {
      KeyAlgorithm: ca.keyAlgorithm,
      SigningAlgorithm: ca.signingAlgorithm,
      Subject: ca.subject,
    },
    RevocationConfiguration: { CrlConfiguration: { Enabled: false }, OcspConfiguration: { Enabled: false } },
    KeyStorageSecurityStandard: 'FIPS_140_2_LEVEL_3_OR_HIGHER',
    UsageMode: 'GENERAL_PURPOSE',
  }
}

/** Normalises a serial to ACM's form: lowercase hex pairs with colons, no leading zero pairs. */
export function normaliseSerial(serial: string): string {
  const hex = serial
    .replace(/:/g, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '')
  return (hex.length % 2 ? `0${hex}` : hex).match(/../g)!.join(':')
}

/** The emulated ACM Private CA service (JSON 1.1, `ACMPrivateCA.<Operation>`). */
export function createPcaService(world: SandboxWorld): ServiceHandler {
  return createJsonService({
    service: 'acm-pca',
    targetPrefix: 'ACMPrivateCA',
    displayName: 'ACM Private CA',
    operations: {
      ListCertificateAuthorities(input, request) {
        const max = input.MaxResults === undefined ? 1000 : Number(input.MaxResults)
        if (!Number.isInteger(max) || max < 1 || max > 1000) {
          throw new SandboxError(
            'ValidationException',
            `1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to ` +
              `satisfy constraint: Member must have value between 1 and 1000`,
          )
        }
        const state = pcaState(world)
        const mine =
          input.ResourceOwner === 'OTHER_ACCOUNTS'
            ? []
            : state.order
                .map((arn) => state.authorities[arn])
                .filter(
                  (ca) => ca.accountId === request.accountId && ca.region === request.region && ca.status !== 'DELETED',
                )
        const start =
          input.NextToken === undefined
            ? 0
            : Number.parseInt(Buffer.from(String(input.NextToken), 'base64url').toString(), 10)
        if (!Number.isInteger(start) || start < 0)
          throw new SandboxError(
            'InvalidNextTokenException',
            'The NextToken is not valid; pass the one from the previous response.',
          )
        const page = mine.slice(start, start + max)
        const next = start + max < mine.length ? Buffer.from(String(start + max)).toString('base64url') : undefined
        return { CertificateAuthorities: page.map(describe), NextToken: next }
      },
      DescribeCertificateAuthority(input, request) {
        return { CertificateAuthority: describe(findAuthority(world, request, input.CertificateAuthorityArn)) }
      },
      GetCertificateAuthorityCertificate(input, request) {
        const ca = findAuthority(world, request, input.CertificateAuthorityArn)
        return {
          Certificate: ca.material.certificatePem.trim(),
          CertificateChain: ca.material.chainPem ? ca.material.chainPem.trim() : undefined,
        }
      },
      RevokeCertificate(input, request) {
        const ca = findAuthority(world, request, input.CertificateAuthorityArn)
        const reason = String(input.RevocationReason ?? '')
        if (!REASONS.includes(reason)) {
          throw new SandboxError(
            'ValidationException',
            `1 validation error detected: Value '${reason}' at 'revocationReason' failed to satisfy ` +
              `constraint: Member must satisfy enum value set: [${REASONS.join(', ')}]`,
          )
        }
        if (typeof input.CertificateSerial !== 'string' || !/^[0-9a-fA-F:]+$/.test(input.CertificateSerial)) {
          throw new SandboxError(
            'InvalidRequestException',
            `The certificate serial '${String(input.CertificateSerial)}' is not valid; give it in ` +
              `hexadecimal, e.g. 0a:1b:2c.`,
          )
        }
        if (ca.status !== 'ACTIVE' && ca.status !== 'DISABLED') {
          throw new SandboxError(
            'InvalidStateException',
            `Certificate authority ${ca.arn} is ${ca.status}; revocation needs it ACTIVE or DISABLED.`,
          )
        }
        const serial = normaliseSerial(input.CertificateSerial)
        if (ca.revoked[serial])
          throw new SandboxError('RequestAlreadyProcessedException', `Certificate ${serial} is already revoked.`)
        const rs = regionState(world, ca.accountId, ca.region)
        const cert = Object.values(rs.certs).find((c) => c.caArn === ca.arn && c.serial === serial)
        if (!cert)
          throw new SandboxError(
            'ResourceNotFoundException',
            `Certificate authority ${ca.arn} issued no certificate with serial ${serial}.`,
          )
        const now = world.now()
        ca.revoked[serial] = { reason, at: now }
        cert.status = 'REVOKED'
        cert.revokedAt = now
        cert.revocationReason = ACM_REASON[reason] ?? reason
        return {}
      },
    },
  })
}

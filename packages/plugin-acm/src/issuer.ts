import {
  DescribeCertificateCommand,
  RenewCertificateCommand,
  RequestCertificateCommand,
  ResendValidationEmailCommand,
  RevokeCertificateCommand,
  type RevocationReason as AcmRevocationReason,
} from '@aws-sdk/client-acm'
import { CertDeckError, type CertificateIssuer, type RevocationReason } from '@certdeck/core'
import type { AwsContext } from './aws-context.js'
import { exportCertificate } from './export.js'
import { toIssuedStatus } from './issued-status.js'

/** ACM's spelling of each reason: it names one differently from ACM Private CA (and RFC 5280). */
const ACM_REASON: Record<RevocationReason, AcmRevocationReason> = {
  UNSPECIFIED: 'UNSPECIFIED',
  KEY_COMPROMISE: 'KEY_COMPROMISE',
  CERTIFICATE_AUTHORITY_COMPROMISE: 'CA_COMPROMISE',
  AFFILIATION_CHANGED: 'AFFILIATION_CHANGED',
  SUPERSEDED: 'SUPERSEDED',
  CESSATION_OF_OPERATION: 'CESSATION_OF_OPERATION',
  PRIVILEGE_WITHDRAWN: 'PRIVILEGE_WITHDRAWN',
  A_A_COMPROMISE: 'A_A_COMPROMISE',
}

/**
 * ACM's RequestCertificate and the calls around a requested certificate, through one session's
 * regional clients; ACM Private CA calls load their SDK client on first use.
 */
export function acmIssuer(ctx: AwsContext): CertificateIssuer {
  const pca = () => import('./private-ca.js')
  return {
    async request(region, input, signal) {
      const tags = Object.entries(input.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
      const privateCa = input.kind === 'private'
      if (privateCa && !input.caArn) {
        throw new CertDeckError(
          'REQUEST_CA_MISSING',
          'A private certificate needs the ARN of the ACM Private CA that signs it (caArn); choose one of ' +
            'the ACTIVE authorities ACM Private CA lists for the region.',
        )
      }
      const result = await ctx.call(
        'ACM',
        region,
        'RequestCertificate',
        () =>
          ctx.acm(region).send(
            new RequestCertificateCommand({
              DomainName: input.domain,
              // ACM puts every name in the SAN extension; listing the domain too says so explicitly.
              SubjectAlternativeNames: [input.domain, ...input.sans.filter((name) => name !== input.domain)],
              KeyAlgorithm: input.keyAlgorithm,
              IdempotencyToken: input.idempotencyToken,
              ...(privateCa
                ? { CertificateAuthorityArn: input.caArn }
                : { ValidationMethod: input.validationMethod ?? 'DNS' }),
              ...(!privateCa && input.exportable ? { Options: { Export: 'ENABLED' } } : {}),
              ...(tags.length > 0 ? { Tags: tags } : {}),
            }),
            { abortSignal: signal },
          ),
        signal,
      )
      if (!result.CertificateArn) throw new Error('RequestCertificate answered without a CertificateArn')
      return result.CertificateArn
    },

    async describe(region, arn, signal) {
      const result = await ctx.call(
        'ACM',
        region,
        'DescribeCertificate',
        () => ctx.acm(region).send(new DescribeCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }),
        signal,
      )
      return toIssuedStatus(arn, result.Certificate)
    },

    async resendValidationEmail(region, arn, domain, validationDomain, signal) {
      await ctx.call(
        'ACM',
        region,
        'ResendValidationEmail',
        () =>
          ctx.acm(region).send(
            new ResendValidationEmailCommand({
              CertificateArn: arn,
              Domain: domain,
              ValidationDomain: validationDomain,
            }),
            {
              abortSignal: signal,
            },
          ),
        signal,
      )
    },

    async renew(region, arn, signal) {
      await ctx.call(
        'ACM',
        region,
        'RenewCertificate',
        () => ctx.acm(region).send(new RenewCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }),
        signal,
      )
    },

    async revokePrivate(region, caArn, serial, reason, signal) {
      await (await pca()).revokePrivate(ctx, region, caArn, serial, reason, signal)
    },

    async revokePublic(region, arn, reason, signal) {
      await ctx.call(
        'ACM',
        region,
        'RevokeCertificate',
        () =>
          ctx
            .acm(region)
            .send(new RevokeCertificateCommand({ CertificateArn: arn, RevocationReason: ACM_REASON[reason] }), {
              abortSignal: signal,
            }),
        signal,
      )
    },

    exportCertificate: (region, arn, passphrase, signal) => exportCertificate(ctx, region, arn, passphrase, signal),

    async listAuthorities(region, signal) {
      return (await pca()).listAuthorities(ctx, region, signal)
    },
  }
}

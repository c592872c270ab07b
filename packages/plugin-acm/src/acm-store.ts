import {
  GetCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  type CertificateSummary,
} from '@aws-sdk/client-acm'
import {
  KEY_ALGORITHMS,
  type CloudCertificateBody,
  type CloudCertificateImporter,
  type CloudCertificateKind,
  type CloudCertificateSummary,
  type KeyAlgorithm,
} from '@certdeck/core'
import type { AwsContext } from './aws-context.js'
import { certificateBlocks } from './pem-blocks.js'

/**
 * Every ACM status. ListCertificates is asked for all of them explicitly rather than relying on
 * what an omitted filter means.
 */
export const ACM_STATUSES = [
  'PENDING_VALIDATION',
  'ISSUED',
  'INACTIVE',
  'EXPIRED',
  'VALIDATION_TIMED_OUT',
  'REVOKED',
  'FAILED',
] as const

/** ListCertificates' largest page. */
const PAGE_SIZE = 1000

const KINDS: ReadonlySet<string> = new Set<CloudCertificateKind>(['AMAZON_ISSUED', 'PRIVATE', 'IMPORTED'])

/** ACM in every region, through one session's regional clients. */
export function acmStore(ctx: AwsContext): CloudCertificateImporter {
  return {
    kind: 'acm',
    scope: 'regional',

    async list(region, signal) {
      const client = ctx.acm(region)
      const out: CloudCertificateSummary[] = []
      let nextToken: string | undefined
      do {
        const page = await ctx.call(
          'ACM',
          region,
          'ListCertificates',
          () =>
            client.send(
              new ListCertificatesCommand({
                // Without keyTypes ACM lists only RSA_1024 and RSA_2048 certificates.
                Includes: { keyTypes: [...KEY_ALGORITHMS] },
                CertificateStatuses: [...ACM_STATUSES],
                MaxItems: PAGE_SIZE,
                NextToken: nextToken,
              }),
              { abortSignal: signal },
            ),
          signal,
        )
        for (const summary of page.CertificateSummaryList ?? []) {
          if (summary.CertificateArn) out.push(toSummary(summary))
        }
        nextToken = page.NextToken || undefined
      } while (nextToken)
      return out
    },

    async get(region, arn, signal) {
      const result = await ctx.call(
        'ACM',
        region,
        'GetCertificate',
        () => ctx.acm(region).send(new GetCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }),
        signal,
      )
      return toBody(result.Certificate, result.CertificateChain)
    },

    async importCertificate(region, input, signal) {
      const encoder = new TextEncoder()
      const chain = input.chainPem.join('')
      const tags = Object.entries(input.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
      const result = await ctx.call(
        'ACM',
        region,
        'ImportCertificate',
        () =>
          ctx.acm(region).send(
            new ImportCertificateCommand({
              Certificate: encoder.encode(input.pem),
              PrivateKey: encoder.encode(input.privateKeyPem),
              ...(chain ? { CertificateChain: encoder.encode(chain) } : {}),
              ...(input.arn ? { CertificateArn: input.arn } : {}),
              // ACM refuses tags on a re-import: they stay as they were on the ARN.
              ...(!input.arn && tags.length > 0 ? { Tags: tags } : {}),
            }),
            { abortSignal: signal },
          ),
        signal,
      )
      if (!result.CertificateArn) throw new Error('ImportCertificate answered without a CertificateArn')
      return result.CertificateArn
    },

    async tags(region, arn, signal) {
      const result = await ctx.call(
        'ACM',
        region,
        'ListTagsForCertificate',
        () => ctx.acm(region).send(new ListTagsForCertificateCommand({ CertificateArn: arn }), { abortSignal: signal }),
        signal,
      )
      return Object.fromEntries((result.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']))
    },
  }
}

function toSummary(s: CertificateSummary): CloudCertificateSummary {
  const kind = s.Type && KINDS.has(s.Type) ? (s.Type as CloudCertificateKind) : 'IMPORTED'
  const keyAlgorithm =
    s.KeyAlgorithm && (KEY_ALGORITHMS as readonly string[]).includes(s.KeyAlgorithm)
      ? (s.KeyAlgorithm as KeyAlgorithm)
      : undefined
  return {
    // ListCertificates always returns the ARN; the SDK types every field optional.
    // biome-ignore lint/style/noNonNullAssertion: the invariant above
    arn: s.CertificateArn!,
    kind,
    status: s.Status ?? 'UNKNOWN',
    domain: s.DomainName ?? '',
    sans: s.SubjectAlternativeNameSummaries ?? [],
    ...(keyAlgorithm ? { keyAlgorithm } : {}),
    ...(s.NotBefore ? { notBefore: s.NotBefore.toISOString() } : {}),
    ...(s.NotAfter ? { notAfter: s.NotAfter.toISOString() } : {}),
    ...(s.ImportedAt ? { importedAt: s.ImportedAt.toISOString() } : {}),
    ...(s.InUse !== undefined ? { inUse: s.InUse } : {}),
    ...(s.RenewalEligibility ? { renewalEligibility: s.RenewalEligibility } : {}),
    ...(s.ExportOption ? { exportOption: s.ExportOption } : {}),
    ...(s.Exported !== undefined ? { exported: s.Exported } : {}),
  }
}

/** A body from GetCertificate: the leaf, then its chain from the leaf's issuer up. */
export function toBody(certificate: string | undefined, chain: string | undefined): CloudCertificateBody {
  const [pem] = certificateBlocks(certificate)
  if (!pem) throw new Error('GetCertificate answered without a certificate body')
  return { pem, chainPem: certificateBlocks(chain) }
}

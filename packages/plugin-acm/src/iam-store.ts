import { GetServerCertificateCommand, ListServerCertificatesCommand } from '@aws-sdk/client-iam'
import type { CloudCertificateStore, CloudCertificateSummary } from '@certdeck/core'
import type { AwsContext } from './aws-context.js'
import { toBody } from './acm-store.js'

/** IAM is global: its quotas and records use this region name. */
export const IAM_REGION = 'global'

/**
 * IAM server certificates (global). Listing gives names and dates only; the domain and SANs are
 * known once the body is fetched, so discovery fetches every new or changed IAM body.
 */
export function iamStore(ctx: AwsContext): CloudCertificateStore {
  return {
    kind: 'iam',
    scope: 'global',

    async list(_region, signal) {
      const out: CloudCertificateSummary[] = []
      let marker: string | undefined
      do {
        const page = await ctx.call(
          'IAM',
          IAM_REGION,
          'ListServerCertificates',
          () =>
            ctx
              .iam()
              .send(new ListServerCertificatesCommand({ MaxItems: 1000, Marker: marker }), { abortSignal: signal }),
          signal,
        )
        for (const m of page.ServerCertificateMetadataList ?? []) {
          if (!m.Arn) continue
          const expired = m.Expiration !== undefined && m.Expiration.getTime() <= Date.now()
          out.push({
            arn: m.Arn,
            kind: 'IMPORTED',
            status: expired ? 'EXPIRED' : 'ISSUED',
            // The certificate's name until its body tells the domain.
            domain: m.ServerCertificateName ?? '',
            sans: [],
            ...(m.Expiration ? { notAfter: m.Expiration.toISOString() } : {}),
            ...(m.UploadDate ? { importedAt: m.UploadDate.toISOString() } : {}),
          })
        }
        marker = page.IsTruncated ? page.Marker : undefined
      } while (marker)
      return out
    },

    async get(_region, arn, signal) {
      const name = arn.slice(arn.lastIndexOf('/') + 1)
      const result = await ctx.call(
        'IAM',
        IAM_REGION,
        'GetServerCertificate',
        () => ctx.iam().send(new GetServerCertificateCommand({ ServerCertificateName: name }), { abortSignal: signal }),
        signal,
      )
      return toBody(result.ServerCertificate?.CertificateBody, result.ServerCertificate?.CertificateChain)
    },
  }
}

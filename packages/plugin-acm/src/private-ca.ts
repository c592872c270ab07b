import {
  ACMPCAClient,
  ListCertificateAuthoritiesCommand,
  RevokeCertificateCommand,
  type CertificateAuthority as PcaAuthority,
} from '@aws-sdk/client-acm-pca'
import { KEY_ALGORITHMS, type CertificateAuthority, type KeyAlgorithm, type RevocationReason } from '@certdeck/core'
import type { AwsContext } from './aws-context.js'

/** ListCertificateAuthorities' largest page. */
const PAGE_SIZE = 1000

/**
 * ACM Private CA calls, loaded only when a private CA is asked for (listing authorities,
 * revoking): most sessions never need this SDK client.
 */
export function pcaClient(ctx: AwsContext, region: string): ACMPCAClient {
  return ctx.client('acm-pca', region, (config) => new ACMPCAClient(config))
}

/** Every private CA of the account in `region`, all pages, owned by the account. */
export async function listAuthorities(
  ctx: AwsContext,
  region: string,
  signal?: AbortSignal,
): Promise<CertificateAuthority[]> {
  const client = pcaClient(ctx, region)
  const out: CertificateAuthority[] = []
  let nextToken: string | undefined
  do {
    const page = await ctx.call(
      'ACM-PCA',
      region,
      'ListCertificateAuthorities',
      () =>
        client.send(new ListCertificateAuthoritiesCommand({ MaxResults: PAGE_SIZE, NextToken: nextToken }), {
          abortSignal: signal,
        }),
      signal,
    )
    for (const ca of page.CertificateAuthorities ?? []) if (ca.Arn) out.push(toAuthority(ca))
    nextToken = page.NextToken || undefined
  } while (nextToken)
  return out
}

/** RevokeCertificate of ACM Private CA, by the CA and the certificate's serial. */
export async function revokePrivate(
  ctx: AwsContext,
  region: string,
  caArn: string,
  serial: string,
  reason: RevocationReason,
  signal?: AbortSignal,
): Promise<void> {
  const client = pcaClient(ctx, region)
  await ctx.call(
    'ACM-PCA',
    region,
    'RevokeCertificate',
    () =>
      client.send(
        new RevokeCertificateCommand({
          CertificateAuthorityArn: caArn,
          CertificateSerial: colonSerial(serial),
          RevocationReason: reason,
        }),
        { abortSignal: signal },
      ),
    signal,
  )
}

/**
 * A serial as AWS prints it (DescribeCertificate, the console, `openssl x509 -text`): lower-case
 * hex pairs joined by colons. ACM Private CA documents the serial as "hexadecimal format" copied
 * from those, so this is the spelling sent.
 */
export function colonSerial(serial: string): string {
  const hex = serial.replace(/:/g, '').toLowerCase()
  return (hex.length % 2 ? `0${hex}` : hex).match(/../g)?.join(':') ?? ''
}

function toAuthority(ca: PcaAuthority): CertificateAuthority {
  const configured = ca.CertificateAuthorityConfiguration?.KeyAlgorithm
  // ACM Private CA spells its keys as ACM does; SM2 and newer ones CertDeck cannot request with.
  const keyAlgorithm =
    configured && (KEY_ALGORITHMS as readonly string[]).includes(configured) ? (configured as KeyAlgorithm) : undefined
  return {
    // ListCertificateAuthorities always returns the ARN; the SDK types every field optional.
    // biome-ignore lint/style/noNonNullAssertion: the invariant above
    arn: ca.Arn!,
    commonName: ca.CertificateAuthorityConfiguration?.Subject?.CommonName ?? '',
    status: ca.Status ?? 'UNKNOWN',
    type: ca.Type === 'SUBORDINATE' ? 'SUBORDINATE' : 'ROOT',
    ...(keyAlgorithm ? { keyAlgorithm } : {}),
    ...(ca.UsageMode ? { usageMode: ca.UsageMode } : {}),
  }
}

import { ExportCertificateCommand, type ExportCertificateCommandOutput } from '@aws-sdk/client-acm'
import { CertDeckError, isCertDeckError, type ExportedCertificate } from '@certdeck/core'
import type { AwsContext } from './aws-context.js'
import { certificateBlocks } from './pem-blocks.js'

const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----[\s\S]+?-----END ENCRYPTED PRIVATE KEY-----/

/**
 * Checks an export passphrase as ACM does (4–128 ASCII bytes, none of `#`, `$`, `%`) without
 * ever naming it: the message says what is wrong, never the value.
 */
function checkPassphrase(passphrase: string): Uint8Array {
  const bytes = new TextEncoder().encode(passphrase)
  const ascii = [...bytes].every((b) => b >= 0x20 && b <= 0x7e)
  if (bytes.length < 4 || bytes.length > 128 || !ascii || /[#$%]/.test(passphrase)) {
    throw new CertDeckError(
      'EXPORT_PASSPHRASE_INVALID',
      'The export passphrase must be 4 to 128 printable ASCII characters without #, $ or % (ACM refuses ' +
        'others); the passphrase given is not.',
    )
  }
  return bytes
}

/**
 * ExportCertificate (charged by AWS): the certificate, its chain and its private key encrypted
 * under `passphrase` (PKCS#8). The passphrase travels only in the request body; an error that
 * would quote it (an endpoint echoing the request) is replaced by one that does not.
 */
export async function exportCertificate(
  ctx: AwsContext,
  region: string,
  arn: string,
  passphrase: string,
  signal?: AbortSignal,
): Promise<ExportedCertificate> {
  const bytes = checkPassphrase(passphrase)
  let result: ExportCertificateCommandOutput
  try {
    result = await ctx.call(
      'ACM',
      region,
      'ExportCertificate',
      () =>
        ctx
          .acm(region)
          .send(new ExportCertificateCommand({ CertificateArn: arn, Passphrase: bytes }), { abortSignal: signal }),
      signal,
    )
  } catch (error) {
    throw withoutSecret(error, passphrase)
  } finally {
    bytes.fill(0)
  }
  const [pem] = certificateBlocks(result.Certificate)
  const key = ENCRYPTED_KEY.exec(result.PrivateKey ?? '')?.[0]
  if (!pem || !key) throw new Error('ExportCertificate answered without a certificate or an encrypted private key')
  return { pem, chainPem: certificateBlocks(result.CertificateChain), encryptedPrivateKeyPem: `${key}\n` }
}

/**
 * The same error with every occurrence of `secret` removed from its message (and no cause), as
 * text and in base64, the form ACM's JSON protocol sends it in.
 */
export function withoutSecret(error: unknown, secret: string): unknown {
  const forms = [secret, Buffer.from(secret, 'utf8').toString('base64')]
  if (!(error instanceof Error) || secret.length === 0 || !forms.some((form) => error.message.includes(form)))
    return error
  const message = forms.reduce((text, form) => text.split(form).join('[passphrase removed]'), error.message)
  return isCertDeckError(error) ? new CertDeckError(error.code, message, { kind: error.kind }) : new Error(message)
}

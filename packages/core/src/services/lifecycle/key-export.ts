import { createPrivateKey, type KeyObject, randomBytes } from 'node:crypto'
import { CertDeckError } from '../../errors.js'
import type { ExportedCertificate } from '../../plugins/certificate-issuer.js'
import { toX509 } from '../../x509/facts.js'
import { keyMatchesCertificate } from '../../x509/keys.js'

/**
 * SECRET: a fresh passphrase for ExportCertificate (32 characters of A–Z a–z 0–9 `-` `_`: ASCII,
 * 4–128 bytes, no `#`, `$` or `%`, as AWS requires). It never leaves the process.
 */
export function exportPassphrase(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * Decrypts the exported PKCS#8 key and checks it belongs to the exported certificate.
 * Errors never quote the key or the passphrase.
 */
export function openExportedKey(exported: ExportedCertificate, passphrase: string, arn: string): KeyObject {
  let key: KeyObject
  try {
    key = createPrivateKey({ key: exported.encryptedPrivateKeyPem, format: 'pem', passphrase })
  } catch (error) {
    throw new CertDeckError(
      'EXPORTED_KEY_UNREADABLE',
      `ACM returned a private key for ${arn} that could not be decrypted as PKCS#8. Nothing was stored; try again.`,
      { kind: 'failure', cause: error instanceof Error ? new Error(error.message) : undefined },
    )
  }
  if (!keyMatchesCertificate(key, toX509(exported.pem, arn))) {
    throw new CertDeckError(
      'KEY_MISMATCH',
      `The private key ACM exported for ${arn} does not match its certificate. Nothing was stored.`,
      { kind: 'failure' },
    )
  }
  return key
}

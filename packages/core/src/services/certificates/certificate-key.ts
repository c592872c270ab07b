import { X509Certificate, createPrivateKey } from 'node:crypto'
import type { Certificate } from '../../domain/certificate.js'
import type { SealedSecret } from '../../domain/sealed-secret.js'
import { CertDeckError } from '../../errors.js'
import type { Vault } from '../../ports/vault.js'
import { privateKeyBinding } from '../../vault/seal-bindings.js'
import { keyMatchesCertificate } from '../../x509/keys.js'

/**
 * Opens the private key of a certificate (PKCS#8 PEM) for a use (export, deploy, PKCS#12): the
 * seal is bound to the public key of the certificate's own PEM, and the opened key must match
 * that certificate (`KEY_MISMATCH` otherwise), so a key moved to another entry is never used.
 */
export function openCertificateKey(
  vault: Vault,
  certificate: Pick<Certificate, 'id' | 'pem'> & { readonly privateKey: SealedSecret },
): string {
  const pem = vault.open(certificate.privateKey, privateKeyBinding(certificate)).toString('utf8')
  if (!keyMatchesCertificate(createPrivateKey(pem), new X509Certificate(certificate.pem))) {
    throw new CertDeckError(
      'KEY_MISMATCH',
      `The private key held for certificate ${certificate.id} does not belong to it (the repository was edited or ` +
        'damaged); it was not used. Import the certificate again with its own key, or restore a backup of the repository.',
      { kind: 'failure' },
    )
  }
  return pem
}

import { X509Certificate } from 'node:crypto'
import { KEY_ALGORITHMS, type Certificate, type KeyAlgorithm } from '../../domain/certificate.js'
import { CertDeckError } from '../../errors.js'
import { issuedBy } from '../../x509/chain.js'

/** Key types ACM imports: every type it knows (RSA 1024–4096, EC P-256/P-384/P-521). */
export const ACM_IMPORT_KEY_ALGORITHMS: ReadonlySet<KeyAlgorithm> = new Set(KEY_ALGORITHMS)

/** ACM's size limits of ImportCertificate, in bytes. */
const MAX_KEY_BYTES = 5 * 1024
const MAX_CERTIFICATE_BYTES = 32 * 1024
const MAX_CHAIN_BYTES = 2 * 1024 * 1024

/**
 * Checks the current version of `certificate` against ACM's import rules before any call, so
 * AWS's refusal is never the first the user hears: a private key is held and at most 5 KB, the
 * key type is one ACM imports, `now` is inside the validity window, and the chain runs from the
 * leaf's issuer up to the root without the leaf. Throws an `input` {@link CertDeckError}.
 */
export function checkAcmImportRules(
  certificate: Certificate,
  privateKeyPem: string | undefined,
  now: Date,
): asserts privateKeyPem is string {
  const name = `Certificate ${certificate.id} (${certificate.commonName})`
  if (!privateKeyPem) {
    throw new CertDeckError(
      'PRIVATE_KEY_MISSING',
      `${name} has no private key in the repository, and ACM imports need one. Import the certificate ` +
        `together with its key (certdeck certs import CERT KEY), then deploy again.`,
    )
  }
  if (Date.parse(certificate.notAfter) <= now.getTime()) {
    throw new CertDeckError(
      'CERT_EXPIRED',
      `${name} expired on ${certificate.notAfter}; ACM imports only certificates inside their validity ` +
        `window. Renew it, import the new version, then deploy.`,
    )
  }
  if (Date.parse(certificate.notBefore) > now.getTime()) {
    throw new CertDeckError(
      'CERT_NOT_YET_VALID',
      `${name} is not valid before ${certificate.notBefore}; ACM imports only certificates inside their ` +
        `validity window. Deploy it once it is valid.`,
    )
  }
  if (!ACM_IMPORT_KEY_ALGORITHMS.has(certificate.keyAlgorithm)) {
    throw new CertDeckError(
      'KEY_ALGORITHM_UNSUPPORTED',
      `${name} has a ${certificate.keyAlgorithm} key. ACM imports RSA 1024/2048/3072/4096 and EC ` +
        `P-256/P-384/P-521 keys only.`,
    )
  }
  const keyBytes = Buffer.byteLength(privateKeyPem)
  if (keyBytes > MAX_KEY_BYTES) {
    throw new CertDeckError(
      'KEY_TOO_LARGE',
      `${name}: its private key is ${keyBytes} bytes as PEM, and ACM accepts at most ${MAX_KEY_BYTES}. Use ` +
        `a smaller key (RSA 4096 and EC keys fit).`,
    )
  }
  if (Buffer.byteLength(certificate.pem) > MAX_CERTIFICATE_BYTES) {
    throw new CertDeckError(
      'CERT_TOO_LARGE',
      `${name} is larger than the ${MAX_CERTIFICATE_BYTES} bytes ACM accepts for a certificate body.`,
    )
  }
  const chainBytes = certificate.chainPem.reduce((sum, pem) => sum + Buffer.byteLength(pem), 0)
  if (chainBytes > MAX_CHAIN_BYTES) {
    throw new CertDeckError(
      'CHAIN_TOO_LARGE',
      `${name}: its chain is larger than the ${MAX_CHAIN_BYTES} bytes ACM accepts.`,
    )
  }
  checkChainOrder(certificate, name)
}

function checkChainOrder(certificate: Certificate, name: string): void {
  const leaf = new X509Certificate(certificate.pem)
  let child = leaf
  certificate.chainPem.forEach((pem, index) => {
    const parent = new X509Certificate(pem)
    if (parent.fingerprint256 === leaf.fingerprint256 || !issuedBy(child, parent)) {
      throw new CertDeckError(
        'CHAIN_ORDER',
        `${name}: chain certificate ${index + 1} (${parent.subject.replaceAll('\n', ', ')}) does not issue ` +
          `the certificate before it. ` +
          "ACM needs the chain without the leaf, ordered from the leaf's issuer up to the root: import the " +
          'certificate again with its correct chain.',
      )
    }
    child = parent
  })
}

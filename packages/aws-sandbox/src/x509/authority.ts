import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import { readTlv } from './der.js'
import { buildCertificate, keyIdentifier, toPem, type DistinguishedName, type Signer } from './cert-builder.js'

/** A CA as the sandbox keeps it in its JSON state (the sandbox is a test double: keys in clear). */
export interface CaMaterial {
  readonly certificatePem: string
  /** PEM of the certificates above it, nearest first; empty for a root. */
  readonly chainPem: string
  readonly privateKeyPem: string
}

/** A CA ready to sign. */
export interface LoadedCa {
  readonly material: CaMaterial
  readonly signer: Signer
  readonly x509: X509Certificate
}

const loaded = new Map<string, LoadedCa>()

/** Parses a CA's material once and caches the result by certificate. */
export function loadCa(material: CaMaterial): LoadedCa {
  let ca = loaded.get(material.certificatePem)
  if (!ca) {
    const x509 = new X509Certificate(material.certificatePem)
    const privateKey = createPrivateKey(material.privateKeyPem)
    const spki = x509.publicKey.export({ type: 'spki', format: 'der' })
    const signer: Signer = { nameDer: subjectNameDer(x509.raw), privateKey, keyIdentifier: keyIdentifier(spki) }
    ca = { material, signer, x509 }
    loaded.set(material.certificatePem, ca)
  }
  return ca
}

// The issuer field of a child must be byte-identical to the CA's subject, so copy it from the DER.
function subjectNameDer(certDer: Buffer): Buffer {
  const tbs = readTlv(readTlv(certDer).content).content
  let offset = 0
  // version [0], serial, signature, issuer, validity, then subject
  for (let field = 0; field < 5; field++) offset = readTlv(tbs, offset).end
  return tbs.subarray(offset, readTlv(tbs, offset).end)
}

/** Creates a CA certificate for `key`, self-signed or signed by `parent`. */
export function createCa(input: {
  readonly subject: DistinguishedName
  readonly privateKey: KeyObject
  readonly spki: Buffer
  readonly serial: Buffer
  readonly notBefore: number
  readonly notAfter: number
  readonly parent?: LoadedCa
}): CaMaterial {
  const der = buildCertificate({
    subject: input.subject,
    publicKeySpki: input.spki,
    serial: input.serial,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    ca: true,
    signer: input.parent?.signer,
    selfKey: input.privateKey,
  })
  const parent = input.parent?.material
  return {
    certificatePem: toPem(der),
    chainPem: parent ? parent.certificatePem + parent.chainPem : '',
    privateKeyPem: input.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

/** Issues an end-entity certificate from `ca`; returns its PEM. */
export function issueLeaf(
  ca: LoadedCa,
  input: {
    readonly commonName: string
    readonly dnsNames: readonly string[]
    readonly spki: Buffer
    readonly serial: Buffer
    readonly notBefore: number
    readonly notAfter: number
  },
): string {
  return toPem(
    buildCertificate({
      subject: { commonName: input.commonName },
      dnsNames: input.dnsNames,
      publicKeySpki: input.spki,
      serial: input.serial,
      notBefore: input.notBefore,
      notAfter: input.notAfter,
      signer: ca.signer,
    }),
  )
}

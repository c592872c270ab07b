import type { SandboxWorld } from '../world.js'
import { issueLeaf, loadCa, type LoadedCa } from '../x509/authority.js'
import { pcaState } from '../pca/model.js'
import { acmState, type AcmCertificateRecord } from './model.js'
import { externalCa, publicCa } from './public-ca.js'
import { spkiOf } from './validation.js'

/** The CA a lazy body names. */
export function issuerNamed(world: SandboxWorld, issuer: string): LoadedCa {
  if (issuer === 'public-pki') return publicCa(world)
  if (issuer === 'external-pki') return externalCa(world)
  const ca = pcaState(world).authorities[issuer]
  if (!ca) throw new Error(`The private CA ${issuer} of a seeded certificate is gone.`)
  return loadCa(ca.material)
}

/** True when the certificate has (or can produce) a body. */
export const hasBody = (record: AcmCertificateRecord): boolean =>
  record.certificatePem !== undefined || record.lazyBody !== undefined

/** The certificate's PEM and chain, signing a lazily seeded body on first use. */
export function certificateBody(
  world: SandboxWorld,
  record: AcmCertificateRecord,
): { certificate: string; chain?: string } | undefined {
  const lazy = record.lazyBody
  if (lazy) {
    const keyPem = acmState(world).keys[lazy.keyId]
    record.certificatePem = issueLeaf(issuerNamed(world, lazy.issuer), {
      commonName: record.domainName,
      dnsNames: record.sans,
      spki: spkiOf(keyPem),
      serial: Buffer.from(lazy.serialHex, 'hex'),
      notBefore: lazy.notBefore,
      notAfter: lazy.notAfter,
    })
    delete record.lazyBody
  }
  if (record.certificatePem === undefined) return undefined
  return {
    certificate: record.certificatePem,
    chain: record.chainId ? acmState(world).chains[record.chainId] : undefined,
  }
}

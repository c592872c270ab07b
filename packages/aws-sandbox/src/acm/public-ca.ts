import { generateKeyPairSync } from 'node:crypto'
import type { SandboxWorld } from '../world.js'
import { createCa, loadCa, type CaMaterial, type LoadedCa } from '../x509/authority.js'

interface PkiState {
  root?: CaMaterial
  issuing?: CaMaterial
}

const YEAR = 365 * 24 * 3600 * 1000

function hierarchy(world: SandboxWorld, stateKey: string, organization: string, rootName: string, issuingName: string): LoadedCa {
  const state = world.state<PkiState>(stateKey, () => ({}))
  if (!state.root || !state.issuing) {
    const now = world.now()
    const serial = (): Buffer => Buffer.from(`1${world.randomString(31)}`, 'hex')
    const rootKey = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
    state.root = createCa({
      subject: { country: 'US', organization, commonName: rootName },
      privateKey: rootKey.privateKey,
      spki: rootKey.publicKey.export({ type: 'spki', format: 'der' }),
      serial: serial(),
      notBefore: now - YEAR,
      notAfter: now + 20 * YEAR,
    })
    const issuingKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    state.issuing = createCa({
      subject: { country: 'US', organization, commonName: issuingName },
      privateKey: issuingKey.privateKey,
      spki: issuingKey.publicKey.export({ type: 'spki', format: 'der' }),
      serial: serial(),
      notBefore: now - YEAR,
      notAfter: now + 10 * YEAR,
      parent: loadCa(state.root),
    })
  }
  return loadCa(state.issuing)
}

/**
 * The sandbox's stand-in for Amazon's public CAs: a root and an issuing CA, both ECDSA so that
 * seeding tens of thousands of certificates stays fast. Created on first use and kept in state.
 */
export function publicCa(world: SandboxWorld): LoadedCa {
  return hierarchy(world, 'public-pki', 'CertDeck Sandbox', 'CertDeck Sandbox Root CA 1', 'CertDeck Sandbox Public ECC M01')
}

/** A third-party CA the seeder issues "imported" certificates (and IAM server certificates) from. */
export function externalCa(world: SandboxWorld): LoadedCa {
  return hierarchy(world, 'external-pki', 'Example Trust Services', 'Example Trust Root X1', 'Example Trust TLS ECC CA 1')
}

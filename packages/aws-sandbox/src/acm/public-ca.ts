import { generateKeyPairSync } from 'node:crypto'
import type { SandboxWorld } from '../world.js'
import { createCa, loadCa, type CaMaterial, type LoadedCa } from '../x509/authority.js'

interface PkiState {
  root?: CaMaterial
  issuing?: CaMaterial
}

const YEAR = 365 * 24 * 3600 * 1000

function hierarchy(
  world: SandboxWorld,
  stateKey: string,
  organization: string,
  rootName: string,
  issuingName: string,
): LoadedCa {
  const state = world.state<PkiState>(stateKey, () => ({}))
  if (!state.root || !state.issuing) {
    const now = world.now()
    const make = (commonName: string, namedCurve: string, years: number, parent?: CaMaterial): CaMaterial => {
      const key = generateKeyPairSync('ec', { namedCurve })
      return createCa({
        subject: { country: 'US', organization, commonName },
        privateKey: key.privateKey,
        spki: key.publicKey.export({ type: 'spki', format: 'der' }),
        serial: Buffer.from(`1${world.randomString(31)}`, 'hex'),
        notBefore: now - YEAR,
        notAfter: now + years * YEAR,
        parent: parent && loadCa(parent),
      })
    }
    state.root = make(rootName, 'secp384r1', 20)
    state.issuing = make(issuingName, 'prime256v1', 10, state.root)
  }
  return loadCa(state.issuing)
}

/**
 * The sandbox's stand-in for Amazon's public CAs: a root and an issuing CA, both ECDSA so that
 * seeding tens of thousands of certificates stays fast. Created on first use and kept in state.
 */
export function publicCa(world: SandboxWorld): LoadedCa {
  return hierarchy(
    world,
    'public-pki',
    'CertDeck Sandbox',
    'CertDeck Sandbox Root CA 1',
    'CertDeck Sandbox Public ECC M01',
  )
}

/** A third-party CA the seeder issues "imported" certificates (and IAM server certificates) from. */
export function externalCa(world: SandboxWorld): LoadedCa {
  return hierarchy(
    world,
    'external-pki',
    'Example Trust Services',
    'Example Trust Root X1',
    'Example Trust TLS ECC CA 1',
  )
}

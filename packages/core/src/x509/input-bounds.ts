import type forge from 'node-forge'
import { CertDeckError } from '../errors.js'
import { lazyModule } from './lazy-module.js'

/** node-forge, loaded on first use (see {@link lazyModule}). */
const forgeLib = lazyModule<typeof forge>('node-forge', import.meta.url)

/** The largest input file CertDeck reads (certificates, keys, bundles, PKCS#12, CSRs): 1 MiB. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024

/**
 * The most key-derivation iterations a PKCS#12 file may ask for (its MAC and each PBE): 10,000,000,
 * thousands of times what tools write (OpenSSL 3: 2,048), and still seconds of work, not hours.
 */
export const MAX_PKCS12_ITERATIONS = 10_000_000

/** Refuses a file larger than {@link MAX_INPUT_FILE_BYTES} (`FILE_TOO_LARGE`), before any work. */
export function checkInputSize(fileName: string, bytes: number): void {
  if (bytes <= MAX_INPUT_FILE_BYTES) return
  throw new CertDeckError(
    'FILE_TOO_LARGE',
    `${fileName} is ${bytes} bytes; CertDeck reads input files of at most ${MAX_INPUT_FILE_BYTES} bytes (1 MiB). ` +
      'A certificate, key or PKCS#12 file is a few KiB: check that this is the right file.',
  )
}

type Kdf = (...args: never[]) => unknown

/**
 * Runs `read` (a synchronous node-forge PKCS#12 read) with every key derivation it makes bounded:
 * a MAC or PBE asking for more than {@link MAX_PKCS12_ITERATIONS} iterations is refused
 * (`PKCS12_TOO_COSTLY`) before the derivation starts, whichever layer of the file holds it
 * (the MAC, an encrypted safe, a shrouded key bag inside one).
 */
export function withBoundedPkcs12Kdf<T>(fileName: string, read: () => T): T {
  const targets: [Record<string, Kdf>, string, number][] = [
    [forgeLib.pkcs12 as unknown as Record<string, Kdf>, 'generateKey', 3],
    [(forgeLib.pki as unknown as { pbe: Record<string, Kdf> }).pbe, 'generatePkcs12Key', 3],
    [forgeLib.pkcs5 as unknown as Record<string, Kdf>, 'pbkdf2', 2],
  ]
  const originals = targets.map(([owner, name]) => owner[name])
  targets.forEach(([owner, name, iterationsAt], i) => {
    const original = originals[i]
    owner[name] = ((...args: unknown[]) => {
      const iterations = Number(args[iterationsAt])
      if (!(iterations <= MAX_PKCS12_ITERATIONS)) throw tooCostly(fileName, iterations)
      return (original as (...a: unknown[]) => unknown)(...args)
    }) as Kdf
  })
  try {
    return read()
  } finally {
    targets.forEach(([owner, name], i) => {
      owner[name] = originals[i]
    })
  }
}

function tooCostly(fileName: string, iterations: number): CertDeckError {
  return new CertDeckError(
    'PKCS12_TOO_COSTLY',
    `${fileName}: the PKCS#12 file asks for ${iterations} key-derivation iterations; CertDeck allows at most ` +
      `${MAX_PKCS12_ITERATIONS} (tools write 2,048 to a few hundred thousand). Export it again with a usual ` +
      'iteration count (e.g. openssl pkcs12 -export -iter 2048), or give the certificate and key as PEM.',
  )
}

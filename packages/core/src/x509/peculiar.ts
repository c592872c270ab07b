import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import type * as X509 from '@peculiar/x509'
import { lazyModule } from './lazy-module.js'

const library = lazyModule<typeof X509>('@peculiar/x509', import.meta.url)
let ready = false

/**
 * @peculiar/x509, loaded on first use, with node's WebCrypto as its provider (it signs and
 * verifies through a WebCrypto provider; node's is complete).
 */
export const x509: typeof X509 = new Proxy(library, {
  get: (target, key) => {
    if (!ready) {
      target.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof X509.cryptoProvider.get>)
      ready = true
    }
    return Reflect.get(target, key)
  },
})

/** The types of @peculiar/x509 (for annotations; the value is {@link x509}). */
export type { X509 }

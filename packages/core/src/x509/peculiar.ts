import 'reflect-metadata'
import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

// @peculiar/x509 signs and verifies through a WebCrypto provider; node's is complete.
x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>)

/** @peculiar/x509 with node's WebCrypto as its provider. */
export { x509 }

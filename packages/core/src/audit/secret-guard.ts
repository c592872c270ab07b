import { isSealedSecret } from '../domain/sealed-secret.js'
import { CertDeckError } from '../errors.js'

const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/
const SEALED_JSON = /\\*"sealed\\*"\s*:\s*\\*"aes-256-gcm/

function containsSealed(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (isSealedSecret(value)) return true
  return Object.values(value).some(containsSealed)
}

/**
 * Throws `AUDIT_SECRET_REFUSED` when an audit event carries what looks like secret material: a
 * PEM private key block or a sealed secret (as an object or serialised into a string). The
 * message never repeats the content.
 */
export function assertNoSecret(event: unknown): void {
  const text = JSON.stringify(event)
  if (PRIVATE_KEY_PEM.test(text) || SEALED_JSON.test(text) || containsSealed(event)) {
    throw new CertDeckError(
      'AUDIT_SECRET_REFUSED',
      'Refused to write an audit event that contains a private key or a sealed secret; nothing was logged. ' +
        'This is a bug in CertDeck or a plugin: please report it without the event.',
      { kind: 'failure' },
    )
  }
}

/**
 * An error the user can act on: bad input, a refused or failed remote call, a locked vault.
 * The message names the bad value, what is accepted and what to do next; `cause` keeps the
 * original. Anything else thrown is a bug.
 */
export class CertDeckError extends Error {
  /** Stable machine-readable code, e.g. `PEM_INVALID`, `KEY_MISMATCH`, `VAULT_LOCKED`. */
  readonly code: string
  /** `input`: the user gave something wrong (CLI exit 2); `failure`: it could not be done (exit 1). */
  readonly kind: 'input' | 'failure'

  constructor(code: string, message: string, options: { kind?: 'input' | 'failure'; cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'CertDeckError'
    this.code = code
    this.kind = options.kind ?? 'input'
  }
}

/** True for a {@link CertDeckError}, including one from another copy of this module. */
export function isCertDeckError(error: unknown): error is CertDeckError {
  return error instanceof Error && error.name === 'CertDeckError' && 'code' in error
}

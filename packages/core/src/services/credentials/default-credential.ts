import type { Credential } from '../../domain/credential.js'
import { CertDeckError } from '../../errors.js'

/**
 * The credential a command or dialog uses when none is named: the one marked as default
 * (`certdeck credentials use NAME`, the TUI's `u`), else the only one. `named` wins when given.
 * With several and no default, `CREDENTIAL_REQUIRED` lists them and how to choose; with none,
 * `CREDENTIAL_REQUIRED` says how to add one.
 */
export function chooseCredential(credentials: readonly Credential[], named?: string): string {
  if (named !== undefined) return named
  const chosen = credentials.find((c) => c.isDefault) ?? (credentials.length === 1 ? credentials[0] : undefined)
  if (chosen) return chosen.name
  if (credentials.length === 0) {
    throw new CertDeckError(
      'CREDENTIAL_REQUIRED',
      'No AWS credential yet: add one with `certdeck credentials add NAME --kind …`.',
    )
  }
  const names = credentials.map((c) => c.name).sort((a, b) => a.localeCompare(b))
  throw new CertDeckError(
    'CREDENTIAL_REQUIRED',
    `Several credentials exist (${names.join(', ')}) and none is the default. Name one with --credential NAME, ` +
      `or make one the default: certdeck credentials use ${names[0]}.`,
  )
}

/** The credentials with `name` marked as the default and every other one unmarked. */
export function markDefault(credentials: readonly Credential[], id: string): Credential[] {
  return credentials.map(({ isDefault: _was, ...rest }) => (rest.id === id ? { ...rest, isDefault: true } : rest))
}

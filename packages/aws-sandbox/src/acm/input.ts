import { SandboxError } from '../types.js'

/** A required string member, or ACM's "must not be null" ValidationException. */
export function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member]
  if (typeof value !== 'string' || value === '') {
    const field = member[0].toLowerCase() + member.slice(1)
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return value
}

/** A blob member (base64 in JSON 1.1) decoded to bytes. */
export function blob(input: Record<string, unknown>, member: string, required: boolean): Buffer | undefined {
  const value = input[member]
  if (value === undefined || value === null) {
    if (required) requiredString(input, member)
    return undefined
  }
  if (typeof value !== 'string') throw new SandboxError('SerializationException', `${member} must be a base64 blob.`)
  return Buffer.from(value, 'base64')
}

/** A domain name ACM accepts: LDH labels, an optional leading `*.` wildcard, at most 253 octets. */
export function checkDomainName(name: string, field: string): string {
  const ok =
    name.length <= 253 && /^(\*\.)?(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))+\.?$/.test(name)
  if (!ok) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: a fully ` +
        `qualified domain name made of letters, digits and hyphens, with an optional '*.' as its leftmost ` +
        `label only.`,
    )
  }
  return name.replace(/\.$/, '')
}

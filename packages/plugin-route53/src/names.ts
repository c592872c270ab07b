import type { DnsRecord } from '@certdeck/core'

/** Route 53's `/hostedzone/Z…` or `/change/C…` without its prefix. */
export function bareId(id: string): string {
  return id.replace(/^\/?(hostedzone|change)\//, '')
}

/**
 * A name as Route 53 returns it (`\052.example.com.`, octal escapes, trailing dot) in the
 * contract's form: lower case, without the trailing dot (`*.example.com`).
 */
export function fromRoute53Name(name: string): string {
  return name
    .replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    .toLowerCase()
    .replace(/\.$/, '')
}

/** A contract name as Route 53 takes it: fully qualified, with the trailing dot. */
export function toRoute53Name(name: string): string {
  return `${name.replace(/\.$/, '')}.`
}

// A TXT character-string holds at most 255 octets; longer text is split into several.
const TXT_CHUNK = 255

/** A record's value as Route 53 writes it: a CNAME fully qualified, a TXT quoted and escaped. */
export function toRoute53Value(type: DnsRecord['type'], value: string): string {
  if (type === 'CNAME') return toRoute53Name(value)
  const chunks: string[] = []
  for (let i = 0; i === 0 || i < value.length; i += TXT_CHUNK) chunks.push(value.slice(i, i + TXT_CHUNK))
  return chunks.map((chunk) => `"${chunk.replace(/[\\"]/g, '\\$&')}"`).join(' ')
}

/** A value as Route 53 returns it, in the contract's form (CNAME without the dot, TXT unquoted). */
export function fromRoute53Value(type: string, value: string): string {
  if (type !== 'TXT') return fromRoute53Name(value)
  const strings = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
  if (strings.length === 0) return value
  return strings
    .map((match) =>
      match[1].replace(/\\([0-7]{3}|.)/g, (_, escaped: string) =>
        escaped.length === 3 ? String.fromCharCode(parseInt(escaped, 8)) : escaped,
      ),
    )
    .join('')
}

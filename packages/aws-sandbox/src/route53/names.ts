/**
 * Route 53's domain name format: lower case, a trailing dot, and every character other than
 * `a-z 0-9 - _` written as a `\ooo` octal escape (so a wildcard label reads `\052`), which is how
 * Route 53 stores names and returns them.
 */

/** Why a name was refused. */
export class DomainNameError extends Error {}

const PLAIN = /[a-z0-9_-]/

function escapeByte(byte: number): string {
  const char = String.fromCharCode(byte)
  return byte < 0x80 && PLAIN.test(char) ? char : `\\${byte.toString(8).padStart(3, '0')}`
}

/** Splits a presentation-format name into labels of raw bytes, decoding `\ooo` and `\c` escapes. */
function labelsOf(input: string): number[][] {
  const labels: number[][] = [[]]
  const bytes = Buffer.from(input, 'utf8')
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]
    if (byte === 0x2e) {
      labels.push([])
    } else if (byte === 0x5c) {
      const digits = bytes.subarray(i + 1, i + 4).toString('latin1')
      if (/^[0-7]{3}$/.test(digits)) {
        labels[labels.length - 1].push(parseInt(digits, 8) & 0xff)
        i += 3
      } else if (i + 1 < bytes.length) {
        labels[labels.length - 1].push(bytes[++i])
      } else {
        throw new DomainNameError('it ends with a lone backslash')
      }
    } else {
      labels[labels.length - 1].push(byte)
    }
  }
  return labels
}

/**
 * The canonical form of `input` (`WWW.Example.com` → `www.example.com.`, `*.example.com` →
 * `\052.example.com.`). Throws {@link DomainNameError} for an empty label, a label over 63
 * octets or a name over 255 octets.
 */
export function canonicalName(input: string): string {
  const trimmed = input.trim()
  const withoutDot = trimmed.endsWith('.') && !trimmed.endsWith('\\.') ? trimmed.slice(0, -1) : trimmed
  if (withoutDot === '') throw new DomainNameError('it is empty')
  const labels = labelsOf(withoutDot)
  let octets = 1
  const rendered = labels.map((label) => {
    if (label.length === 0) throw new DomainNameError('it has an empty label')
    if (label.length > 63) throw new DomainNameError('a label is longer than 63 octets')
    octets += label.length + 1
    return label.map((byte) => escapeByte(byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte)).join('')
  })
  if (octets > 255) throw new DomainNameError('it is longer than 255 octets')
  return `${rendered.join('.')}.`
}

/** The number of labels of a canonical name. */
export function labelCount(canonical: string): number {
  return canonical.slice(0, -1).split('.').length
}

/**
 * Route 53's sort key: labels reversed, with the trailing dot (`www.example.com.` →
 * `com.example.www.`), compared as ASCII, so `-` and other characters below `.` sort as AWS
 * documents.
 */
export function sortKey(canonical: string): string {
  return `${canonical.slice(0, -1).split('.').reverse().join('.')}.`
}

/** Compares strings by UTF-16 code unit (ASCII order for canonical names). */
export function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whether canonical `name` is `zone` itself or lies inside it. */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`)
}

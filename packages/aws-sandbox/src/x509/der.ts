/**
 * The few DER encodings a certificate needs, kept minimal so the seeder can build tens of
 * thousands of certificates per second (general ASN.1 libraries cost ~2 ms per certificate).
 */

/** Encodes a tag-length-value. */
export function tlv(tag: number, content: Buffer): Buffer {
  const len = content.length
  let header: Buffer
  if (len < 0x80) header = Buffer.from([tag, len])
  else if (len < 0x100) header = Buffer.from([tag, 0x81, len])
  else if (len < 0x10000) header = Buffer.from([tag, 0x82, len >> 8, len & 0xff])
  else header = Buffer.from([tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff])
  return Buffer.concat([header, content])
}

/** SEQUENCE of already encoded parts. */
export const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts))
/** SET of already encoded parts. */
export const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts))
/** Context-specific constructed tag `[n]` (EXPLICIT). */
export const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 + n, inner)
/** OCTET STRING. */
export const octets = (content: Buffer): Buffer => tlv(0x04, content)
/** BIT STRING with no unused bits. */
export const bits = (content: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), content]))
/** UTF8String. */
export const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'))
/** PrintableString. */
export const printable = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'ascii'))
/** BOOLEAN true. */
export const TRUE = Buffer.from([0x01, 0x01, 0xff])
/** NULL. */
export const NULL = Buffer.from([0x05, 0x00])

/** INTEGER from a small non-negative number. */
export function int(n: number): Buffer {
  const bytes: number[] = []
  do {
    bytes.unshift(n & 0xff)
    n = Math.floor(n / 256)
  } while (n > 0)
  if (bytes[0] & 0x80) bytes.unshift(0)
  return tlv(0x02, Buffer.from(bytes))
}

/** INTEGER from unsigned big-endian bytes (a serial number). */
export function uint(bytes: Buffer): Buffer {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  const trimmed = bytes.subarray(i)
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

/** OBJECT IDENTIFIER from dotted notation. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number)
  const out: number[] = [arcs[0] * 40 + arcs[1]]
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f]
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80)
    out.push(...chunk)
  }
  return tlv(0x06, Buffer.from(out))
}

/** UTCTime up to 2049, GeneralizedTime from 2050, as RFC 5280 requires. */
export function time(ms: number): Buffer {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString() // YYYY-MM-DDTHH:MM:SS.000Z
  const compact = `${iso.slice(0, 19).replace(/[-:T]/g, '')}Z`
  const year = Number(iso.slice(0, 4))
  return year < 2050 ? tlv(0x17, Buffer.from(compact.slice(2), 'ascii')) : tlv(0x18, Buffer.from(compact, 'ascii'))
}

/** One decoded TLV: its tag, its content and the offset just past it. */
export interface Tlv {
  readonly tag: number
  readonly content: Buffer
  readonly end: number
}

/** Reads the TLV starting at `offset`. */
export function readTlv(buf: Buffer, offset = 0): Tlv {
  const tag = buf[offset]
  let len = buf[offset + 1]
  let start = offset + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]
    start += n
  }
  return { tag, content: buf.subarray(start, start + len), end: start + len }
}

/** Decodes an OBJECT IDENTIFIER's content to dotted notation. */
export function readOid(content: Buffer): string {
  const arcs = [Math.floor(content[0] / 40), content[0] % 40]
  let v = 0
  for (const byte of content.subarray(1)) {
    v = v * 128 + (byte & 0x7f)
    if (!(byte & 0x80)) {
      arcs.push(v)
      v = 0
    }
  }
  return arcs.join('.')
}

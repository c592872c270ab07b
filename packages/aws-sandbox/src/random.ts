/** A seeded pseudo-random generator (sfc32): the same seed gives the same sequence. */
export interface Prng {
  /** Next number in [0, 1). */
  next(): number
  /** A string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string
  /** A random version-4-shaped UUID. */
  uuid(): string
  /** `length` random bytes. */
  bytes(length: number): Buffer
}

const HEX = '0123456789abcdef'

/** Creates a PRNG from a numeric or string seed. */
export function createPrng(seed: number | string = 1): Prng {
  let h = 1779033703 ^ String(seed).length
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  const mix = (): number => {
    h = Math.imul(h ^ (h >>> 16), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    h ^= h >>> 16
    return h >>> 0
  }
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  const string = (length: number, alphabet = HEX): string => {
    let out = ''
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)]
    return out
  }
  return {
    next,
    string,
    uuid: () => {
      const s = string(32)
      return (
        `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)]}` +
        `${s.slice(17, 20)}-${s.slice(20)}`
      )
    },
    bytes: (length) => {
      const buf = Buffer.allocUnsafe(length)
      for (let i = 0; i < length; i++) buf[i] = Math.floor(next() * 256)
      return buf
    },
  }
}

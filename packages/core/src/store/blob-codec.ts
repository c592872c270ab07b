import { createHash } from 'node:crypto'
import { isSealedSecret } from '../domain/sealed-secret.js'

/**
 * Strings at least this long (PEM bodies, chains, sealed keys) live in the blob pack; the
 * document keeps a `{ "$blob": hash }` reference. Keeps the JSON small, so saves stay fast.
 */
export const BLOB_MIN_LENGTH = 256

/** How a long string is referenced from the document on disk. */
export interface BlobRef {
  readonly $blob: string
}

/** The on-disk form of one value and the blobs it references. */
export interface Dehydrated {
  readonly value: unknown
  /** Hashes of every blob the value references. */
  readonly refs: readonly string[]
  /** The subset of `refs` holding sealed secret data. */
  readonly secretRefs: readonly string[]
}

/** Content hash of a blob: 128 bits of SHA-256, hex. */
export function blobHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}

function isBlobRef(value: object): value is BlobRef {
  return typeof (value as { $blob?: unknown }).$blob === 'string' && Object.keys(value).length === 1
}

/**
 * Replaces every long string of `value` by a blob reference. New blob contents are added to
 * `newBlobs` unless `known` already holds them.
 */
export function dehydrate(
  value: unknown,
  known: ReadonlyMap<string, string>,
  newBlobs: Map<string, string>,
): Dehydrated {
  const refs: string[] = []
  const secretRefs: string[] = []
  const walk = (node: unknown, inSealed: boolean): unknown => {
    if (typeof node === 'string') {
      if (node.length < BLOB_MIN_LENGTH) return node
      const hash = blobHash(node)
      if (!known.has(hash)) newBlobs.set(hash, node)
      refs.push(hash)
      if (inSealed) secretRefs.push(hash)
      return { $blob: hash }
    }
    if (Array.isArray(node)) return node.map((item) => walk(item, false))
    if (typeof node === 'object' && node !== null) {
      const sealed = isSealedSecret(node)
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(node)) {
        if (child !== undefined) out[key] = walk(child, sealed && key === 'data')
      }
      return out
    }
    return node
  }
  return { value: walk(value, false), refs, secretRefs }
}

/** Thrown by {@link hydrate} when a reference has no blob. */
export class MissingBlobError extends Error {
  constructor(readonly hash: string) {
    super(`blob ${hash} is missing`)
  }
}

/**
 * Resolves every blob reference of `value` (a freshly parsed on-disk form, which it modifies
 * in place), freezes every object and array of it (see {@link deepFreeze}), and returns it
 * with the references it found. One pass: this runs over every item at each load.
 */
export function hydrateAndFreeze(value: unknown, blobs: ReadonlyMap<string, string>): Dehydrated {
  const refs: string[] = []
  const secretRefs: string[] = []
  const walk = (node: object, inSealed: boolean): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i]
        if (typeof child === 'object' && child !== null) {
          const next = walk(child, false)
          if (next !== child) node[i] = next
        }
      }
      return Object.freeze(node)
    }
    const record = node as Record<string, unknown>
    if (typeof record.$blob === 'string' && isBlobRef(record)) {
      const text = blobs.get(record.$blob)
      if (text === undefined) throw new MissingBlobError(record.$blob)
      refs.push(record.$blob)
      if (inSealed) secretRefs.push(record.$blob)
      return text
    }
    const sealed = record.sealed === 'aes-256-gcm'
    for (const key in record) {
      const child = record[key]
      if (typeof child === 'object' && child !== null) {
        const next = walk(child, sealed && key === 'data')
        if (next !== child) record[key] = next
      }
    }
    return Object.freeze(record)
  }
  const hydrated = typeof value === 'object' && value !== null ? walk(value, false) : value
  return { value: hydrated, refs, secretRefs }
}

/** Freezes `value` and everything under it, so in-place edits of committed data throw. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  for (const key in record) deepFreeze(record[key])
  return Object.freeze(value)
}

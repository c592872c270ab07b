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
 * Resolves every blob reference of `value` (an on-disk form). Returns the value with strings
 * in place, sharing every unchanged subtree, plus the references it found.
 */
export function hydrate(value: unknown, blobs: ReadonlyMap<string, string>): Dehydrated {
  const refs: string[] = []
  const secretRefs: string[] = []
  const walk = (node: unknown, inSealed: boolean): unknown => {
    if (typeof node !== 'object' || node === null) return node
    if (Array.isArray(node)) {
      let out: unknown[] | undefined
      for (let i = 0; i < node.length; i++) {
        const child = walk(node[i], false)
        if (child !== node[i]) (out ??= node.slice())[i] = child
      }
      return out ?? node
    }
    if (isBlobRef(node)) {
      const text = blobs.get(node.$blob)
      if (text === undefined) throw new MissingBlobError(node.$blob)
      refs.push(node.$blob)
      if (inSealed) secretRefs.push(node.$blob)
      return text
    }
    const sealed = isSealedSecret(node)
    let out: Record<string, unknown> | undefined
    for (const [key, child] of Object.entries(node)) {
      const next = walk(child, sealed && key === 'data')
      if (next !== child) (out ??= { ...node })[key] = next
    }
    return out ?? node
  }
  return { value: walk(value, false), refs, secretRefs }
}

/** Freezes `value` and everything under it, so in-place edits of committed data throw. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  Object.freeze(value)
  for (const child of Object.values(value)) deepFreeze(child)
  return value
}

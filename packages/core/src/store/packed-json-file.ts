import { open, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import type { StoreData } from '../domain/store-data.js'
import { writeFileAtomic } from './atomic-file.js'
import { type Dehydrated, MissingBlobError, deepFreeze, dehydrate, hydrate } from './blob-codec.js'
import { type PackRef, PackFormatError, appendPack, readPack, removeOtherPacks, writePack } from './blob-pack.js'
import { corruptStoreError } from './store-errors.js'

/** Garbage a pack may carry before it is rewritten, beyond as many bytes as are live. */
const PACK_SLACK_BYTES = 1 << 20

function signatureOf(info: { ino: bigint; size: bigint; mtimeNs: bigint }): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}`
}

function isPackRef(value: unknown): value is PackRef {
  const ref = value as PackRef
  return (
    typeof ref === 'object' && ref !== null &&
    typeof ref.file === 'string' && /^certdeck\.[0-9a-f]{16}\.pack$/.test(ref.file) &&
    Number.isSafeInteger(ref.size) && ref.size >= 0
  )
}

/**
 * The lowdb adapter of the repository: a JSON document whose long strings (PEM bodies, chains,
 * sealed keys) live in an append-only, content-addressed pack file beside it. A save rewrites
 * only the small document and appends new blobs, so it stays fast with thousands of
 * certificates. Committed top-level collection items are frozen and their on-disk form cached
 * by identity, so unchanged items are never serialised again.
 *
 * Crash safety: blobs are appended and flushed before the document that references them is
 * atomically replaced; a pack only ever grows below a committed size; a rewritten pack gets a
 * new name and old ones are removed only after the document points at the new one.
 * Not safe for concurrent writers: the caller holds the cross-process lock around `write`.
 */
export class PackedJsonFile implements Adapter<StoreData> {
  readonly dir: string
  /** Identity of the file content last read or written (inode, size, mtime). */
  signature: string | undefined
  #pack: PackRef | undefined
  #blobs = new Map<string, string>()
  #packSecrets = new Set<string>()
  #cache = new WeakMap<object, Dehydrated>()

  constructor(readonly path: string) {
    this.dir = dirname(path)
  }

  /** The identity of the file now on disk, or undefined when there is none. */
  async currentSignature(): Promise<string | undefined> {
    try {
      return signatureOf(await stat(this.path, { bigint: true }))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  /** Forgets what was read, so the next read loads the file again. */
  invalidate(): void {
    this.signature = undefined
  }

  /**
   * Loads the document, hydrated (it may be of an older schema: the caller migrates it).
   * Returns null when there is no file. A file that cannot be understood is a
   * `STORE_CORRUPT` error; it is never modified.
   */
  async read(): Promise<StoreData | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#load()
      } catch (error) {
        // A writer may have replaced the pack between our reading of the document and of the pack.
        const gone = (error as NodeJS.ErrnoException).code === 'ENOENT'
        if (gone && attempt < 5) {
          await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)))
          continue
        }
        if (gone) throw await corruptStoreError(this.path, `its blob pack is missing (${(error as Error).message})`, error)
        if (error instanceof PackFormatError) throw await corruptStoreError(this.path, `its blob pack is damaged: ${error.message}`, error)
        if (error instanceof MissingBlobError) throw await corruptStoreError(this.path, `it references ${error.message.replace(' is missing', '')}, which its pack does not hold`, error)
        throw error
      }
    }
  }

  async #load(): Promise<StoreData | null> {
    let handle
    try {
      handle = await open(this.path, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.signature = undefined
      return null
    }
    let buffer: Buffer
    let signature: string
    try {
      signature = signatureOf(await handle.stat({ bigint: true }))
      buffer = await handle.readFile()
    } finally {
      await handle.close()
    }
    let doc: unknown
    try {
      doc = JSON.parse(buffer.toString('utf8'))
    } catch (error) {
      throw await corruptStoreError(this.path, 'it is not valid JSON (it may have been edited by hand or truncated)', error)
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw await corruptStoreError(this.path, 'it does not hold a CertDeck document (a JSON object)')
    }
    const { pack, ...rest } = doc as Record<string, unknown>
    if (pack !== undefined && !isPackRef(pack)) {
      throw await corruptStoreError(this.path, 'its "pack" field is not a valid pack reference')
    }
    await this.#loadPack(pack)
    const data: Record<string, unknown> = {}
    const secrets = new Set<string>()
    for (const [key, value] of Object.entries(rest)) {
      if (Array.isArray(value)) {
        data[key] = value.map((item) => {
          const entry = hydrate(item, this.#blobs)
          for (const hash of entry.secretRefs) secrets.add(hash)
          if (typeof entry.value === 'object' && entry.value !== null) {
            this.#cache.set(deepFreeze(entry.value), { value: item, refs: entry.refs, secretRefs: entry.secretRefs })
          }
          return entry.value
        })
      } else {
        data[key] = hydrate(value, this.#blobs).value
      }
    }
    this.#packSecrets = secrets
    this.signature = signature
    return data as unknown as StoreData
  }

  async #loadPack(ref: PackRef | undefined): Promise<void> {
    if (!ref) {
      this.#pack = undefined
      this.#blobs = new Map()
      return
    }
    const current = this.#pack
    if (current && current.file === ref.file && ref.size >= current.size) {
      await readPack(this.dir, ref, current.size, this.#blobs)
    } else {
      const blobs = new Map<string, string>()
      await readPack(this.dir, ref, 0, blobs)
      this.#blobs = blobs
    }
    this.#pack = ref
  }

  /** Saves the document (caller holds the lock). Freezes every committed collection item. */
  async write(data: StoreData): Promise<void> {
    const newBlobs = new Map<string, string>()
    const live = new Set<string>()
    const liveSecrets = new Set<string>()
    const known = (hash: string) => this.#blobs.has(hash) || newBlobs.has(hash)
    const out: Record<string, unknown> = { schemaVersion: data.schemaVersion, pack: undefined }
    const collect = (entry: Dehydrated) => {
      for (const hash of entry.refs) live.add(hash)
      for (const hash of entry.secretRefs) liveSecrets.add(hash)
      return entry.value
    }
    for (const [key, value] of Object.entries(data)) {
      if (key === 'schemaVersion' || key === 'pack') continue
      if (!Array.isArray(value)) {
        out[key] = collect(dehydrate(value, this.#blobs, newBlobs))
        continue
      }
      out[key] = value.map((item: unknown) => {
        if (typeof item !== 'object' || item === null) return item
        let entry = this.#cache.get(item)
        if (!entry || !entry.refs.every(known)) {
          entry = dehydrate(item, this.#blobs, newBlobs)
          this.#cache.set(deepFreeze(item), entry)
        }
        return collect(entry)
      })
    }
    let liveBytes = 0
    for (const hash of live) liveBytes += (this.#blobs.get(hash) ?? newBlobs.get(hash) ?? '').length
    const dropsSecret = [...this.#packSecrets].some((hash) => !live.has(hash))
    const wasteful = this.#pack !== undefined && this.#pack.size > 2 * liveBytes + PACK_SLACK_BYTES
    let pack = this.#pack
    let blobs = this.#blobs
    const rewrite = dropsSecret || wasteful
    if (rewrite) {
      // Sealed secrets no longer referenced (a deleted key, a re-sealed vault) must not stay on disk.
      blobs = new Map([...live].map((hash) => [hash, this.#blobs.get(hash) ?? newBlobs.get(hash) ?? '']))
      pack = blobs.size > 0 ? await writePack(this.dir, blobs) : undefined
    } else if (newBlobs.size > 0) {
      pack = await appendPack(this.dir, pack, newBlobs)
    }
    out.pack = pack
    await writeFileAtomic(this.path, JSON.stringify(out))
    this.signature = signatureOf(await stat(this.path, { bigint: true }))
    if (!rewrite) for (const [hash, text] of newBlobs) blobs.set(hash, text)
    this.#blobs = blobs
    this.#pack = pack
    this.#packSecrets = liveSecrets
    if (rewrite) await removeOtherPacks(this.dir, pack?.file)
  }
}

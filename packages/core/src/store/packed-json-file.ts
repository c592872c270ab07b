import { type FileHandle, open, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'
import type { StoreData } from '../domain/store-data.js'
import { writeFileAtomic } from './atomic-file.js'
import { MissingBlobError, deepFreeze, dehydrate, hydrateAndFreeze } from './blob-codec.js'
import {
  type PackRef,
  PackFormatError,
  appendPack,
  decodePack,
  readPackBytes,
  removePack,
  writePack,
} from './blob-pack.js'
import { joinDocument, splitDocument } from './document-layout.js'
import { corruptStoreError } from './store-errors.js'
import { BlobLedger } from './blob-ledger.js'
import { reachStep } from './store-steps.js'

/** Options of {@link PackedJsonFile.write}. */
export interface PackedWriteOptions {
  /** Runs right before the renames that commit (the lock check); when it throws, nothing is committed. */
  readonly beforeCommit?: () => Promise<void>
  /**
   * Where the temp document and a new pack are written before the commit renames them into place:
   * the lock directory, so that a writer whose lock was taken over cannot commit (its files went
   * with the lock). @default the data dir
   */
  readonly stagingDir?: string
}

/** The on-disk text of a committed list item and the blobs it references. */
interface CachedItem {
  /** Undefined when the item was read from a file of another layout. */
  readonly line: string | undefined
  readonly refs: readonly string[]
  /** The blob set generation in which every ref was known to be in the pack. */
  generation: number
}

/** Garbage a pack may carry before it is rewritten, beyond as many bytes as are live. */
const PACK_SLACK_BYTES = 1 << 20

function signatureOf(info: { ino: bigint; size: bigint; mtimeNs: bigint }): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}`
}

function isPackRef(value: unknown): value is PackRef {
  const ref = value as PackRef
  return (
    typeof ref === 'object' &&
    ref !== null &&
    typeof ref.file === 'string' &&
    /^certdeck\.[0-9a-f]{16}\.pack$/.test(ref.file) &&
    Number.isSafeInteger(ref.size) &&
    ref.size >= 0
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
 * atomically replaced; a pack is only ever appended to (never truncated), and only when its end
 * is the committed end, else a new pack is written; a rewritten pack gets a new name and the old
 * one is removed only after the document points at the new one. Blobs are checked against their
 * SHA-256 digest at every read. The caller holds the cross-process lock around `write` and
 * re-checks it right before the document is replaced (`beforeCommit`).
 */
export class PackedJsonFile implements Adapter<StoreData> {
  readonly dir: string
  /** Identity of the file content last read or written (inode, size, mtime). */
  signature: string | undefined
  #pack: PackRef | undefined
  #blobs = new Map<string, string>()
  /** Bumped whenever `#blobs` is replaced rather than extended. */
  #generation = 0
  #cache = new WeakMap<object, CachedItem>()
  /** The committed list items (with multiplicity) and the refs of the non-list values. */
  #items = new Map<object, number>()
  #ephemeral: readonly string[] = []
  readonly #ledger = new BlobLedger()

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

  /** The pack file the document last read or written points at. */
  get packFile(): string | undefined {
    return this.#pack?.file
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
        if (gone)
          throw await corruptStoreError(this.path, `its blob pack is missing (${(error as Error).message})`, error)
        if (error instanceof PackFormatError) {
          const pack = error.file ? `its blob pack ${join(this.dir, error.file)}` : 'its blob pack'
          throw await corruptStoreError(
            this.path,
            `${pack} is damaged: ${error.message} (it was changed outside CertDeck, or the disk is failing)`,
            error,
          )
        }
        if (error instanceof MissingBlobError)
          throw await corruptStoreError(
            this.path,
            `it references ${error.message.replace(' is missing', '')}, which its pack does not hold`,
            error,
          )
        throw error
      }
    }
  }

  async #load(): Promise<StoreData | null> {
    let handle: FileHandle
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
    const text = buffer.toString('utf8')
    const layout = splitDocument(text)
    let doc: Record<string, unknown>
    let lines: ReadonlyMap<string, readonly string[]> | undefined
    let installPack: Promise<() => void> | undefined
    try {
      if (layout) {
        doc = JSON.parse(layout.header) as Record<string, unknown>
        // Read the pack while the items are parsed.
        if (doc.pack === undefined || isPackRef(doc.pack)) {
          installPack = this.#fetchPack(doc.pack)
          installPack.catch(() => undefined)
        }
        for (const [key, items] of layout.lists) doc[key] = items.map((item) => JSON.parse(item) as unknown)
        lines = layout.lists
      } else {
        doc = JSON.parse(text) as Record<string, unknown>
      }
    } catch (error) {
      throw await corruptStoreError(
        this.path,
        'it is not valid JSON (it may have been edited by hand or truncated)',
        error,
      )
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw await corruptStoreError(this.path, 'it does not hold a CertDeck document (a JSON object)')
    }
    const { pack, ...rest } = doc
    if (pack !== undefined && !isPackRef(pack)) {
      throw await corruptStoreError(this.path, 'its "pack" field is not a valid pack reference')
    }
    ;(await (installPack ?? this.#fetchPack(pack)))()
    const items = new Map<object, number>()
    const counts = new Map<string, number>()
    const ephemeral: string[] = []
    const count = (refs: readonly string[]) => {
      for (const hash of refs) counts.set(hash, (counts.get(hash) ?? 0) + 1)
    }
    const secrets: string[] = []
    for (const [key, value] of Object.entries(rest)) {
      if (!Array.isArray(value)) {
        const found = hydrateAndFreeze(value, this.#blobs)
        rest[key] = found.value
        ephemeral.push(...found.refs)
        secrets.push(...found.secretRefs)
        continue
      }
      const itemLines = lines?.get(key)
      value.forEach((item: unknown, index) => {
        const found = hydrateAndFreeze(item, this.#blobs)
        value[index] = found.value
        secrets.push(...found.secretRefs)
        if (typeof found.value === 'object' && found.value !== null) {
          count(found.refs)
          items.set(found.value, (items.get(found.value) ?? 0) + 1)
          this.#cache.set(found.value, { line: itemLines?.[index], refs: found.refs, generation: this.#generation })
        } else {
          ephemeral.push(...found.refs)
        }
      })
    }
    count(ephemeral)
    this.#ledger.load(counts, (hash) => this.#blobs.get(hash)?.length ?? 0)
    this.#ledger.markSecret(secrets)
    this.#items = items
    this.#ephemeral = ephemeral
    this.signature = signature
    return rest as unknown as StoreData
  }

  /** Reads the pack bytes `ref` needs; the returned function decodes and installs them. */
  async #fetchPack(ref: PackRef | undefined): Promise<() => void> {
    if (!ref) {
      return () => {
        this.#pack = undefined
        this.#blobs = new Map()
        this.#generation++
      }
    }
    const current = this.#pack
    const incremental = current !== undefined && current.file === ref.file && ref.size >= current.size
    const bytes = await readPackBytes(this.dir, ref, incremental ? current.size : 0)
    return () => {
      if (incremental) {
        decodePack(bytes, this.#blobs)
      } else {
        const blobs = new Map<string, string>()
        decodePack(bytes, blobs)
        this.#blobs = blobs
        this.#generation++
      }
      this.#pack = ref
    }
  }

  /**
   * Saves the document (caller holds the lock). Freezes every committed collection item.
   * `beforeCommit` runs right before the document is replaced; when it throws, nothing is
   * committed and a pack this write created is removed. With `stagingDir`, the document's temp
   * file and a new pack are written there and renamed into place only at the commit.
   */
  async write(data: StoreData, options: PackedWriteOptions = {}): Promise<void> {
    const generation = this.#generation
    const newBlobs = new Map<string, string>()
    const known = (hash: string) => this.#blobs.has(hash) || newBlobs.has(hash)
    const header: Record<string, unknown> = { schemaVersion: data.schemaVersion, pack: undefined }
    const lists = new Map<string, string[]>()
    const items = new Map<object, number>()
    const ephemeral: string[] = []
    const plain = (value: unknown) => {
      const found = dehydrate(value, this.#blobs, newBlobs)
      ephemeral.push(...found.refs)
      this.#ledger.markSecret(found.secretRefs)
      return found.value
    }
    for (const [key, value] of Object.entries(data)) {
      if (key === 'schemaVersion' || key === 'pack') continue
      if (!Array.isArray(value)) {
        header[key] = plain(value)
        continue
      }
      lists.set(
        key,
        value.map((item: unknown) => {
          if (typeof item !== 'object' || item === null) return JSON.stringify(plain(item)) ?? 'null'
          let cached = this.#cache.get(item)
          if (cached?.line !== undefined && cached.generation !== generation && cached.refs.every(known)) {
            cached.generation = generation
          }
          if (cached?.line === undefined || cached.generation !== generation) {
            const found = dehydrate(item, this.#blobs, newBlobs)
            this.#ledger.markSecret(found.secretRefs)
            cached = { line: JSON.stringify(found.value), refs: found.refs, generation }
            this.#cache.set(deepFreeze(item), cached)
          }
          items.set(item, (items.get(item) ?? 0) + 1)
          // biome-ignore lint/style/noNonNullAssertion: `cached` was filled just above when its line was missing
          return cached.line!
        }),
      )
    }
    const delta = this.#delta(items, ephemeral)
    const lengthOf = (hash: string) => (this.#blobs.get(hash) ?? newBlobs.get(hash) ?? '').length
    const { liveBytes, dropsSecret } = this.#ledger.preview(delta, lengthOf)
    const wasteful = this.#pack !== undefined && this.#pack.size > 2 * liveBytes + PACK_SLACK_BYTES
    // Sealed secrets no longer referenced (a deleted key, a re-sealed vault) must not stay on disk.
    let rewrite = dropsSecret || wasteful
    let pack = this.#pack
    let blobs = this.#blobs
    const staging = options.stagingDir ?? this.dir
    let created: string | undefined
    try {
      if (!rewrite && newBlobs.size > 0 && pack) {
        const appended = await appendPack(this.dir, pack, newBlobs)
        // Foreign bytes at the end of the pack: start a new one rather than reference them.
        if (appended) pack = appended
        else rewrite = true
      } else if (!rewrite && newBlobs.size > 0) {
        pack = await writePack(staging, newBlobs)
        created = pack.file
      }
      if (rewrite) {
        blobs = new Map(
          this.#ledger.liveAfter(delta).map((hash) => [hash, this.#blobs.get(hash) ?? newBlobs.get(hash) ?? '']),
        )
        pack = blobs.size > 0 ? await writePack(staging, blobs) : undefined
        created = pack?.file
      }
      header.pack = pack
      await writeFileAtomic(this.path, joinDocument({ header: JSON.stringify(header), lists }), {
        tempDir: staging,
        beforeRename: async () => {
          await options.beforeCommit?.()
          reachStep('before-rename', this.path)
          // Gone with the lock directory when another process took the lock over: ENOENT, nothing committed.
          if (created && staging !== this.dir) await rename(join(staging, created), join(this.dir, created))
        },
      })
    } catch (error) {
      if (created) await Promise.all([removePack(staging, created), removePack(this.dir, created)])
      // A staged file vanished: the lock was taken over (beforeCommit then says so).
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') await options.beforeCommit?.()
      throw error
    }
    this.signature = signatureOf(await stat(this.path, { bigint: true }))
    const previous = this.#pack
    this.#ledger.apply(delta, lengthOf)
    if (rewrite) this.#generation++
    else for (const [hash, text] of newBlobs) blobs.set(hash, text)
    this.#blobs = blobs
    this.#pack = pack
    this.#items = items
    this.#ephemeral = ephemeral
    // Only the pack this process knew: others may be another writer's (orphans are cleaned at open).
    if (rewrite && previous && previous.file !== pack?.file) await removePack(this.dir, previous.file)
  }

  /** How each blob's reference count changes from the committed items to `items`. */
  #delta(items: ReadonlyMap<object, number>, ephemeral: readonly string[]): Map<string, number> {
    const delta = new Map<string, number>()
    const bump = (refs: readonly string[], by: number) => {
      for (const hash of refs) delta.set(hash, (delta.get(hash) ?? 0) + by)
    }
    for (const [item, times] of items) {
      const before = this.#items.get(item) ?? 0
      // biome-ignore lint/style/noNonNullAssertion: every item of `items` was cached while serialising it
      if (times !== before) bump(this.#cache.get(item)!.refs, times - before)
    }
    // biome-ignore lint/style/noNonNullAssertion: committed items stay cached until they leave `#items`
    for (const [item, times] of this.#items) if (!items.has(item)) bump(this.#cache.get(item)!.refs, -times)
    bump(ephemeral, 1)
    bump(this.#ephemeral, -1)
    return delta
  }
}

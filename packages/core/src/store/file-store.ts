import { type FileHandle, open } from 'node:fs/promises'
import { join } from 'node:path'
import { SCHEMA_VERSION, type StoreData, emptyStoreData } from '../domain/store-data.js'
import { CertDeckError } from '../errors.js'
import type { Store, UpdateOptions } from '../ports/store.js'
import type { Lease, StoreLeases } from '../ports/store-leases.js'
import { writeBackup } from './backups.js'
import { STORE_FILE, assertDataDirUsable, ensureDataDir } from './data-dir.js'
import { tryAcquireFileLease } from './file-lease.js'
import { type FileLockOptions, withFileLock } from './file-lock.js'
import { parseHeaderLine } from './document-layout.js'
import { documentVersion, migrateDocument } from './migrations.js'
import { PackedJsonFile } from './packed-json-file.js'
import { corruptStoreError } from './store-errors.js'
import { findLeftovers, isClean, removeLeftovers, repairPermissions } from './store-hygiene.js'

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** Cross-process lock tuning. */
  readonly lock?: FileLockOptions
  /** Time source of backup names. @default the system clock */
  readonly now?: () => Date
}

/** A schema migration committed by {@link FileStore.migrate}. */
export interface MigrationReport {
  readonly from: number
  readonly to: number
  /** The backup written before migrating. */
  readonly backup: string
}

const COLLECTIONS = Object.entries(emptyStoreData())
  .filter(([, value]) => Array.isArray(value))
  .map(([key]) => key)

/** A copy of the document whose top-level lists can be changed without touching `data` (items are frozen). */
function draftOf(data: StoreData): StoreData {
  const draft = { ...data } as Record<string, unknown>
  for (const key of COLLECTIONS) if (Array.isArray(draft[key])) draft[key] = [...(draft[key] as unknown[])]
  return draft as unknown as StoreData
}

/**
 * The repository in `<dataDir>/certdeck.json` (see {@link PackedJsonFile} for the format),
 * implementing the {@link Store} contract: every update runs under an in-process queue and
 * the cross-process file lock, on a draft of the document re-read only when the file changed
 * since it was last read or written; the lock is re-checked right before the commit. Readers
 * only ever see committed documents. An older schema is migrated in memory at read and
 * committed, after a backup, by the first update (or {@link FileStore.migrate}); a newer one is
 * refused.
 */
export class FileStore implements Store, StoreLeases {
  readonly path: string
  readonly #file: PackedJsonFile
  /** The committed document (migrated in memory when older); updates work on a draft of it. */
  #data: StoreData = emptyStoreData()
  readonly #options: FileStoreOptions
  #pending: { from: number; original: unknown } | undefined
  #refreshing: Promise<StoreData> | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #locked = false
  #guard: ((data: StoreData) => void) | undefined
  #lastBackup: string | undefined
  #warnings: string[] = []

  private constructor(path: string, options: FileStoreOptions) {
    this.path = path
    this.#options = options
    this.#file = new PackedJsonFile(path)
  }

  /** True when `dataDir` holds a repository file; `DATA_DIR_NOT_A_DIRECTORY` when a file is in its way. */
  static async exists(dataDir: string): Promise<boolean> {
    await assertDataDirUsable(dataDir)
    return (await new PackedJsonFile(join(dataDir, STORE_FILE)).currentSignature()) !== undefined
  }

  /**
   * The non-list fields (schema version, vault header…) of the repository of `dataDir`, read
   * from the start of the file only; undefined when they cannot be read that way. A hint for
   * starting work early: the document read by {@link open} is the truth.
   */
  static async peekHeader(dataDir: string): Promise<Record<string, unknown> | undefined> {
    let handle: FileHandle
    try {
      handle = await open(join(dataDir, STORE_FILE), 'r')
    } catch {
      return undefined
    }
    try {
      const buffer = Buffer.alloc(64 * 1024)
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      const text = buffer.toString('utf8', 0, bytesRead)
      const end = text.indexOf('\n')
      return end < 0 ? undefined : parseHeaderLine(text.slice(0, end))
    } finally {
      await handle.close()
    }
  }

  /**
   * Opens the repository of `dataDir` and reads it. Throws `STORE_NOT_FOUND` when there is
   * none, `STORE_CORRUPT` or `STORE_TOO_NEW` when it cannot be used (changing nothing). Once it
   * is read, narrows loosened permissions (see {@link warnings}) and, when the lock is free,
   * deletes leftovers: packs the document does not use, temp files of interrupted saves, and
   * migration backups but the newest. The document itself is not written.
   */
  static async open(dataDir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(join(dataDir, STORE_FILE), options)
    await store.#refresh()
    store.#warnings = await repairPermissions(store.path)
    await store.#cleanLeftovers()
    return store
  }

  /**
   * Creates the repository of `dataDir` (dir 0700, file 0600) holding `initial`. Refuses,
   * changing nothing, when one exists.
   */
  static async create(
    dataDir: string,
    initial: StoreData,
    options: FileStoreOptions & UpdateOptions<void> = {},
  ): Promise<FileStore> {
    await ensureDataDir(dataDir, { restrict: true })
    const store = new FileStore(join(dataDir, STORE_FILE), options)
    await withFileLock(
      store.path,
      async (assertHeld, lock) => {
        if ((await store.#file.currentSignature()) !== undefined) {
          throw new CertDeckError(
            'ALREADY_INITIALISED',
            `${dataDir} already holds a CertDeck repository (${store.path}); nothing was changed. ` +
              'To change its passphrase run `certdeck passphrase change`; to start afresh, choose another ' +
              'directory with CERTDECK_HOME or move this one aside.',
          )
        }
        await store.#file.write(initial, { beforeCommit: assertHeld, stagingDir: lock.dir })
        store.#data = initial
        // A pack left by a repository whose certdeck.json was lost holds its sealed keys.
        await removeLeftovers(store.path, await findLeftovers(store.path, store.#file.packFile))
        await options.afterCommit?.()
      },
      options.lock,
    )
    return store
  }

  /** Permissions found loosened at open, and what was done about each, for the user to see. */
  get warnings(): readonly string[] {
    return this.#warnings
  }

  /** The schema migration the next update will commit, if the file is of an older schema. */
  get pendingMigration(): { readonly from: number; readonly to: number } | undefined {
    return this.#pending && { from: this.#pending.from, to: SCHEMA_VERSION }
  }

  /**
   * Refuses updates the check throws for; it gets the draft of each update, freshly read, before
   * `fn` (used to stop a process whose vault key is out of date from sealing with it, and to bind
   * a schema-1 repository's seals in the update that commits its migration).
   */
  setUpdateGuard(guard: ((data: StoreData) => void) | undefined): void {
    this.#guard = guard
  }

  /** The latest committed document (migrated in memory when older), never an update's draft. Treat it as read-only. */
  async read(): Promise<StoreData> {
    // While this process holds the lock nobody else can write: the committed document is current.
    if (this.#locked) return this.#data
    return this.#refresh()
  }

  /**
   * Read-modify-write under the locks: `fn` changes a draft, committed when it returns;
   * nothing is written when it throws, or when the lock was lost meanwhile (`STORE_LOCK_LOST`).
   * `afterCommit` runs before the lock is released.
   */
  update<T>(fn: (data: StoreData) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    return this.#serial(() =>
      withFileLock(
        this.path,
        async (assertHeld, lock) => {
          this.#locked = true
          try {
            await this.#refreshing
            const draft = draftOf(await this.#refresh())
            this.#guard?.(draft)
            const pending = this.#pending
            if (pending)
              this.#lastBackup = await writeBackup(this.path, pending.from, pending.original, this.#options.now?.())
            const result = await fn(draft)
            try {
              await this.#file.write(draft, { beforeCommit: assertHeld, stagingDir: lock.dir })
            } catch (error) {
              // What the adapter knows of the file may be off: read it again next time.
              this.#file.invalidate()
              throw error
            }
            this.#data = draft
            this.#pending = undefined
            await options.afterCommit?.(result)
            return result
          } finally {
            this.#locked = false
          }
        },
        this.#options.lock,
      ),
    )
  }

  /** Takes the lease `name` (a lease directory beside the file; see {@link tryAcquireFileLease}). */
  tryAcquireLease(name: string): Promise<Lease | undefined> {
    return tryAcquireFileLease(this.path, name)
  }

  /** Commits a pending schema migration (backup first); undefined when there is none. */
  async migrate(options: UpdateOptions<MigrationReport | undefined> = {}): Promise<MigrationReport | undefined> {
    return this.update(() => {
      const pending = this.pendingMigration
      return pending && this.#lastBackup ? { ...pending, backup: this.#lastBackup } : undefined
    }, options)
  }

  /** Deletes leftovers (see {@link open}) under the lock, if it is free; a busy repository is left as it is. */
  async #cleanLeftovers(): Promise<void> {
    if (isClean(await findLeftovers(this.path, this.#file.packFile))) return
    await this.#serial(() =>
      withFileLock(
        this.path,
        async () => {
          this.#locked = true
          try {
            await this.#refresh()
            await removeLeftovers(this.path, await findLeftovers(this.path, this.#file.packFile))
          } finally {
            this.#locked = false
          }
        },
        { ...this.#options.lock, retries: 0 },
      ),
    ).catch((error: unknown) => {
      if (!(error instanceof CertDeckError && error.code === 'STORE_LOCKED')) throw error
    })
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  #refresh(): Promise<StoreData> {
    this.#refreshing ??= this.#load().finally(() => {
      this.#refreshing = undefined
    })
    return this.#refreshing
  }

  async #load(): Promise<StoreData> {
    const signature = await this.#file.currentSignature()
    if (signature !== undefined && signature === this.#file.signature) return this.#data
    const doc = await this.#file.read()
    if (doc === null) {
      throw new CertDeckError(
        'STORE_NOT_FOUND',
        `There is no CertDeck repository at ${this.path}. Run \`certdeck init\` to create one, ` +
          'or set CERTDECK_HOME to the directory that holds certdeck.json.',
      )
    }
    const raw = doc as unknown as Record<string, unknown>
    const version = documentVersion(raw)
    if (Number.isNaN(version)) {
      this.#file.invalidate()
      throw await corruptStoreError(this.path, 'its "schemaVersion" is not a whole number')
    }
    if (version > SCHEMA_VERSION) {
      this.#file.invalidate()
      throw new CertDeckError(
        'STORE_TOO_NEW',
        `${this.path} was written by a newer CertDeck (schema version ${version}; this one knows up to ` +
          `${SCHEMA_VERSION}). Upgrade CertDeck to use it; the file was not changed.`,
        { kind: 'failure' },
      )
    }
    const data = (version < SCHEMA_VERSION ? migrateDocument(raw) : raw) as unknown as StoreData
    const broken = COLLECTIONS.find((key) => !Array.isArray((data as unknown as Record<string, unknown>)[key]))
    if (broken) {
      this.#file.invalidate()
      throw await corruptStoreError(this.path, `its "${broken}" field is not a list`)
    }
    this.#pending = version < SCHEMA_VERSION ? { from: version, original: raw } : undefined
    this.#data = data
    return data
  }
}

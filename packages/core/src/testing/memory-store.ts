import { emptyStoreData, type StoreData } from '../domain/store-data.js'
import type { Store, UpdateOptions } from '../ports/store.js'

/**
 * A {@link Store} held in memory, for tests. Like the file store, an `update` works on a copy
 * and commits only when its function returns, so a throwing update writes nothing. `writes`
 * counts committed updates, so a test can assert that bad input wrote nothing.
 */
export class MemoryStore implements Store {
  readonly path = '(memory)'
  /** Committed updates so far. */
  writes = 0
  private data: StoreData
  private queue: Promise<unknown> = Promise.resolve()

  constructor(initial: StoreData = emptyStoreData()) {
    this.data = structuredClone(initial)
  }

  /** A copy of the committed document. */
  async read(): Promise<StoreData> {
    return structuredClone(this.data)
  }

  /** Runs updates one at a time, as the file lock does across processes. */
  update<T>(fn: (data: StoreData) => T | Promise<T>, options: UpdateOptions<T> = {}): Promise<T> {
    const run = this.queue.then(async () => {
      const draft = structuredClone(this.data)
      const result = await fn(draft)
      this.data = draft
      this.writes += 1
      await options.afterCommit?.(result)
      return result
    })
    this.queue = run.catch(() => undefined)
    return run
  }
}

import type { StoreChangeEvent } from '@certdeck/core'
import pg from 'pg'
import { type PostgresLocation, storeError } from './connection.js'

const FIRST_RETRY_MS = 250
const LONGEST_RETRY_MS = 5_000

/**
 * Hears the repository's commits on a dedicated connection (`LISTEN`), opened while anyone
 * listens. When the connection drops it tells the listeners, retries with a growing pause, and
 * says `reconnected` once back (changes made meanwhile were not heard: read again).
 */
export class ChangeListener {
  readonly #listeners = new Set<(event: StoreChangeEvent) => void>()
  #client: pg.Client | undefined
  #retry: NodeJS.Timeout | undefined
  #delay = FIRST_RETRY_MS
  #lost = false

  constructor(
    private readonly location: PostgresLocation,
    private readonly channel: string,
  ) {}

  /** Adds a listener (connecting on the first); returns the function that removes it. */
  subscribe(listener: (event: StoreChangeEvent) => void): () => void {
    this.#listeners.add(listener)
    if (this.#listeners.size === 1) void this.#connect()
    return () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) void this.close()
    }
  }

  /** Stops listening. */
  async close(): Promise<void> {
    clearTimeout(this.#retry)
    this.#retry = undefined
    const client = this.#client
    this.#client = undefined
    await client?.end().catch(() => undefined)
  }

  #emit(event: StoreChangeEvent): void {
    for (const listener of [...this.#listeners]) listener(event)
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ ...this.location.config, keepAlive: true })
    client.on('notification', () => this.#emit({ kind: 'changed' }))
    client.on('error', (error) => this.#dropped(client, error))
    client.on('end', () => this.#dropped(client, new Error('Connection terminated')))
    this.#client = client
    try {
      await client.connect()
      await client.query(`LISTEN ${this.channel}`)
    } catch (error) {
      this.#dropped(client, error)
      return
    }
    if (this.#client !== client) {
      await client.end().catch(() => undefined)
      return
    }
    this.#delay = FIRST_RETRY_MS
    if (this.#lost) {
      this.#lost = false
      this.#emit({ kind: 'reconnected' })
    }
  }

  #dropped(client: pg.Client, error: unknown): void {
    if (this.#client !== client || this.#listeners.size === 0) return
    this.#client = undefined
    client.end().catch(() => undefined)
    if (!this.#lost) {
      this.#lost = true
      this.#emit({ kind: 'disconnected', message: storeError(error, this.location, 'listening for changes').message })
    }
    this.#retry = setTimeout(() => void this.#connect(), this.#delay)
    this.#delay = Math.min(this.#delay * 2, LONGEST_RETRY_MS)
  }
}

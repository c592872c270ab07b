import { hostname, userInfo } from 'node:os'
import type { Lease } from '@certdeck/core'
import pg from 'pg'
import { type PostgresLocation, storeError } from './connection.js'

/** How often a held lease checks that its connection still answers. */
const HEARTBEAT_MS = 10_000

/** `user@host pid N` of this process. */
export function holderName(): string {
  let user: string
  try {
    user = userInfo().username
  } catch {
    user = process.env.USER ?? 'unknown'
  }
  return `${user}@${hostname()} pid ${process.pid}`
}

/**
 * Takes the lease `name` as a PostgreSQL session-level advisory lock on a connection of its own:
 * the server frees it when that session ends (the process died, the network dropped), so
 * another process takes over. `lost` is aborted when the connection drops or stops answering.
 */
export async function acquireLease(location: PostgresLocation, name: string): Promise<Lease | undefined> {
  const client = new pg.Client({ ...location.config, keepAlive: true })
  const lost = new AbortController()
  let released = false
  const lose = (why: string) => {
    if (!released) lost.abort(new Error(`the connection holding lease ${name} ${why}`))
  }
  client.on('error', () => lose('dropped'))
  client.on('end', () => lose('ended'))
  try {
    await client.connect()
    const { rows } = await client.query<{ held: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended('certdeck:lease:' || $1, 0)) AS held",
      [name],
    )
    if (!rows[0].held) {
      await client.end()
      return undefined
    }
  } catch (error) {
    await client.end().catch(() => undefined)
    throw storeError(error, location, `taking lease ${name}`)
  }
  const heartbeat = setInterval(() => {
    client.query('SELECT 1').catch(() => lose('stopped answering'))
  }, HEARTBEAT_MS)
  heartbeat.unref()
  return {
    holder: holderName(),
    lost: lost.signal,
    release: async () => {
      if (released) return
      released = true
      clearInterval(heartbeat)
      await client
        .query("SELECT pg_advisory_unlock(hashtextextended('certdeck:lease:' || $1, 0))", [name])
        .catch(() => undefined)
      await client.end().catch(() => undefined)
    },
  }
}

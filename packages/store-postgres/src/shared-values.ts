import type { ClientBase } from 'pg'
import { TABLES } from './tables.js'

type Item = Record<string, unknown>

/**
 * A held field every record of a table shares (one scan's `lastSeenAt` on every cloud record),
 * kept once in `certdeck_shared_values` instead of in each row: a re-scan that moves it writes one
 * row, not 30,000. While shared, the rows' column is not read (it may hold an older value); when
 * the records stop sharing one value, every row gets it back in its column and a new revision, so
 * a reader reloads them. `rev` is the revision that last changed the value or the mode.
 */
export interface SharedValue {
  readonly shared: boolean
  readonly value: string
  readonly rev: number
}

/** The collection's shared field, its column and the table. */
export interface SharedField {
  readonly table: string
  readonly column: string
  readonly field: string
}

/** The shared field of each collection whose table has one, by collection. */
export const SHARED_FIELDS: ReadonlyMap<string, SharedField> = new Map(
  TABLES.flatMap((spec) => {
    const field = spec.sharedField
    const column = field && spec.columns.find((c) => c.field === field)
    return field && column ? [[spec.collection, { table: spec.table, column: column.name, field }] as const] : []
  }),
)

/** The value every record of `items` holds in `field`, or undefined when they differ, one lacks it or there is none. */
export function commonValue(items: readonly unknown[], field: string): string | undefined {
  if (items.length === 0) return undefined
  const first = (items[0] as Item | null)?.[field]
  if (typeof first !== 'string' || first.includes('\0')) return undefined
  for (let i = 1; i < items.length; i++) if ((items[i] as Item | null)?.[field] !== first) return undefined
  return first
}

/** Every shared value, by table. */
export async function loadSharedValues(client: Pick<ClientBase, 'query'>): Promise<Map<string, SharedValue>> {
  const { rows } = await client.query<{ table_name: string; value: string; shared: boolean; rev: string }>(
    'SELECT table_name, value, shared, rev FROM certdeck_shared_values',
  )
  return new Map(rows.map((r) => [r.table_name, { shared: r.shared, value: r.value, rev: Number(r.rev) }]))
}

/**
 * Brings the table to `target` (a value every record holds, or undefined) before its rows are
 * written at `rev`. Leaving shared mode writes the shared value back into every row, with `rev`.
 * Returns the table's new state, or undefined when nothing changed.
 */
export async function writeSharedValue(
  client: ClientBase,
  shared: SharedField,
  current: SharedValue | undefined,
  target: string | undefined,
  rev: number,
): Promise<SharedValue | undefined> {
  if (target === undefined) {
    if (!current?.shared) return undefined
    await client.query(`UPDATE ${shared.table} SET ${shared.column} = $1, rev = $2`, [current.value, rev])
    const next = { shared: false, value: current.value, rev }
    await upsert(client, shared, next)
    return next
  }
  if (current?.shared && current.value === target) return undefined
  const next = { shared: true, value: target, rev }
  await upsert(client, shared, next)
  return next
}

async function upsert(client: ClientBase, shared: SharedField, value: SharedValue): Promise<void> {
  await client.query(
    'INSERT INTO certdeck_shared_values (table_name, column_name, value, shared, rev) VALUES ($1, $2, $3, $4, $5) ' +
      'ON CONFLICT (table_name, column_name) DO UPDATE SET value = EXCLUDED.value, shared = EXCLUDED.shared, rev = EXCLUDED.rev',
    [shared.table, shared.column, value.value, value.shared, value.rev],
  )
}

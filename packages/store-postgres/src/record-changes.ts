import { isDeepStrictEqual } from 'node:util'
import { isHeldValue } from './tables.js'

type Item = Record<string, unknown>

/** How a record differs from its committed version: not at all, only in fields columns hold, or otherwise. */
export type RecordChange = 'same' | 'whole' | readonly string[]

/** Whether `value` lives in a column or nowhere (absent), rather than in `body`. */
const heldOrAbsent = (value: unknown) => value === undefined || isHeldValue(value)
const isRecord = (value: unknown): value is Item => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Deep equality, with lists of plain values (a record's SANs) compared item by item rather than by the generic walk. */
function sameValue(x: unknown, y: unknown): boolean {
  if (!Array.isArray(x) || !Array.isArray(y)) return isDeepStrictEqual(x, y)
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) {
    const a = x[i]
    const b = y[i]
    if (a !== b && (typeof a !== 'object' || typeof b !== 'object' || !isDeepStrictEqual(a, b))) return false
  }
  return true
}

/**
 * Compares a record with its committed version field by field, in one pass: a field kept as it
 * was costs one comparison, only differing objects are compared deeply. Returns `same`, the
 * changed fields when every one is a field of `held` (a string or absent in both versions:
 * its column alone changes), or `whole`. A change of `ignored` (a field kept once for the whole
 * table, see `shared-values.ts`) counts as none.
 */
export function changeOf(held: ReadonlySet<string>, before: unknown, after: unknown, ignored?: string): RecordChange {
  if (before === after) return 'same'
  if (!isRecord(before) || !isRecord(after)) return isDeepStrictEqual(before, after) ? 'same' : 'whole'
  const fields: string[] = []
  for (const name in after) {
    if (name === ignored) continue
    const change = fieldChange(held, name, before[name], after[name])
    if (change === WHOLE) return 'whole'
    if (change === HELD) fields.push(name)
  }
  for (const name in before) {
    if (name in after || name === ignored) continue
    const change = fieldChange(held, name, before[name], undefined)
    if (change === WHOLE) return 'whole'
    if (change === HELD) fields.push(name)
  }
  return fields.length === 0 ? 'same' : fields
}

const SAME = 0
const HELD = 1
const WHOLE = 2

/** How one field changed: not at all, in a column alone (a held string, or absent), or otherwise. */
function fieldChange(held: ReadonlySet<string>, name: string, x: unknown, y: unknown): number {
  if (x === y) return SAME
  if (held.has(name) && heldOrAbsent(x) && heldOrAbsent(y)) return HELD
  return typeof x === 'object' && typeof y === 'object' && sameValue(x, y) ? SAME : WHOLE
}

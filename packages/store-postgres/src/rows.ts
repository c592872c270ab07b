import type { TableSpec } from './tables.js'

type Item = Record<string, unknown>

/** The record list of a table with a child table is kept out of `body`. */
export function bodyOf(spec: TableSpec | undefined, item: unknown): unknown {
  if (!spec?.child || item === null || typeof item !== 'object') return item
  const { [spec.child.field]: _children, ...rest } = item as Item
  return rest
}

/** The record of a loaded row (its freshly parsed `body`, given its child list). */
export function itemOf(spec: TableSpec | undefined, body: unknown, children: unknown): unknown {
  if (!spec?.child) return body
  const list = Array.isArray(children) ? children : []
  if (body === null || typeof body !== 'object') return { [spec.child.field]: list }
  ;(body as Item)[spec.child.field] = list
  return body
}

/** Freezes `value` and everything under it, so in-place edits of committed data throw. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  const record = value as Record<string, unknown>
  for (const key in record) {
    // Only objects recurse: a record's strings and numbers cost no call.
    const field = record[key]
    if (typeof field === 'object' && field !== null) deepFreeze(field)
  }
  return Object.freeze(value)
}

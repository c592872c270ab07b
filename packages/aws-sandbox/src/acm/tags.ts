import { SandboxError } from '../types.js'
import type { AcmTag } from './model.js'

/** ACM's limit on tags per certificate. */
export const MAX_TAGS = 50

/** Validates a Tags list as ACM does (InvalidTagException, TooManyTagsException). */
export function parseTags(value: unknown): AcmTag[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value))
    throw new SandboxError('ValidationException', "1 validation error detected: 'tags' must be a list of {Key, Value}.")
  const tags: AcmTag[] = []
  for (const item of value as Record<string, unknown>[]) {
    const key = item?.Key
    const tagValue = item?.Value
    if (typeof key !== 'string' || key.length < 1 || key.length > 128) {
      throw new SandboxError(
        'ValidationException',
        `1 validation error detected: Value '${String(key)}' at 'tags.member.key' failed to satisfy ` +
          `constraint: Member must have length between 1 and 128`,
      )
    }
    if (tagValue !== undefined && (typeof tagValue !== 'string' || tagValue.length > 256)) {
      throw new SandboxError(
        'ValidationException',
        `1 validation error detected: Value at 'tags.member.value' for key '${key}' failed to satisfy ` +
          `constraint: Member must have length less than or equal to 256`,
      )
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw new SandboxError(
        'InvalidTagException',
        `Tag key '${key}' is reserved: keys starting with 'aws:' are for AWS use only.`,
      )
    }
    tags.push(tagValue === undefined ? { Key: key } : { Key: key, Value: tagValue })
  }
  return tags
}

/** Merges `added` into `existing` (same key: new value wins), refusing more than 50 in total. */
export function mergeTags(existing: readonly AcmTag[], added: readonly AcmTag[]): AcmTag[] {
  const merged = new Map(existing.map((t) => [t.Key, t]))
  for (const tag of added) merged.set(tag.Key, tag)
  if (merged.size > MAX_TAGS) {
    throw new SandboxError(
      'TooManyTagsException',
      `A certificate can have at most ${MAX_TAGS} tags; this change would leave ${merged.size}.`,
    )
  }
  return [...merged.values()]
}

/** Removes tags matching by key, and by value when the removal names one. */
export function removeTags(existing: readonly AcmTag[], removed: readonly AcmTag[]): AcmTag[] {
  return existing.filter(
    (tag) => !removed.some((r) => r.Key === tag.Key && (r.Value === undefined || r.Value === tag.Value)),
  )
}

import type { StoreData } from '@certdeck/core'

/** The document an update function works on, and which of its lists the function used. */
export interface Draft {
  readonly data: StoreData
  /** Names of the lists the function read or replaced, lists it added, and lists it deleted. */
  touched(): Set<string>
  /** True when `name` is one of the committed document's lists (its value must not be read to check). */
  isList(name: string): boolean
  /** The committed document's lists. */
  readonly lists: readonly string[]
}

/**
 * A draft of the committed document `committed` whose lists `lists` are copied only when the
 * update function first reads one (so an update that uses two lists costs nothing for the
 * others, and an untouched list needs no comparison). Everything else is a shallow copy.
 */
export function draftOf(committed: StoreData, lists: readonly string[]): Draft {
  const source = committed as unknown as Record<string, unknown>
  const data: Record<string, unknown> = {}
  const used = new Set<string>()
  const listNames = new Set(lists)
  for (const [name, value] of Object.entries(source)) {
    if (!listNames.has(name)) {
      data[name] = value
      continue
    }
    let copy: unknown
    Object.defineProperty(data, name, {
      enumerable: true,
      configurable: true,
      get() {
        if (!used.has(name)) {
          used.add(name)
          copy = [...(source[name] as unknown[])]
        }
        return copy
      },
      set(value: unknown) {
        used.add(name)
        copy = value
      },
    })
  }
  return {
    data: data as unknown as StoreData,
    lists,
    isList: (name) => listNames.has(name),
    touched() {
      const touched = new Set(used)
      for (const name of listNames) if (!Object.hasOwn(data, name)) touched.add(name)
      for (const name of Object.keys(data)) {
        // Read without calling the lists' getters: a list deleted and set again is a plain value now.
        const own = Object.getOwnPropertyDescriptor(data, name)
        if (own && !own.get && (listNames.has(name) || Array.isArray(own.value))) touched.add(name)
      }
      return touched
    },
  }
}

/** `data`, a document built whole from `draft`'s (a document schema migration), as a draft whose every list counts as used. */
export function wholeDraft(data: StoreData, draft: Draft): Draft {
  const record = data as unknown as Record<string, unknown>
  return {
    data,
    lists: draft.lists,
    isList: draft.isList,
    touched() {
      const touched = new Set(draft.lists)
      for (const name of Object.keys(record)) if (Array.isArray(record[name])) touched.add(name)
      return touched
    },
  }
}

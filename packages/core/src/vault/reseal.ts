import { type SealedSecret, isSealedSecret } from '../domain/sealed-secret.js'

/**
 * Returns `value` with every {@link SealedSecret} anywhere inside replaced by `reseal(secret)`,
 * copying only the objects on the way to a secret and leaving `value` untouched. Throws
 * whatever `reseal` throws, before anything is replaced.
 */
export function resealTree<T>(value: T, reseal: (secret: SealedSecret) => SealedSecret): T {
  const walk = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node
    if (isSealedSecret(node)) return reseal(node)
    if (Array.isArray(node)) {
      let out: unknown[] | undefined
      node.forEach((item, index) => {
        const next = walk(item)
        if (next !== item) (out ??= node.slice())[index] = next
      })
      return out ?? node
    }
    let out: Record<string, unknown> | undefined
    for (const [key, child] of Object.entries(node)) {
      const next = walk(child)
      if (next !== child) (out ??= { ...node })[key] = next
    }
    return out ?? node
  }
  return walk(value) as T
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, in item order. Every item runs
 * even when another one fails: `fn` handles its own errors (a failing region must not stop the
 * others). Stops starting new items once `signal` fires.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++
      await fn(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  signal?.throwIfAborted()
}

/**
 * How many times the committed document references each blob, kept up to date by applying the
 * difference each save makes, so a save does not walk every reference of the repository.
 */
export class BlobLedger {
  #counts = new Map<string, number>()
  readonly #secrets = new Set<string>()
  #liveBytes = 0

  /** Starts over with the counts of a freshly loaded document (adopts the map). */
  load(counts: Map<string, number>, lengthOf: (hash: string) => number): void {
    this.#counts = counts
    this.#secrets.clear()
    let liveBytes = 0
    for (const hash of counts.keys()) liveBytes += lengthOf(hash)
    this.#liveBytes = liveBytes
  }

  /** Remembers that these blobs hold sealed secret data. */
  markSecret(hashes: readonly string[]): void {
    for (const hash of hashes) this.#secrets.add(hash)
  }

  /** Total length of the referenced blobs. */
  get liveBytes(): number {
    return this.#liveBytes
  }

  /**
   * What applying `delta` (hash → change of count) would give: the live length, and whether
   * a sealed secret would lose its last reference (it must then be erased from disk).
   */
  preview(
    delta: ReadonlyMap<string, number>,
    lengthOf: (hash: string) => number,
  ): { liveBytes: number; dropsSecret: boolean } {
    let liveBytes = this.#liveBytes
    let dropsSecret = false
    for (const [hash, change] of delta) {
      if (change === 0) continue
      const before = this.#counts.get(hash) ?? 0
      const after = before + change
      if (before === 0 && after > 0) liveBytes += lengthOf(hash)
      if (before > 0 && after <= 0) {
        liveBytes -= lengthOf(hash)
        if (this.#secrets.has(hash)) dropsSecret = true
      }
    }
    return { liveBytes, dropsSecret }
  }

  /** Applies `delta` (after the document it describes was committed). */
  apply(delta: ReadonlyMap<string, number>, lengthOf: (hash: string) => number): void {
    this.#liveBytes = this.preview(delta, lengthOf).liveBytes
    for (const [hash, change] of delta) {
      const after = (this.#counts.get(hash) ?? 0) + change
      if (after > 0) this.#counts.set(hash, after)
      else {
        this.#counts.delete(hash)
        this.#secrets.delete(hash)
      }
    }
  }

  /** The hashes that would be referenced after `delta`. */
  liveAfter(delta: ReadonlyMap<string, number>): string[] {
    const live: string[] = []
    for (const [hash, count] of this.#counts) if (count + (delta.get(hash) ?? 0) > 0) live.push(hash)
    for (const [hash, change] of delta) if (!this.#counts.has(hash) && change > 0) live.push(hash)
    return live
  }
}

import { describe, expect, it } from 'vitest'
import { forEachLimit } from './concurrency.js'

describe('forEachLimit', () => {
  it('never runs more than the limit at once and visits every item', async () => {
    let running = 0
    let peak = 0
    const seen: number[] = []
    await forEachLimit([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setImmediate(resolve))
      seen.push(item)
      running--
    })
    expect(peak).toBe(3)
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('starts nothing more once the signal fires, and rejects with its reason', async () => {
    const controller = new AbortController()
    const seen: number[] = []
    const run = forEachLimit(
      [1, 2, 3, 4],
      1,
      async (item) => {
        seen.push(item)
        if (item === 2) controller.abort(new Error('stopped'))
      },
      controller.signal,
    )
    await expect(run).rejects.toThrow('stopped')
    expect(seen).toEqual([1, 2])
  })
})

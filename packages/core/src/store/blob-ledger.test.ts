import { describe, expect, it } from 'vitest'
import { BlobLedger } from './blob-ledger.js'

const length = (hash: string) => hash.length * 10

describe('BlobLedger', () => {
  it('counts references across changes and reports a secret losing its last one', () => {
    const ledger = new BlobLedger()
    ledger.load(
      new Map([
        ['aa', 2],
        ['sss', 1],
      ]),
      length,
    )
    ledger.markSecret(['sss'])
    expect(ledger.liveBytes).toBe(50)
    expect(ledger.preview(new Map([['aa', -1]]), length)).toEqual({ liveBytes: 50, dropsSecret: false })
    expect(ledger.preview(new Map([['aa', -2]]), length)).toEqual({ liveBytes: 30, dropsSecret: false })
    expect(
      ledger.preview(
        new Map([
          ['sss', -1],
          ['b', 1],
        ]),
        length,
      ),
    ).toEqual({ liveBytes: 30, dropsSecret: true })
    expect(
      ledger
        .liveAfter(
          new Map([
            ['sss', -1],
            ['b', 1],
          ]),
        )
        .sort(),
    ).toEqual(['aa', 'b'])
    ledger.apply(
      new Map([
        ['sss', -1],
        ['b', 1],
      ]),
      length,
    )
    expect(ledger.liveBytes).toBe(30)
    expect(ledger.preview(new Map([['aa', -2]]), length)).toEqual({ liveBytes: 10, dropsSecret: false })
  })
})

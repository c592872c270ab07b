import { describe, expect, it } from 'vitest'
import { RateLimiters, TokenBucket, type LimiterClock } from './rate-limiter.js'

/** A clock that only moves when a caller sleeps, recording each sleep. */
function fakeClock(): LimiterClock & { sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted()
      clock.sleeps.push(ms)
      clock.t += ms
    },
  }
  return clock
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then spaces calls at 1/rate', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(8, 8, clock)
    for (let i = 0; i < 8; i++) await bucket.take()
    expect(clock.sleeps).toEqual([])
    await bucket.take()
    await bucket.take()
    expect(clock.sleeps).toEqual([125, 125])
  })

  it('refills while idle, never above the burst', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(1, 2, clock)
    await bucket.take()
    await bucket.take()
    expect(bucket.delay()).toBe(1000)
    clock.t += 10_000
    await bucket.take()
    await bucket.take()
    expect(clock.sleeps).toEqual([])
    expect(bucket.delay()).toBe(1000)
  })

  it('serves concurrent callers in arrival order, one slot each', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(1, 1, clock)
    const waits: number[] = []
    const realSleep = clock.sleep
    clock.sleep = async (ms, signal) => {
      waits.push(ms)
      return realSleep(0, signal)
    }
    await Promise.all([bucket.take(), bucket.take(), bucket.take()])
    expect(waits).toEqual([1000, 2000])
  })

  it('rejects with the abort reason', async () => {
    const bucket = new TokenBucket(1, 1, fakeClock())
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(bucket.take(controller.signal)).rejects.toThrow('stop')
  })

  it('refuses a zero rate', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError)
  })
})

describe('RateLimiters', () => {
  it('keeps one bucket per account, region and operation', async () => {
    const clock = fakeClock()
    const limiters = new RateLimiters({ ImportCertificate: { rate: 1 } }, { rate: 5 }, clock, 1)
    const a = limiters.bucket('111', 'us-east-1', 'ImportCertificate')
    expect(limiters.bucket('111', 'us-east-1', 'ImportCertificate')).toBe(a)
    expect(limiters.bucket('111', 'eu-west-1', 'ImportCertificate')).not.toBe(a)
    expect(limiters.bucket('222', 'us-east-1', 'ImportCertificate')).not.toBe(a)
    expect(a.rate).toBe(1)
    expect(limiters.bucket('111', 'us-east-1', 'Other').rate).toBe(5)
  })

  it("goes on with a credential's bucket once its account is known, so earlier calls still count", () => {
    const limiters = new RateLimiters({ GetCertificate: { rate: 10 } }, { rate: 5 }, fakeClock())
    const before = limiters.bucket('cred-1', 'us-east-1', 'GetCertificate', 'cred-1')
    expect(limiters.bucket('111', 'us-east-1', 'GetCertificate', 'cred-1')).toBe(before)
    expect(limiters.bucket('111', 'us-east-1', 'GetCertificate')).toBe(before)
    expect(limiters.bucket('111', 'eu-west-1', 'GetCertificate', 'cred-1')).not.toBe(before)
  })
})

describe('RateLimiters headroom', () => {
  it('runs each bucket below the quota, with half its burst', async () => {
    const clock = fakeClock()
    const bucket = new RateLimiters({ ListCertificates: { rate: 8 } }, { rate: 5 }, clock).bucket(
      '1',
      'r',
      'ListCertificates',
    )
    for (let i = 0; i < 5; i++) await bucket.take()
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeCloseTo(1000 / 7.2)
  })
})

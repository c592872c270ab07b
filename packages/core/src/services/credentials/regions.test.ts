import { describe, expect, it } from 'vitest'
import { checkRegion, regionsOf } from './regions.js'

const KNOWN = ['us-east-1', 'eu-west-1', 'eu-west-2']

describe('region checks', () => {
  it('refuses a well-spelled region the provider does not know, listing the valid ones', () => {
    const error = (() => {
      try {
        regionsOf(['eu-west-1', 'eu-west-99'], KNOWN, KNOWN)
      } catch (e) {
        return e as Error & { code?: string }
      }
    })()
    expect(error?.code).toBe('REGION_UNKNOWN')
    expect(error?.message).toContain('"eu-west-99"')
    expect(error?.message).toContain('us-east-1, eu-west-1, eu-west-2')
    expect(error?.message).toContain('--allow-unknown-region')
  })

  it('lets an unknown region through when told to, but never a badly spelled one', () => {
    expect(regionsOf(['eu-west-99', 'eu-west-1', 'eu-west-99'], KNOWN, KNOWN, { allowUnknownRegion: true })).toEqual([
      'eu-west-99',
      'eu-west-1',
    ])
    expect(() => regionsOf(['Europe'], KNOWN, KNOWN, { allowUnknownRegion: true })).toThrow(
      expect.objectContaining({ code: 'REGION' }),
    )
  })

  it('checks one region the same way', () => {
    expect(checkRegion('eu-west-2', KNOWN)).toBe('eu-west-2')
    expect(() => checkRegion('ap-nowhere-1', KNOWN)).toThrow(expect.objectContaining({ code: 'REGION_UNKNOWN' }))
    expect(checkRegion('ap-nowhere-1', KNOWN, { allowUnknownRegion: true })).toBe('ap-nowhere-1')
    // Without a provider list only the spelling can be checked.
    expect(checkRegion('ap-nowhere-1', [])).toBe('ap-nowhere-1')
  })
})

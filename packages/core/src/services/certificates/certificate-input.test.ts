import { describe, expect, it } from 'vitest'
import { isHostName, validateCreateOptions, validateTags } from './certificate-input.js'

describe('isHostName', () => {
  it.each(['example.com', '*.example.com', 'a-b.c', 'localhost', '192.0.2.1', '2001:db8::1'])('accepts %s', (name) => {
    expect(isHostName(name)).toBe(true)
  })
  it.each(['a..b', '-a.b', 'a-.b', 'a.*.b', '*', 'a_b.c', 'spaces here', `${'a'.repeat(64)}.com`])(
    'rejects %s',
    (name) => {
      expect(isHostName(name)).toBe(false)
    },
  )
})

describe('validateCreateOptions', () => {
  it('fills defaults and puts the CN first among distinct lower-case SANs', () => {
    expect(
      validateCreateOptions({ commonName: 'WWW.Example.com', sans: ['www.example.com', 'Api.Example.com'] }),
    ).toEqual({
      commonName: 'WWW.Example.com',
      sans: ['www.example.com', 'api.example.com'],
      keyAlgorithm: 'EC_prime256v1',
      days: 365,
      tags: {},
    })
  })

  it('keeps a CN that is not a host name out of the SANs', () => {
    expect(validateCreateOptions({ commonName: 'My Test Server', sans: ['test.local'] }).sans).toEqual(['test.local'])
  })

  it('rejects a CN over 64 characters', () => {
    expect(() => validateCreateOptions({ commonName: `${'a'.repeat(61)}.com2` })).toThrow(
      /1 to 64 printable characters/,
    )
  })
})

describe('validateTags', () => {
  it('applies ACM tag rules', () => {
    expect(validateTags({ env: 'prod', empty: '' })).toEqual({ env: 'prod', empty: '' })
    expect(() => validateTags({ '': 'x' })).toThrow(/Tag key '' is not accepted/)
    expect(() => validateTags({ 'AWS:x': 'y' })).toThrow(/not starting with 'aws:'/)
    expect(() => validateTags({ k: 'v'.repeat(257) })).toThrow(/at most 256 characters/)
  })
})

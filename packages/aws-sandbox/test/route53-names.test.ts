import { describe, expect, it } from 'vitest'
import { canonicalName, compareAscii, DomainNameError, isInZone, sortKey } from '../src/route53/names.js'

describe('Route 53 domain names', () => {
  it('lower-cases and adds the trailing dot', () => {
    expect(canonicalName('WWW.Example.COM')).toBe('www.example.com.')
    expect(canonicalName('www.example.com.')).toBe('www.example.com.')
  })

  it('stores a wildcard and other special characters as octal escapes, whichever way they came in', () => {
    expect(canonicalName('*.example.com')).toBe('\\052.example.com.')
    expect(canonicalName('\\052.example.com')).toBe('\\052.example.com.')
    expect(canonicalName('a b.example.com')).toBe('a\\040b.example.com.')
    expect(canonicalName('_acme-challenge.example.com')).toBe('_acme-challenge.example.com.')
  })

  it('refuses empty labels, labels over 63 octets and names over 255 octets', () => {
    expect(() => canonicalName('a..example.com')).toThrow(DomainNameError)
    expect(() => canonicalName(`${'a'.repeat(64)}.com`)).toThrow(/63 octets/)
    expect(() => canonicalName(`${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`)).toThrow(
      /255 octets/,
    )
    expect(() => canonicalName('')).toThrow(DomainNameError)
  })

  it('sorts by reversed labels with the trailing dot, so "-" sorts before "."', () => {
    const names = ['example.net.', 'www.example.com.', 'example.com.', 'a.example-a.com.']
    const sorted = [...names].sort((a, b) => compareAscii(sortKey(a), sortKey(b)))
    expect(sorted).toEqual(['a.example-a.com.', 'example.com.', 'www.example.com.', 'example.net.'])
  })

  it('tells names inside a zone from look-alikes', () => {
    expect(isInZone('a.example.com.', 'example.com.')).toBe(true)
    expect(isInZone('example.com.', 'example.com.')).toBe(true)
    expect(isInZone('badexample.com.', 'example.com.')).toBe(false)
  })
})

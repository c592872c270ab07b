import { InvalidArgumentError } from 'commander'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadCore } from './core.js'
import { daysLeft, parseDuration, parsePositiveInt, parseTag, parseTimeout } from './parse.js'

describe('parseDuration', () => {
  it('reads days, hours, weeks and plain numbers as days', () => {
    expect(parseDuration('30d')).toBe(30)
    expect(parseDuration('30')).toBe(30)
    expect(parseDuration('12h')).toBe(0.5)
    expect(parseDuration('2w')).toBe(14)
    expect(parseDuration('0')).toBe(0)
  })

  it('rejects anything else with the accepted forms in the message', () => {
    for (const bad of ['', 'd', '-1d', '1.5d', '3m', '30 days', '1y']) {
      expect(() => parseDuration(bad)).toThrow(InvalidArgumentError)
    }
    expect(() => parseDuration('3m')).toThrow(/12h, 30d, 2w/)
  })
})

describe('parseTimeout', () => {
  it('reads seconds, minutes, hours and days as milliseconds, keeping the text', () => {
    expect(parseTimeout('90s')).toEqual({ text: '90s', ms: 90_000 })
    expect(parseTimeout('10m')).toEqual({ text: '10m', ms: 600_000 })
    expect(parseTimeout('1h').ms).toBe(3_600_000)
    expect(parseTimeout('2d').ms).toBe(172_800_000)
  })

  it('rejects zero, bare numbers and other units with the accepted forms in the message', () => {
    for (const bad of ['', '0s', '15', '1.5m', '-1m', '10 min', '1w', 'm']) {
      expect(() => parseTimeout(bad)).toThrow(InvalidArgumentError)
    }
    expect(() => parseTimeout('15')).toThrow(/90s, 10m, 1h/)
    expect(parseTimeout('72h').ms).toBe(259_200_000)
    expect(() => parseTimeout('73h')).toThrow(/at most 72h/)
    expect(() => parseTimeout('999999d')).toThrow(/at most 72h/)
  })
})

describe('parsePositiveInt', () => {
  it('accepts whole numbers of at least 1 only', () => {
    expect(parsePositiveInt('1')).toBe(1)
    expect(parsePositiveInt('365')).toBe(365)
    for (const bad of ['0', '-3', '1.5', 'ten', '', '99999999999999999999']) {
      expect(() => parsePositiveInt(bad)).toThrow(InvalidArgumentError)
    }
  })
})

describe('parseTag', () => {
  it('splits at the first = and allows an empty value', () => {
    expect(parseTag('env=prod')).toEqual(['env', 'prod'])
    expect(parseTag('url=a=b')).toEqual(['url', 'a=b'])
    expect(parseTag('note=')).toEqual(['note', ''])
  })

  it('needs a key and an =', () => {
    expect(() => parseTag('env')).toThrow(/key=value/)
    expect(() => parseTag('=prod')).toThrow(InvalidArgumentError)
  })
})

describe('daysLeft', () => {
  // core's rule, from core once a command has loaded it
  beforeAll(() => loadCore())
  const now = Date.parse('2026-01-01T00:00:00Z')
  it('counts whole days, rounding down, negative once expired', () => {
    expect(daysLeft('2026-01-31T00:00:00Z', now)).toBe(30)
    expect(daysLeft('2026-01-30T23:00:00Z', now)).toBe(29)
    expect(daysLeft('2026-01-01T12:00:00Z', now)).toBe(0)
    expect(daysLeft('2025-12-31T12:00:00Z', now)).toBe(-1)
  })
})

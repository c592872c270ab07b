import { describe, expect, it } from 'vitest'
import { checkValidationRecords, isHostName } from './validation-targets.js'

const names = ['example.com', '*.example.com', 'www.example.com']
const cname = (name: string, value: string) => ({ name, type: 'CNAME', value })

describe('checkValidationRecords', () => {
  it('accepts ACM-shaped records under a name of the request, the apex of a wildcard included', () => {
    const records = [
      cname('_a1.example.com.', '_b2.xyz.acm-validations.aws.'),
      cname('_A1.WWW.example.com', '_b2.acm-validations.aws'),
    ]
    expect(checkValidationRecords(records, names)).toEqual([])
  })

  it('refuses a name under the wildcard itself, a bare label, a target elsewhere, and other types', () => {
    const refused = checkValidationRecords(
      [
        cname('_a1.x.example.com', '_b.acm-validations.aws'),
        cname('www.example.com', '_b.acm-validations.aws'),
        cname('_a1.example.com', 'acm-validations.aws.evil.net'),
        { name: '_a1.example.com', type: 'TXT', value: '_b.acm-validations.aws' },
      ],
      names,
    )
    expect(refused.map((r) => r.reason)).toEqual([
      expect.stringContaining('directly under a name of the request'),
      expect.stringContaining('directly under a name of the request'),
      expect.stringContaining('not under acm-validations.aws'),
      'its type is TXT, not CNAME',
    ])
  })

  it('allowAnyTarget accepts any valid host name as the target, still not a broken one', () => {
    const ok = cname('_a1.example.com', 'target.example.net')
    const broken = cname('_a1.example.com', 'bad\u0000target.example.net')
    expect(checkValidationRecords([ok, broken], names, { allowAnyTarget: true })).toEqual([
      { record: broken, reason: 'its value is not a valid host name' },
    ])
  })

  it('isHostName bounds label and name lengths', () => {
    expect(isHostName(`${'a'.repeat(63)}.com`)).toBe(true)
    expect(isHostName(`${'a'.repeat(64)}.com`)).toBe(false)
    expect(isHostName(Array.from({ length: 64 }, () => 'abc').join('.'))).toBe(false)
    expect(isHostName('a..b')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { isSealedSecret } from './sealed-secret.js'

describe('isSealedSecret', () => {
  it('recognises the sealed marker and nothing else', () => {
    expect(isSealedSecret({ sealed: 'aes-256-gcm', iv: '', tag: '', data: '' })).toBe(true)
    expect(isSealedSecret({ iv: '', tag: '', data: '' })).toBe(false)
    expect(isSealedSecret(null)).toBe(false)
  })
})

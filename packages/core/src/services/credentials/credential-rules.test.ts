import { describe, expect, it } from 'vitest'
import { checkCredentialOptions, checkEndpoint } from './credential-rules.js'

const staticKey = { name: 'lab', kind: 'static', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } as const

describe('credential endpoints', () => {
  it.each([
    'http://localhost:4566',
    'http://127.0.0.1:4566',
    'http://127.8.9.10/',
    'http://[::1]:4566',
    'https://acm.internal.example.com',
    'https://10.0.0.5:8443',
  ])('accepts %s (https anywhere, plain http only to this machine)', (endpoint) => {
    expect(() => checkCredentialOptions({ ...staticKey, endpoint })).not.toThrow()
    expect(checkEndpoint(endpoint, 'lab')).toBe(endpoint)
  })

  it.each([
    'http://10.0.0.5:4566',
    'http://acm.example.com',
    'http://localhost.example.com',
    'http://127.0.0.1.nip.io',
    'http://[::2]/',
  ])('refuses plain http to %s: private keys would cross the network in the clear', (endpoint) => {
    const error = (() => {
      try {
        checkCredentialOptions({ ...staticKey, endpoint })
      } catch (e) {
        return e as Error & { code?: string }
      }
    })()
    expect(error?.code).toBe('ENDPOINT_INSECURE')
    expect(error?.message).toContain(endpoint)
    expect(error?.message).toContain('https://')
    expect(error?.message).toContain('127.0.0.1')
  })
})

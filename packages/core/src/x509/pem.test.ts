import { describe, expect, it } from 'vitest'
import { splitPem, toPem } from './pem.js'

const body = Buffer.from('hello certificate world, long enough to wrap past one line of sixty-four columns')

describe('splitPem', () => {
  it('finds every block in order, skipping text between blocks, and keeps legacy headers', () => {
    const text = [
      'Bag Attributes',
      '    friendlyName: example',
      toPem('CERTIFICATE', body).trimEnd(),
      'subject=CN = example',
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF',
      '',
      Buffer.from('key bytes').toString('base64'),
      '-----END RSA PRIVATE KEY-----',
    ].join('\r\n')
    const blocks = splitPem(text, 'bundle.pem')
    expect(blocks.map((b) => [b.label, b.line])).toEqual([
      ['CERTIFICATE', 3],
      ['RSA PRIVATE KEY', 8],
    ])
    expect(blocks[0].der.equals(body)).toBe(true)
    expect(blocks[1].headers).toEqual({
      'Proc-Type': '4,ENCRYPTED',
      'DEK-Info': 'AES-256-CBC,00112233445566778899AABBCCDDEEFF',
    })
    expect(blocks[1].text).toContain(
      'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n',
    )
    expect(blocks[1].der.toString()).toBe('key bytes')
  })

  it('reports a block without its END line, naming the file, line and label', () => {
    const cut = toPem('CERTIFICATE', body).split('\n').slice(0, 2).join('\n')
    expect(() => splitPem(`\n${cut}`, 'cut.pem')).toThrowError(
      expect.objectContaining({
        code: 'PEM_TRUNCATED',
        message: expect.stringMatching(
          /^cut\.pem: the 'CERTIFICATE' block that begins at line 2 has no -----END CERTIFICATE-----/,
        ),
      }),
    )
  })

  it('reports an END line without its BEGIN', () => {
    const headless = toPem('PRIVATE KEY', body).split('\n').slice(1).join('\n')
    expect(() => splitPem(headless, 'tail.pem')).toThrowError(
      expect.objectContaining({ code: 'PEM_TRUNCATED', message: expect.stringContaining('never began') }),
    )
  })

  it('reports a body that is not base64', () => {
    const bad = '-----BEGIN CERTIFICATE-----\nMIIB*not base64*\n-----END CERTIFICATE-----\n'
    expect(() => splitPem(bad, 'bad.pem')).toThrowError(
      expect.objectContaining({ code: 'PEM_TRUNCATED', message: expect.stringContaining('not valid base64') }),
    )
    const short = '-----BEGIN CERTIFICATE-----\nMIIBCg\n-----END CERTIFICATE-----\n'
    expect(() => splitPem(short, 'short.pem')).toThrowError(expect.objectContaining({ code: 'PEM_TRUNCATED' }))
  })

  it('returns nothing for text without blocks', () => {
    expect(splitPem('just some notes\n', 'notes.txt')).toEqual([])
  })
})

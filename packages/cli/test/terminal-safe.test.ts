import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTestPki } from '@certdeck/core/testing'
import { describe, expect, it, vi } from 'vitest'
import { CliHome, json } from './cli-harness.js'

vi.setConfig({ testTimeout: 180_000 })

// An OSC 0 title change, an SGR colour, a C1 CSI and a right-to-left override (which would show
// what follows reversed), as a certificate's maker may put them in its names.
const HOSTILE = 'evil\u001b]0;pwned\u0007\u001b[31m.example\u009b2J\u202emoc'
const SHOWN = 'evil\\x1b]0;pwned\\x07\\x1b[31m.example\\x9b2J\\u202emoc'
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/

describe('text output never writes a control character from a certificate to the terminal', () => {
  it('list, show and errors show controls as visible escapes; JSON keeps the value', async () => {
    const h = await CliHome.create({ init: true })
    try {
      const pki = await makeTestPki({ name: 'Hostile' })
      const leaf = await pki.selfSigned({ commonName: HOSTILE, sans: ['ok.example'] })
      const file = join(h.root, 'hostile.pem')
      await writeFile(file, leaf.pem)
      const imported = await h.run(['certs', 'import', file, '--json'])
      expect(imported.code, imported.stderr).toBe(0)
      const { certificate } = json<{ certificate: { id: string; commonName: string } }>(imported)
      expect(certificate.commonName).toBe(HOSTILE)
      expect(imported.stdout).not.toMatch(RAW_CONTROL)

      const list = await h.run(['certs', 'list', '--wide'])
      expect(list.stdout).toContain(SHOWN)
      expect(list.stdout).not.toMatch(RAW_CONTROL)
      // The 100-column table cuts the name, after escaping it: still no raw control.
      expect((await h.run(['certs', 'list'])).stdout).not.toMatch(RAW_CONTROL)
      const show = await h.run(['certs', 'show', certificate.id])
      expect(show.stdout).toContain(SHOWN)
      expect(show.stdout).not.toMatch(RAW_CONTROL)

      const missing = await h.run(['certs', 'show', HOSTILE])
      expect(missing.code).not.toBe(0)
      expect(missing.stderr).not.toMatch(RAW_CONTROL)
      expect(missing.stderr).toContain('\\x1b]0;pwned')
    } finally {
      await h.dispose()
    }
  })
})

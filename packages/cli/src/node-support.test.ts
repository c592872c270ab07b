import { describe, expect, it } from 'vitest'
import { unsupportedNodeMessage } from './node-support.js'

describe('unsupportedNodeMessage', () => {
  it('accepts Node 22.13 and every later version', () => {
    for (const version of ['22.13.0', '22.13.1', '22.20.0', '23.0.0', '24.21.0', '26.1.0']) {
      expect(unsupportedNodeMessage(version)).toBeUndefined()
    }
  })

  it('refuses older versions in one line that names the version needed and how to get it', () => {
    for (const version of ['20.20.2', '20.11.0', '22.12.0', '22.0.0', '18.19.1']) {
      const message = unsupportedNodeMessage(version)
      expect(message).toContain(`this is Node ${version}`)
      expect(message).toContain('needs Node 22.13 or later')
      expect(message).toContain('node@24')
      expect(message).not.toContain('\n')
    }
  })
})

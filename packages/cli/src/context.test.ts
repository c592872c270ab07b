import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirOf } from './context.js'
import type { CliIo } from './io.js'

const ioWith = (env: Record<string, string>): CliIo => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  stdin: process.stdin,
  env,
  stdoutIsTty: false,
})

describe('dataDirOf', () => {
  it("follows the run's own environment, HOME included, not the process's", async () => {
    expect(await dataDirOf(ioWith({ HOME: '/home/run' }), undefined)).toBe('/home/run/.local/share/certdeck')
    expect(await dataDirOf(ioWith({ HOME: '/home/run', XDG_DATA_HOME: '' }), undefined)).toBe(
      '/home/run/.local/share/certdeck',
    )
    expect(await dataDirOf(ioWith({ HOME: '/home/run', XDG_DATA_HOME: '/xdg' }), undefined)).toBe('/xdg/certdeck')
    expect(await dataDirOf(ioWith({ HOME: '/home/run', CERTDECK_HOME: '/deck' }), undefined)).toBe('/deck')
  })

  it('prefers --data-dir, made absolute', async () => {
    expect(await dataDirOf(ioWith({ CERTDECK_HOME: '/deck' }), 'rel/dir')).toBe(resolve('rel/dir'))
  })
})

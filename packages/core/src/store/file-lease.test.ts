import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tryAcquireFileLease } from './file-lease.js'

describe('file leases', () => {
  let dir: string
  let file: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'certdeck-lease-'))
    file = join(dir, 'certdeck.json')
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('grants a name to one holder at a time and frees it on release', async () => {
    const first = await tryAcquireFileLease(file, 'watch')
    expect(first?.holder).toContain(`pid ${process.pid}`)
    expect(await tryAcquireFileLease(file, 'watch')).toBeUndefined()
    expect(await tryAcquireFileLease(file, 'other')).toBeDefined()
    await first?.release()
    await first?.release()
    const second = await tryAcquireFileLease(file, 'watch')
    expect(second).toBeDefined()
    await second?.release()
  })

  it('takes over the lease of a process that no longer runs', async () => {
    const child = spawn(process.execPath, ['-e', ''])
    const pid = child.pid as number
    await new Promise((resolve) => child.on('exit', resolve))
    const leaseDir = `${file}.lease-watch`
    await import('node:fs/promises').then((fs) => fs.mkdir(leaseDir))
    await writeFile(
      join(leaseDir, 'owner.json'),
      JSON.stringify({ pid, host: hostname(), token: 'dead', since: new Date().toISOString() }),
    )
    const lease = await tryAcquireFileLease(file, 'watch')
    expect(lease).toBeDefined()
    expect(JSON.parse(await readFile(join(leaseDir, 'owner.json'), 'utf8')).pid).toBe(process.pid)
    await lease?.release()
  })

  it('aborts lost when another process took the lease over', async () => {
    const lease = await tryAcquireFileLease(file, 'watch', { staleMs: 300 })
    const leaseDir = `${file}.lease-watch`
    await writeFile(
      join(leaseDir, 'owner.json'),
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else', since: new Date().toISOString() }),
    )
    await new Promise<void>((resolve, reject) => {
      const bound = setTimeout(() => reject(new Error('lost was not aborted within 5 s')), 5000)
      lease?.lost.addEventListener('abort', () => {
        clearTimeout(bound)
        resolve()
      })
    })
    expect(lease?.lost.aborted).toBe(true)
    await lease?.release()
    // Release leaves the other holder's lease alone.
    expect(JSON.parse(await readFile(join(leaseDir, 'owner.json'), 'utf8')).token).toBe('someone-else')
  })
})

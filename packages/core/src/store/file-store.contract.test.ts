import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { runStoreContract } from '../testing/store-contract.js'
import { FileStore } from './file-store.js'

const dirs: string[] = []
let current = ''

runStoreContract('file store', {
  async create(initial) {
    current = await mkdtemp(join(tmpdir(), 'certdeck-contract-'))
    dirs.push(current)
    return FileStore.create(current, initial)
  },
  reopen: () => FileStore.open(current),
})

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

import { open } from 'node:fs/promises'
import { checkInputSize } from './input-bounds.js'

/**
 * Reads an input file whole, refusing one larger than 1 MiB (`FILE_TOO_LARGE`) from its size,
 * before reading it. Other failures (missing, unreadable) are the file system's errors.
 */
export async function readInputFile(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    checkInputSize(path, (await handle.stat()).size)
    return new Uint8Array(await handle.readFile())
  } finally {
    await handle.close()
  }
}

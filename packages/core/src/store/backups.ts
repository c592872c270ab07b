import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { writeFileAtomic } from './atomic-file.js'

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '')
}

/**
 * Writes a self-contained copy of a document (every string inline, no pack) next to the data
 * file as `<file>.bak-v<version>-<timestamp>`, mode 0600. Copying it over the data file
 * restores it. Returns its path.
 */
export async function writeBackup(dataFile: string, version: number, doc: unknown, now = new Date()): Promise<string> {
  const path = `${dataFile}.bak-v${version}-${stamp(now)}`
  await writeFileAtomic(path, JSON.stringify(doc))
  return path
}

/** The most recently written backup of `dataFile`, if any. */
export async function newestBackup(dataFile: string): Promise<string | undefined> {
  const prefix = `${basename(dataFile)}.bak-`
  const dir = dirname(dataFile)
  let newest: { path: string; mtime: number } | undefined
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const path = join(dir, name)
    const info = await stat(path).catch(() => undefined)
    if (info && (!newest || info.mtimeMs > newest.mtime)) newest = { path, mtime: info.mtimeMs }
  }
  return newest?.path
}

import { writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, resolve } from 'node:path'
import { CertDeckError, type InputFile, isCertDeckError, readInputFile } from '@certdeck/core'

/** An absolute path from what the user typed (`~/` is the home directory). */
export function expandPath(typed: string, cwd = process.cwd()): string {
  const trimmed = typed.trim()
  if (trimmed === '~' || trimmed.startsWith('~/')) return resolve(homedir(), trimmed.slice(2))
  return resolve(cwd, trimmed)
}

/** The paths of a space- or comma-separated list (quotes keep spaces inside one path). */
export function splitPaths(typed: string): string[] {
  const paths: string[] = []
  for (const match of typed.matchAll(/"([^"]+)"|'([^']+)'|([^\s,]+)/g)) paths.push(match[1] ?? match[2] ?? match[3])
  return paths
}

/** Reads each file for import; a missing or unreadable one is an input error naming it. */
export async function readInputFiles(typed: string, cwd?: string): Promise<InputFile[]> {
  const paths = splitPaths(typed)
  if (paths.length === 0) {
    throw new CertDeckError(
      'NO_FILES',
      'No file given. Type the path of a PEM, .crt, .key, .pfx or .p12 file (several: separate them with spaces).',
    )
  }
  return Promise.all(
    paths.map(async (p) => {
      const path = expandPath(p, cwd)
      try {
        return { name: basename(path), data: await readInputFile(path) }
      } catch (error) {
        if (isCertDeckError(error)) throw error
        throw new CertDeckError(
          'FILE_UNREADABLE',
          `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}. Check the path and ` +
            `its permissions.`,
          { cause: error },
        )
      }
    }),
  )
}

/** True when a file needs a passphrase to open: PKCS#12, or a PEM holding an encrypted key. */
export function needsPassphrase(files: readonly InputFile[]): boolean {
  return files.some((f) => {
    if (/\.(p12|pfx)$/i.test(f.name)) return true
    const text = Buffer.from(f.data).toString('latin1')
    return text.includes('ENCRYPTED PRIVATE KEY') || text.includes('Proc-Type: 4,ENCRYPTED')
  })
}

/** Writes `data` to a new file readable by the owner only; an existing file is never replaced. */
export async function writeNewPrivateFile(typed: string, data: Uint8Array | string, cwd?: string): Promise<string> {
  const path = expandPath(typed, cwd)
  try {
    await writeFile(path, data, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST')
      throw new CertDeckError('FILE_EXISTS', `${path} already exists and was left as it is. Choose another file name.`)
    throw new CertDeckError(
      'FILE_UNWRITABLE',
      `Cannot write ${path}: ${code ?? 'error'}. Check that the folder exists and is writable.`,
      { cause: error },
    )
  }
  return path
}

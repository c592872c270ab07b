import { chmod, mkdir, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, resolve } from 'node:path'
import { CertDeckError } from '../errors.js'

/** File name of the repository document inside the data dir. */
export const STORE_FILE = 'certdeck.json'
/** File name of the audit log inside the data dir. */
export const AUDIT_FILE = 'audit.jsonl'
/** File name of the optional settings inside the data dir. */
export const CONFIG_FILE = 'config.json'

/**
 * The data directory of the environment `env`: `$CERTDECK_HOME`, else `$XDG_DATA_HOME/certdeck`,
 * else `$HOME/.local/share/certdeck` (the user's home directory when `HOME` is unset). Empty
 * variables count as unset. Always absolute.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CERTDECK_HOME) return resolve(env.CERTDECK_HOME)
  if (env.XDG_DATA_HOME) return resolve(env.XDG_DATA_HOME, 'certdeck')
  return resolve(env.HOME || homedir(), '.local', 'share', 'certdeck')
}

/**
 * Creates the data dir (and parents) with mode 0700 when missing. With `restrict`, also
 * narrows an existing directory to 0700, since it holds the sealed repository.
 */
export async function ensureDataDir(dir: string, options: { restrict?: boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  if (options.restrict) await chmod(dir, 0o700)
}

/**
 * Refuses a data dir that cannot be one: the path itself, or the first existing path above it,
 * is a file. Missing directories are fine (init creates them). Writes nothing.
 */
export async function assertDataDirUsable(dir: string): Promise<void> {
  for (let path = resolve(dir); ; path = dirname(path)) {
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
      throw error
    })
    if (found?.isDirectory()) return
    if (found) {
      const what =
        path === resolve(dir) ? `The data directory ${path} is` : `${path}, above the data directory ${dir}, is`
      throw new CertDeckError(
        'DATA_DIR_NOT_A_DIRECTORY',
        `${what} a file, not a directory. Point CERTDECK_HOME (or XDG_DATA_HOME) at a directory, ` +
          'or move the file away; CertDeck has written nothing.',
      )
    }
    if (dirname(path) === path) return
  }
}

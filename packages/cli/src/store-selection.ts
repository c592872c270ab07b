import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoreBackend } from '@certdeck/core'
import { loadCore } from './core.js'
import { inputError } from './errors.js'

/** The variable that names a PostgreSQL store; it wins over config.json's `"store"`. */
export const STORE_URL_ENV = 'CERTDECK_STORE_URL'

/**
 * The store URL of a run: `flag` (init's `--store`), else `CERTDECK_STORE_URL`, else config.json's
 * `"store"`; undefined for the data dir's files.
 */
export async function storeUrlOf(env: NodeJS.ProcessEnv, dataDir: string, flag?: string): Promise<string | undefined> {
  const url = flag ?? env[STORE_URL_ENV] ?? (await (await loadCore()).loadConfig(dataDir)).store
  if (url === undefined || url === '') return undefined
  // The driver loads only for a PostgreSQL store: a file repository's commands never pay for it.
  const { isPostgresUrl } = await import('@certdeck/store-postgres')
  if (!isPostgresUrl(url)) {
    throw inputError(
      'STORE_URL_INVALID',
      `The store ${flag !== undefined ? '--store' : STORE_URL_ENV} is not a postgres:// URL. Give ` +
        'postgres://ROLE@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass), or leave it unset to keep the ' +
        'repository in the data directory.',
    )
  }
  return url
}

/** The backend of a run, or undefined for the data dir's files. */
export async function backendOf(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  flag?: string,
): Promise<StoreBackend | undefined> {
  const url = await storeUrlOf(env, dataDir, flag)
  if (url === undefined) return undefined
  const { postgresBackend } = await import('@certdeck/store-postgres')
  return postgresBackend(url, { env })
}

/** Records `url` as config.json's `"store"`, keeping the other settings. */
export async function rememberStore(dataDir: string, url: string): Promise<void> {
  const path = join(dataDir, (await loadCore()).CONFIG_FILE)
  let current: Record<string, unknown> = {}
  try {
    current = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  await writeFile(path, `${JSON.stringify({ ...current, store: url }, null, 2)}\n`, { mode: 0o600 })
}

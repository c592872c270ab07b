import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type CertDeckConfig, DEFAULT_CONFIG } from '../domain/config.js'
import { CertDeckError } from '../errors.js'
import type { NetworkTimeouts } from '../plugins/cloud-provider.js'
import { CONFIG_FILE } from '../store/data-dir.js'

const KEYS = ['plugins', 'regions', 'expiryThresholdsDays', 'timeouts', 'sanQuota', 'store'] as const

function invalid(path: string, problem: string, cause?: unknown): CertDeckError {
  return new CertDeckError(
    'CONFIG_INVALID',
    `${path}: ${problem}. Fix the file (or remove it to use the defaults) and try again.`,
    {
      cause,
    },
  )
}

function stringList(path: string, key: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw invalid(path, `"${key}" must be a list of non-empty strings`)
  }
  return value.map((item: string) => item.trim())
}

/**
 * Reads `config.json` of the data dir, filling in {@link DEFAULT_CONFIG}. A missing file means
 * the defaults; bad JSON or a bad value is a `CONFIG_INVALID` error naming the file.
 */
export async function loadConfig(dataDir: string): Promise<CertDeckConfig> {
  const path = join(dataDir, CONFIG_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CONFIG
    throw error
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw invalid(path, `not valid JSON (${(error as Error).message})`, error)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(path, 'must hold a JSON object')
  const record = raw as Record<string, unknown>
  const unknown = Object.keys(record).filter((key) => !(KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) {
    throw invalid(
      path,
      `unknown setting ${unknown.map((k) => `"${k}"`).join(', ')}; accepted: ${KEYS.map((k) => `"${k}"`).join(', ')}`,
    )
  }
  const config: { -readonly [K in keyof CertDeckConfig]: CertDeckConfig[K] } = { ...DEFAULT_CONFIG }
  if (record.plugins !== undefined) config.plugins = stringList(path, 'plugins', record.plugins)
  if (record.regions !== undefined) config.regions = stringList(path, 'regions', record.regions)
  if (record.expiryThresholdsDays !== undefined) {
    const days = record.expiryThresholdsDays
    if (!Array.isArray(days) || days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 3650)) {
      throw invalid(
        path,
        '"expiryThresholdsDays" must be a non-empty list of whole days from 1 to 3650, e.g. [30, 14, 7, 1]',
      )
    }
    config.expiryThresholdsDays = [...new Set(days as number[])].sort((a, b) => b - a)
  }
  if (record.timeouts !== undefined) config.timeouts = timeouts(path, record.timeouts)
  if (record.sanQuota !== undefined) {
    const quota = record.sanQuota
    if (!Number.isInteger(quota) || (quota as number) < 1 || (quota as number) > 100) {
      throw invalid(path, '"sanQuota" must be a whole number of names from 1 to 100 (AWS\'s default is 10)')
    }
    config.sanQuota = quota as number
  }
  if (record.store !== undefined) {
    if (typeof record.store !== 'string' || !/^postgres(ql)?:\/\//i.test(record.store)) {
      throw invalid(
        path,
        '"store" must be a postgres:// URL without a password, e.g. "postgres://certdeck@db.example.com/certdeck"',
      )
    }
    config.store = record.store
  }
  return config
}

const TIMEOUT_KEYS = ['connectMs', 'requestMs'] as const

function timeouts(path: string, value: unknown): NetworkTimeouts {
  const accepted =
    '"timeouts" must be an object like { "connectMs": 5000, "requestMs": 30000 }, each a whole number of ' +
    'milliseconds from 100 to 600000'
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, accepted)
  const entries = Object.entries(value)
  if (
    entries.some(
      ([key, ms]) =>
        !(TIMEOUT_KEYS as readonly string[]).includes(key) ||
        !Number.isInteger(ms) ||
        (ms as number) < 100 ||
        (ms as number) > 600_000,
    )
  ) {
    throw invalid(path, accepted)
  }
  return Object.fromEntries(entries) as NetworkTimeouts
}

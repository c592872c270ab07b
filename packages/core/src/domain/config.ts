import type { NetworkTimeouts } from '../plugins/cloud-provider.js'

/** `config.json` in the data dir: plain settings a user may edit by hand. Never secret. */
export interface CertDeckConfig {
  /** Third-party plugin packages to load (`certdeck-plugin-*` or `@scope/certdeck-plugin-*`). @default [] */
  readonly plugins: readonly string[]
  /** Regions scanned by discovery when none are given. @default the built-in ACM region list */
  readonly regions?: readonly string[]
  /** Expiry notification thresholds in days, largest first. @default [30, 14, 7, 1] */
  readonly expiryThresholdsDays: readonly number[]
  /**
   * Time-outs of every cloud call, in ms (`{ "connectMs": 5000, "requestMs": 30000 }`); each
   * wins over the plugin's own setting. @default the plugin's defaults
   */
  readonly timeouts?: NetworkTimeouts
  /**
   * Names a requested certificate may hold (the domain plus its SANs), checked before any call:
   * raise it once AWS has raised the account's quota (up to 100). @default 10
   */
  readonly sanQuota?: number
  /**
   * Where the repository is kept when not in the data dir's files: a `postgres://` URL without a
   * password (see docs/team.md). `CERTDECK_STORE_URL` wins over it. @default the data dir's files
   */
  readonly store?: string
}

/** The defaults of {@link CertDeckConfig}. */
export const DEFAULT_CONFIG: CertDeckConfig = {
  plugins: [],
  expiryThresholdsDays: [30, 14, 7, 1],
}

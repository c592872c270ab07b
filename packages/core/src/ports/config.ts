import type { InjectionToken } from 'tsyringe'
import type { CertDeckConfig } from '../domain/config.js'

/** The settings read from `config.json` at open, defaults filled in. Read-only. */
export type Config = CertDeckConfig
export const Config = Symbol('Config') as InjectionToken<Config>

import {
  OPT_OUT_TAG,
  WATCH_TASK_KINDS,
  type RenewSettings,
  type WatchSetting,
  type WatchTaskKind,
} from '../../domain/watch.js'
import type { StoreData } from '../../domain/store-data.js'
import { CertDeckError } from '../../errors.js'
import { parseTagSelector } from '../notifications/index.js'
import { parseSchedule } from './schedule.js'

/** The automation settings in force. */
export interface WatchConfig {
  /** Schedule per task kind. */
  readonly every: Readonly<Record<WatchTaskKind, string>>
  readonly renewBeforeDays: number
  readonly optOutTags: readonly string[]
}

/** Changes to the settings; absent fields stay. */
export interface WatchConfigPatch {
  readonly every?: Partial<Record<WatchTaskKind, string>>
  readonly renewBeforeDays?: number
  readonly optOutTags?: readonly string[]
}

export { OPT_OUT_TAG }

/** The settings without any stored. */
export const DEFAULT_WATCH_CONFIG: WatchConfig = {
  every: { discover: '6h', refresh: '5m', renew: '1h', notify: '1h' },
  renewBeforeDays: 30,
  optOutTags: [OPT_OUT_TAG],
}

/** The settings of the document, defaults filled in. */
export function watchConfigOf(data: Pick<StoreData, 'watchSettings'>): WatchConfig {
  const stored = new Map((data.watchSettings ?? []).map((s) => [s.task, s]))
  const renew: Partial<RenewSettings> = stored.get('renew') ?? {}
  return {
    every: Object.fromEntries(
      WATCH_TASK_KINDS.map((task) => [task, stored.get(task)?.every ?? DEFAULT_WATCH_CONFIG.every[task]]),
    ) as Record<WatchTaskKind, string>,
    renewBeforeDays: renew.renewBeforeDays ?? DEFAULT_WATCH_CONFIG.renewBeforeDays,
    optOutTags: renew.optOutTags ?? DEFAULT_WATCH_CONFIG.optOutTags,
  }
}

/** Checks a patch and returns the stored form of the settings it makes. */
export function applyWatchPatch(current: WatchConfig, patch: WatchConfigPatch): WatchSetting[] {
  for (const [task, every] of Object.entries(patch.every ?? {})) {
    if (every !== undefined) parseSchedule(every, `--${task}-every`)
  }
  const days = patch.renewBeforeDays ?? current.renewBeforeDays
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new CertDeckError(
      'WATCH_CONFIG_INVALID',
      `--renew-before ${JSON.stringify(patch.renewBeforeDays)} is not a whole number of days between 1 and 365 ` +
        `(e.g. 30).`,
    )
  }
  const optOutTags = (patch.optOutTags ?? current.optOutTags).map(parseTagSelector)
  return WATCH_TASK_KINDS.map((task) => ({
    task,
    every: patch.every?.[task] ?? current.every[task],
    ...(task === 'renew' ? { renewBeforeDays: days, optOutTags } : {}),
  }))
}

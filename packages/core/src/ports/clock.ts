import type { InjectionToken } from 'tsyringe'

/** The time source, replaceable in tests. */
export interface Clock {
  now(): Date
}
export const Clock = Symbol('Clock') as InjectionToken<Clock>

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() }

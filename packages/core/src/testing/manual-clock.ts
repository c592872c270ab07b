import type { Clock } from '../ports/clock.js'

/** A {@link Clock} that stands still until a test moves it. */
export class ManualClock implements Clock {
  private current: Date

  constructor(start: Date | string = '2030-01-01T00:00:00.000Z') {
    this.current = new Date(start)
  }

  now(): Date {
    return new Date(this.current)
  }

  /** Moves the clock forward (or back, when negative) by whole days. */
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000)
  }

  /** Sets the clock. */
  set(date: Date | string): void {
    this.current = new Date(date)
  }
}

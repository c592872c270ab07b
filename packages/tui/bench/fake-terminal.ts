import { PassThrough, Writable } from 'node:stream'

/** End of a synchronized update: Ink ends every frame it draws on a terminal with it. */
const FRAME_END = '\u001B[?2026l'

/** A terminal's output side without a terminal: records every frame Ink draws and when. */
export class FakeTerminalOutput extends Writable {
  readonly isTTY = true
  columns: number
  rows: number
  /** Frames completed so far. */
  frames = 0
  /** `performance.now()` at the end of each frame. */
  readonly frameTimes: number[] = []
  /** Text of the last frame (all output since the previous frame end). */
  lastFrame = ''
  private current = ''
  private waiters: (() => void)[] = []

  constructor(columns: number, rows: number) {
    super()
    this.columns = columns
    this.rows = rows
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString()
    this.current += text
    if (text.includes(FRAME_END)) {
      this.frames += 1
      this.frameTimes.push(performance.now())
      this.lastFrame = this.current
      this.current = ''
      for (const wake of this.waiters.splice(0)) wake()
    }
    done()
  }

  /** Resolves at the next completed frame, or with false after `timeoutMs`. */
  nextFrame(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs)
      this.waiters.push(() => {
        clearTimeout(timer)
        resolve(true)
      })
    })
  }
}

/** A terminal's input side: keys written to it reach Ink as typed keys. */
export class FakeTerminalInput extends PassThrough {
  readonly isTTY = true
  setRawMode(): this {
    return this
  }
  ref(): this {
    return this
  }
  unref(): this {
    return this
  }
}

/** Switches to the alternate screen buffer (the shell's screen comes back on exit). */
export const ALT_SCREEN_ON = '\u001B[?1049h'
/** Leaves the alternate screen buffer. */
export const ALT_SCREEN_OFF = '\u001B[?1049l'
/** Shows the cursor. */
export const CURSOR_SHOW = '\u001B[?25h'
const CLEAR_HOME = '\u001B[2J\u001B[H'

/** The full-screen session of a terminal; {@link FullScreen.restore} may be called any number of times. */
export interface FullScreen {
  /** Shows the cursor and leaves the alternate screen, once; later calls do nothing. */
  restore(): void
  readonly restored: boolean
}

/** Enters the alternate screen buffer on `stdout` and returns the one way back. */
export function enterFullScreen(stdout: NodeJS.WriteStream): FullScreen {
  stdout.write(ALT_SCREEN_ON + CLEAR_HOME)
  let restored = false
  return {
    restore() {
      if (restored) return
      restored = true
      // Synchronous on a TTY, so this also works from 'exit' handlers and fatal paths.
      stdout.write(CURSOR_SHOW + ALT_SCREEN_OFF)
    },
    get restored() {
      return restored
    },
  }
}

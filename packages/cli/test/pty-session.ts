import { spawn as spawnPty, type IPty } from '@lydell/node-pty'
import { BIN } from './cli-harness.js'

/** The bin running in a real pseudo-terminal, so stdin and stdout are TTYs. */
export class PtySession {
  private output = ''
  private readonly exited: Promise<number>
  private readonly pty: IPty

  constructor(args: readonly string[], env: Record<string, string>, cwd: string) {
    this.pty = spawnPty(process.execPath, [BIN, ...args], { name: 'xterm', cols: 120, rows: 30, cwd, env })
    this.pty.onData((data) => (this.output += data))
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)))
  }

  /** The bin's process id (an exec keeps it). */
  get pid(): number {
    return this.pty.pid
  }

  /** Everything the terminal has shown so far. */
  get screen(): string {
    return this.output
  }

  /** Resolves once `text` has appeared; rejects if the process exits first. */
  async waitFor(text: string): Promise<void> {
    let done = false
    const exit = this.exited.then(() => {
      if (!done && !this.output.includes(text))
        throw new Error(`exited before showing ${JSON.stringify(text)}:\n${this.output}`)
    })
    const shown = new Promise<void>((resolve) => {
      const check = () => {
        if (this.output.includes(text)) return resolve()
        const listener = this.pty.onData(() => {
          if (this.output.includes(text)) {
            listener.dispose()
            resolve()
          }
        })
      }
      check()
    })
    await Promise.race([shown, exit])
    done = true
  }

  /** Types `text` as keystrokes. */
  type(text: string): void {
    this.pty.write(text)
  }

  /** The exit code. */
  exit(): Promise<number> {
    return this.exited
  }
}

import { spawn, type IPty } from '@lydell/node-pty'

const CSI = /^\u001B\[([?>=]?)([\d;]*)([ -/]*)([@-~])/
const OTHER_ESCAPE = /^\u001B(?:\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][\dA-Za-z]|[=>78c]|P[^\u001B]*\u001B\\)/

/**
 * Just enough of a terminal to read what Ink draws: printable text, CR/LF, cursor moves
 * (CSI A/B/C/D/G/H), erase in line/display (CSI K/J), the alternate screen switch; colours and
 * other modes are ignored. Each cell holds one code point (the TUI draws no wide characters).
 */
export class Screen {
  private grid: string[][]
  private row = 0
  private col = 0
  /** The start of an escape sequence cut off at the end of the last write. */
  private pending = ''

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.grid = this.blank()
  }

  /** Feeds terminal output. */
  write(chunk: string): void {
    const data = this.pending + chunk
    this.pending = ''
    let i = 0
    while (i < data.length) {
      const ch = data[i]
      if (ch === '\u001B') {
        const rest = data.slice(i, i + 64)
        if (/^\u001B(\[[\d;?>=]*[ -/]*)?$/.test(rest)) {
          this.pending = rest
          return
        }
        const csi = CSI.exec(rest)
        if (csi) {
          this.control(csi[1], csi[2], csi[4])
          i += csi[0].length
          continue
        }
        const other = OTHER_ESCAPE.exec(rest)
        i += other ? other[0].length : 1
        continue
      }
      i += ch.length
      if (ch === '\r') this.col = 0
      else if (ch === '\n') this.lineFeed()
      else if (ch === '\b') this.col = Math.max(0, this.col - 1)
      else if (ch >= ' ') this.put(ch)
    }
  }

  /** The screen as lines, right-trimmed. */
  lines(): string[] {
    return this.grid.map((line) => line.join('').trimEnd())
  }

  /** The screen as one string. */
  text(): string {
    return this.lines().join('\n')
  }

  private blank(): string[][] {
    return Array.from({ length: this.rows }, () => Array<string>(this.columns).fill(' '))
  }

  private put(ch: string): void {
    if (this.col >= this.columns) {
      this.col = 0
      this.lineFeed()
    }
    this.grid[this.row][this.col] = ch
    this.col += 1
  }

  private lineFeed(): void {
    if (this.row < this.rows - 1) this.row += 1
    else {
      this.grid.shift()
      this.grid.push(Array<string>(this.columns).fill(' '))
    }
  }

  private control(prefix: string, params: string, final: string): void {
    const n = params.split(';').map((p) => (p === '' ? undefined : Number(p)))
    const count = n[0] ?? 1
    if (prefix === '?') {
      if (params === '1049' && (final === 'h' || final === 'l')) {
        this.grid = this.blank()
        this.row = 0
        this.col = 0
      }
      return
    }
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - count)
        break
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + count)
        break
      case 'C':
        this.col = Math.min(this.columns - 1, this.col + count)
        break
      case 'D':
        this.col = Math.max(0, this.col - count)
        break
      case 'G':
        this.col = Math.min(this.columns - 1, (n[0] ?? 1) - 1)
        break
      case 'H':
      case 'f':
        this.row = Math.min(this.rows - 1, (n[0] ?? 1) - 1)
        this.col = Math.min(this.columns - 1, (n[1] ?? 1) - 1)
        break
      case 'K': {
        const mode = n[0] ?? 0
        const line = this.grid[this.row]
        for (let c = 0; c < this.columns; c++) {
          if (mode === 2 || (mode === 0 && c >= this.col) || (mode === 1 && c <= this.col)) line[c] = ' '
        }
        break
      }
      case 'J': {
        const mode = n[0] ?? 0
        if (mode === 2 || mode === 3) this.grid = this.blank()
        else if (mode === 0) {
          this.control('', '0', 'K')
          for (let r = this.row + 1; r < this.rows; r++) this.grid[r].fill(' ')
        }
        break
      }
      default:
        break
    }
  }
}

/** A program in a real pseudo-terminal, with a parsed screen and bounded waits. */
export class PtyApp {
  readonly screen: Screen
  /** Every byte written to the terminal, as received. */
  raw = ''
  private readonly pty: IPty
  private exitCode: number | undefined
  private readonly exited: Promise<number>

  constructor(
    file: string,
    args: readonly string[],
    options: { cols: number; rows: number; cwd: string; env: Record<string, string> },
  ) {
    this.screen = new Screen(options.cols, options.rows)
    this.pty = spawn(file, [...args], {
      name: 'xterm-256color',
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: options.env,
    })
    this.pty.onData((data) => {
      this.raw += data
      this.screen.write(data)
    })
    this.exited = new Promise((resolve) =>
      this.pty.onExit(({ exitCode }) => {
        this.exitCode = exitCode
        resolve(exitCode)
      }),
    )
  }

  /** Sends keys (see SEQ) exactly as a terminal would. */
  press(...keys: string[]): void {
    for (const key of keys) this.pty.write(key)
  }

  /**
   * Waits until the screen shows `expected` (white space folded) or the predicate holds; fails
   * after `timeoutMs` with the screen, or at once if the program exits.
   */
  async waitFor(expected: string | RegExp | ((screen: string) => boolean), timeoutMs = 10_000): Promise<void> {
    const test =
      typeof expected === 'function'
        ? expected
        : expected instanceof RegExp
          ? (s: string) => expected.test(s)
          : (s: string) => s.replace(/\s+/g, ' ').includes(expected)
    const deadline = Date.now() + timeoutMs
    while (!test(this.screen.text())) {
      if (this.exitCode !== undefined)
        throw new Error(`exited (${this.exitCode}) before showing ${String(expected)}:\n${this.screen.text()}`)
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(expected)}; screen:\n${this.screen.text()}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  /** The exit code, waiting at most `timeoutMs`. */
  async exit(timeoutMs = 10_000): Promise<number> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`still running after ${timeoutMs} ms; screen:\n${this.screen.text()}`)),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([this.exited, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Sends a signal to the program. */
  signal(name: NodeJS.Signals): void {
    process.kill(this.pty.pid, name)
  }

  /** Ends the program if it still runs. */
  kill(): void {
    if (this.exitCode === undefined) this.pty.kill()
  }
}

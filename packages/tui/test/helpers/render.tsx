import { render as inkRender } from 'ink-testing-library'
import type { ReactElement } from 'react'
import { App, type AppProps } from '../../src/index.js'
import { keyEventsReceived, whenKeysIdle } from '../../src/hooks/key-router.js'
import { SEQ } from '../../src/keys.js'
import { NOW } from './certificates.js'

/** The terminal size every component test uses unless it says otherwise. */
export const COLUMNS = 100
export const ROWS = 30

/** A rendered TUI and the means to drive it. */
export interface Rendered {
  /** The last frame, as the terminal would show it (no colour: the test stdout is not a TTY). */
  frame(): string
  /** The last frame's lines, right-trimmed. */
  lines(): string[]
  /** Writes each key sequence (see SEQ) in turn, letting the app settle after each. */
  press(...keys: string[]): Promise<void>
  /** Types `text` one character at a time. */
  type(text: string): Promise<void>
  /**
   * Waits until the frame contains `text` (white space folded), matches the pattern or the
   * predicate holds; fails after `timeoutMs` with the frame.
   */
  waitFor(text: string | RegExp | ((frame: string) => boolean), timeoutMs?: number): Promise<void>
  /** Resizes the terminal and lets the app redraw. */
  resize(columns: number, rows: number): Promise<void>
  unmount(): void
}

const settle = async () => {
  // The app takes each key once the one before is drawn; effects and resolved promises follow.
  for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve))
  await whenKeysIdle()
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve))
}

async function escapeDelivered(before: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (keyEventsReceived() === before) {
    if (Date.now() > deadline) throw new Error(`Esc was not delivered to the app within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

/**
 * Renders `element` in ink-testing-library with a fixed terminal size (the library's stdout is
 * 100 columns with no rows; the size is set on it and announced with a resize, as a terminal does).
 */
export async function renderTui(element: ReactElement, size = { columns: COLUMNS, rows: ROWS }): Promise<Rendered> {
  const instance = inkRender(element)
  const { stdout, stdin } = instance
  const setSize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true })
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true })
    stdout.emit('resize')
  }
  setSize(size.columns, size.rows)
  await settle()
  const frame = () => instance.lastFrame() ?? ''
  return {
    frame,
    lines: () =>
      frame()
        .split('\n')
        .map((line) => line.trimEnd()),
    async press(...keys) {
      for (const key of keys) {
        const before = keyEventsReceived()
        stdin.write(key)
        // Ink holds a lone Esc on a short timer (to tell it from the start of an escape sequence);
        // a key written before it fires would make the two one Alt+key. Wait for it, with a bound.
        if (key === SEQ.escape) await escapeDelivered(before)
        await settle()
      }
    },
    async type(text) {
      for (const char of text) {
        stdin.write(char)
        await settle()
      }
    },
    async waitFor(expected, timeoutMs = 10_000) {
      // Text is compared with runs of white space (and line breaks of wrapped messages) folded.
      const ok =
        typeof expected === 'string'
          ? (f: string) => f.replace(/\s+/g, ' ').includes(expected)
          : expected instanceof RegExp
            ? (f: string) => expected.test(f)
            : expected
      const deadline = Date.now() + timeoutMs
      while (!ok(frame())) {
        if (Date.now() > deadline) {
          const wanted =
            typeof expected === 'string'
              ? JSON.stringify(expected)
              : expected instanceof RegExp
                ? String(expected)
                : 'a frame'
          throw new Error(`Timed out waiting for ${wanted}; last frame:\n${frame()}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      // The frame can show before React's effects re-attach key listeners: let them run too.
      await settle()
    },
    async resize(columns, rows) {
      setSize(columns, rows)
      await settle()
    },
    unmount: () => instance.unmount(),
  }
}

/** Renders the whole App with the test clock, waiting for the first data to show. */
export async function renderApp(props: AppProps, size?: { columns: number; rows: number }): Promise<Rendered> {
  const rendered = await renderTui(<App now={() => NOW} {...props} />, size)
  return rendered
}

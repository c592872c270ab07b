import { useInput, useStdin, type Key } from 'ink'
import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react'

/** A key handler as last rendered. */
interface Listener {
  handler: (input: string, key: Key) => void
  active: boolean
  /** A focused text field: while one is active, listeners that yield to text are skipped. */
  captures: boolean
  yieldsToText: boolean
}

/**
 * Hands every key to the listeners that are active, in the order they mounted. One Ink input
 * listener serves the whole app, and listeners join and leave in layout effects, so a field
 * that appears because of one key already receives the next, even within the same chunk.
 */
export class KeyRouter {
  private readonly listeners = new Set<{ current: Listener }>()
  /** Keys not delivered yet: each waits until React has drawn the effect of the one before. */
  private readonly queue: { input: string; key: Key }[] = []
  private fallback: NodeJS.Timeout | undefined
  private scheduled = false
  /** A key was delivered and its commit has not been seen yet. */
  private busy = false

  add(listener: { current: Listener }): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /**
   * Takes one key event from Ink. Each key waits until React has committed the effect of the one
   * before (or a short while, when that key changed nothing), so keys that arrive together —
   * typed faster than the screen redraws, or several characters in one event — act as if typed
   * slowly: `/abc` opens the filter and then types into it. While a text field has the keyboard,
   * a run of characters goes to it whole (a paste).
   */
  dispatch(input: string, key: Key): void {
    keyEvents += 1
    const split = input.length > 1 && isPlain(key) && !input.startsWith('\u001B')
    this.queue.push(...(split ? [...input].map((c) => ({ input: c, key: plainKey(c) })) : [{ input, key }]))
    if (!this.busy) this.next()
  }

  /** Called after each commit of a listening component: the screen now matches the last key. */
  committed(): void {
    if (!this.busy || this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      this.next()
    })
  }

  private next(): void {
    clearTimeout(this.fallback)
    const event = this.queue.shift()
    this.busy = event !== undefined
    if (!event) return
    if (this.typing() && isPrintable(event.input)) {
      for (let next = this.queue[0]; next && isPrintable(next.input); next = this.queue[0]) {
        this.queue.shift()
        event.input += next.input
      }
    }
    this.deliver(event.input, event.key)
    // Normally the next commit lets the next key through; a key that changed nothing commits
    // nothing, so a timer does — through setImmediate, which runs after a render React has
    // already queued for this turn of the event loop.
    this.fallback = setTimeout(() => setImmediate(() => this.next()), FALLBACK_MS)
  }

  /** True when every key received has been delivered and drawn. */
  get idle(): boolean {
    return !this.busy && this.queue.length === 0
  }

  private typing(): boolean {
    return [...this.listeners].some((l) => l.current.active && l.current.captures)
  }

  private deliver(input: string, key: Key): void {
    const all = [...this.listeners].map((l) => l.current)
    const typing = all.some((l) => l.active && l.captures)
    for (const l of all) {
      if (l.active && !(typing && l.yieldsToText)) l.handler(input, key)
    }
  }
}

/** How long the next key waits for a commit that may never come (a key that did nothing). */
const FALLBACK_MS = 10

const routers = new Set<KeyRouter>()
let keyEvents = 0

/**
 * How many key events Ink has handed to the mounted apps so far (tests, benchmarks): Ink holds a
 * lone Esc for a few milliseconds, in case an escape sequence follows, before it delivers it.
 */
export function keyEventsReceived(): number {
  return keyEvents
}

/** Resolves once every mounted app has delivered and drawn every key it received (tests, benchmarks). */
export async function whenKeysIdle(): Promise<void> {
  while ([...routers].some((r) => !r.idle)) await new Promise((resolve) => setTimeout(resolve, 1))
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
}

function isPrintable(input: string): boolean {
  // eslint-disable-next-line no-control-regex
  return input.length > 0 && !/[\u0000-\u001F\u007F]/.test(input)
}

function isPlain(key: Key): boolean {
  return !Object.entries(key).some(([name, on]) => on === true && name !== 'shift')
}

/** The key flags Ink would give `text` typed on its own. */
function plainKey(text: string): Key {
  if (text === '\r' || text === '\n') return { ...NO_KEY, return: true }
  if (text === '\t') return { ...NO_KEY, tab: true }
  if (text === '\u007F' || text === '\b') return { ...NO_KEY, backspace: true }
  return { ...NO_KEY, shift: text.length === 1 && /[A-Z]/.test(text) }
}

const KeyRouterContext = createContext<KeyRouter | undefined>(undefined)

/** Provides the key router; its single Ink listener is on only when raw mode is possible. */
export function KeyRouterProvider({ children }: { readonly children?: ReactNode }) {
  const router = useMemo(() => new KeyRouter(), [])
  const { isRawModeSupported } = useStdin()
  useLayoutEffect(() => {
    routers.add(router)
    return () => {
      routers.delete(router)
    }
  }, [router])
  useInput((input, key) => router.dispatch(input, key), { isActive: isRawModeSupported === true })
  return <KeyRouterContext.Provider value={router}>{children}</KeyRouterContext.Provider>
}

/** Options of {@link useKeys}. */
export interface UseKeysOptions {
  /** This listener is a focused text field: keys are text while it is active. @default false */
  readonly captures?: boolean
  /** Skip this listener while a text field is focused (global shortcuts). @default false */
  readonly yieldsToText?: boolean
}

/**
 * Calls `handler` for each key while `active`. The handler and flags of the latest render are
 * used, so a key never meets a stale closure or a layer that has just closed.
 */
export function useKeys(
  handler: (input: string, key: Key) => void,
  active: boolean,
  options: UseKeysOptions = {},
): void {
  const router = useContext(KeyRouterContext)
  if (!router) throw new Error('useKeys() outside <KeyRouterProvider>')
  const listener = useRef<Listener>({ handler, active, captures: false, yieldsToText: false })
  listener.current = {
    handler,
    active,
    captures: options.captures === true,
    yieldsToText: options.yieldsToText === true,
  }
  useLayoutEffect(() => router.add(listener), [router])
  useLayoutEffect(() => router.committed())
}

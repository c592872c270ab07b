import type { WatchApi } from '@certdeck/core'
import { InvalidArgumentError } from 'commander'
import type { CommandContext } from '../context.js'

/** The watch API of the opened deck. */
export async function watchOf(ctx: CommandContext): Promise<WatchApi> {
  const deck = await ctx.openDeck()
  if (!deck.watch) throw new Error('this CertDeck build has no scheduler')
  return deck.watch
}

/** Splits `host:port` (`[::1]:9464` for IPv6); a usage error otherwise. */
export function parseListenAddress(text: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text)
  const port = Number(match?.[2])
  if (!match || port > 65_535) {
    throw new InvalidArgumentError(`'${text}' is not HOST:PORT. Give e.g. 127.0.0.1:9464 (loopback) or [::1]:9464.`)
  }
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port }
}

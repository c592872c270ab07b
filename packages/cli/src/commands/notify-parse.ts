import { type NotificationsApi, type RulesPatch, parseEventKinds, parseThresholds } from '@certdeck/core'
import { InvalidArgumentError } from 'commander'
import type { CommandContext } from '../context.js'

/** The notifications API of the opened deck. */
export async function notificationsOf(ctx: CommandContext): Promise<NotificationsApi> {
  const deck = await ctx.openDeck()
  if (!deck.notifications) throw new Error('this CertDeck build has no notifications')
  return deck.notifications
}

/** Parses a threshold list for commander (exit 2 with the reason). */
export function thresholdList(text: string): number[] {
  try {
    return parseThresholds(text)
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message)
  }
}

/** Parses a comma-separated event list for commander. */
export function eventList(text: string): RulesPatch['events'] {
  try {
    return parseEventKinds(
      text
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    )
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message)
  }
}

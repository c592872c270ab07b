import type { NotificationsApi, RulesPatch } from '@certdeck/core'
import { loadCore } from '../core.js'
import type { CommandContext } from '../context.js'

/** The notifications API of the opened deck. */
export async function notificationsOf(ctx: CommandContext): Promise<NotificationsApi> {
  const deck = await ctx.openDeck()
  if (!deck.notifications) throw new Error('this CertDeck build has no notifications')
  return deck.notifications
}

/**
 * Parses a threshold list (core's rule, loaded with core when the command runs: a usage error,
 * exit 2, before anything is written).
 */
export async function thresholdList(text: string): Promise<number[]> {
  return (await loadCore()).parseThresholds(text)
}

/** Parses a comma-separated event list (core's rule, as {@link thresholdList}). */
export async function eventList(text: string): Promise<RulesPatch['events']> {
  return (await loadCore()).parseEventKinds(
    text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
}

import { useEffect, useState } from 'react'
import { useDeck } from '../context.js'
import { errorText } from '../format.js'

/** What {@link useUsage} knows of the resources using some ACM certificates. */
export interface UsageState {
  /** True while ACM is being asked. */
  readonly loading: boolean
  /** The resource ARNs, de-duplicated: ACM's answer, else what the last details pass read. */
  readonly inUseBy: readonly string[]
  /** True when the ARNs come from ACM just now (not from the last details pass). */
  readonly fresh: boolean
  /** Why ACM could not be asked, when it could not. */
  readonly error?: string
}

/**
 * Asks ACM what uses each of `arns` right now (as the CLI's revoke does), falling back to `known`
 * (the last details pass) when the deck cannot ask or ACM does not answer. Nothing is asked for no
 * ARN. `arns` is compared by value, so a new array of the same ARNs asks nothing again.
 */
export function useUsage(arns: readonly string[], known: readonly string[] = []): UsageState {
  const deck = useDeck()
  const key = arns.join('\n')
  const [state, setState] = useState<UsageState>(() => ({
    loading: arns.length > 0 && deck.cloud.usage !== undefined,
    inUseBy: [...new Set(known)],
    fresh: false,
  }))
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ARNs' value (key) is the dependency.
  useEffect(() => {
    const usage = deck.cloud.usage?.bind(deck.cloud)
    if (!usage || arns.length === 0) return
    const controller = new AbortController()
    Promise.all(arns.map((arn) => usage(arn, { signal: controller.signal }))).then(
      (answers) => {
        if (controller.signal.aborted) return
        setState({ loading: false, inUseBy: [...new Set(answers.flatMap((a) => a.inUseBy))], fresh: true })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({ loading: false, inUseBy: [...new Set(known)], fresh: false, error: errorText(error) })
      },
    )
    return () => controller.abort()
  }, [deck, key])
  return state
}

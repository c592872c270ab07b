import type {
  AuditEvent,
  CertDeck,
  Certificate,
  CertificateRequest,
  CloudCertificate,
  Credential,
  Deployment,
  DnsProviderConfig,
} from '@certdeck/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { type AutomationRow, automationRows } from '../views/automation-rows.js'
import { useStoreChanges } from './use-store-changes.js'

/** Everything the tabs list, as last read from the facade. */
export interface DeckData {
  readonly certificates: readonly Certificate[]
  readonly cloud: readonly CloudCertificate[]
  readonly deployments: readonly Deployment[]
  readonly credentials: readonly Credential[]
  readonly audit: readonly AuditEvent[]
  readonly requests: readonly CertificateRequest[]
  readonly dnsProviders: readonly DnsProviderConfig[]
  /** Channels, rules, watch tasks and recent notifications (empty without the automation services). */
  readonly automation: readonly AutomationRow[]
}

/** No data yet. */
export const EMPTY_DATA: DeckData = {
  certificates: [],
  cloud: [],
  deployments: [],
  credentials: [],
  audit: [],
  requests: [],
  dnsProviders: [],
  automation: [],
}

/** The state of {@link useDeckData}. */
export interface DeckDataState {
  readonly data: DeckData
  /** True until the first load finished. */
  readonly loading: boolean
  /** Starts a reload; the previous data stays on screen meanwhile. */
  refresh(): void
}

type Loader<K extends keyof DeckData> = (deck: CertDeck) => Promise<DeckData[K]>

const LOADERS: { readonly [K in keyof DeckData]: Loader<K> } = {
  // Revoked entries too: the Certificates tab hides them until `v` shows them.
  certificates: (deck) => deck.certificates.list({ includeRevoked: true }),
  cloud: (deck) => deck.cloud.list(),
  deployments: (deck) => deck.deployments.list(),
  credentials: (deck) => deck.credentials.list(),
  audit: (deck) => deck.auditEvents(),
  requests: async (deck) => (deck.requests ? deck.requests.list() : []),
  dnsProviders: async (deck) => (deck.dns ? deck.dns.providers() : []),
  automation: (deck) => automationRows(deck),
}

/**
 * Reads every list from the facade, in parallel. A list that fails to load keeps its previous
 * value and its error goes to `onError`; the others still show.
 */
export function useDeckData(
  deck: CertDeck,
  onError: (error: unknown) => void,
  onReconnected?: () => void,
): DeckDataState {
  const [data, setData] = useState<DeckData>(EMPTY_DATA)
  const [loading, setLoading] = useState(true)
  const [generation, setGeneration] = useState(0)
  const onErrorRef = useRef(onError)
  onErrorRef.current = onError

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger
  useEffect(() => {
    let cancelled = false
    const keys = Object.keys(LOADERS) as (keyof DeckData)[]
    void Promise.allSettled(keys.map((k) => (LOADERS[k] as Loader<typeof k>)(deck))).then((results) => {
      if (cancelled) return
      const next: Record<string, unknown> = {}
      let firstError: unknown
      results.forEach((result, i) => {
        // A copy: a facade may hand out its live arrays, and memos here key on identity.
        if (result.status === 'fulfilled') next[keys[i]] = [...result.value]
        else firstError ??= result.reason
      })
      setData((previous) => ({ ...previous, ...next }))
      setLoading(false)
      if (firstError !== undefined) onErrorRef.current(firstError)
    })
    return () => {
      cancelled = true
    }
  }, [deck, generation])

  const refresh = useCallback(() => setGeneration((g) => g + 1), [])
  const report = useCallback((error: unknown) => onErrorRef.current(error), [])
  const onReconnectedRef = useRef(onReconnected)
  onReconnectedRef.current = onReconnected
  const reconnected = useCallback(() => onReconnectedRef.current?.(), [])
  useStoreChanges(deck, refresh, report, reconnected)
  return { data, loading, refresh }
}

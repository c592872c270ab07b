/** A configured instance of a DNS provider plugin. */
export interface DnsProviderConfig {
  readonly id: string
  /** The plugin's DNS provider id, e.g. `route53`. */
  readonly providerId: string
  readonly name: string
  /** Provider-specific, non-secret settings (e.g. a pinned hosted zone id). */
  readonly settings: Readonly<Record<string, string>>
  /** The credential the provider uses, when it needs one. */
  readonly credentialId?: string
}

import type { AddDnsProviderOptions } from './api.js'
import { CertDeckError } from '../../errors.js'
import type { DnsProviderType } from '../../plugins/dns-provider.js'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/

/** The setting core itself reads for every type: a pinned zone id wins over zone detection. */
export const ZONE_ID_SETTING = 'zoneId'

/** The known types, for messages. */
export function typeList(types: readonly DnsProviderType[]): string {
  return types.length ? types.map((t) => t.id).join(', ') : 'none (no DNS provider plugin is loaded)'
}

/** The type of `id`; `DNS_TYPE_UNKNOWN` naming the loaded types. */
export function knownType(types: readonly DnsProviderType[], id: string): DnsProviderType {
  const type = types.find((t) => t.id === id)
  if (type) return type
  throw new CertDeckError(
    'DNS_TYPE_UNKNOWN',
    `"${id}" is not a DNS provider type of the loaded plugins. Loaded types: ${typeList(types)}. ` +
      'Load the plugin that offers it (config.json "plugins"), or pick a loaded type.',
  )
}

/**
 * Checks a new provider's name, credential and settings against its type; throws an `input`
 * error naming the bad value and what is accepted.
 */
export function checkDnsOptions(options: AddDnsProviderOptions, type: DnsProviderType): void {
  if (!NAME.test(options.name ?? '')) {
    throw new CertDeckError(
      'DNS_PROVIDER_NAME',
      `"${options.name ?? ''}" is not a usable DNS provider name. Use 1–63 letters, digits, '.', '_' or ` +
        `'-', starting with a letter or digit.`,
    )
  }
  if (type.credential === 'required' && !options.credential) {
    throw new CertDeckError(
      'DNS_CREDENTIAL_MISSING',
      `A ${type.id} DNS provider needs a credential: add --credential NAME (see certdeck credentials list).`,
    )
  }
  if (type.credential === 'none' && options.credential) {
    throw new CertDeckError(
      'DNS_CREDENTIAL_UNUSED',
      `A ${type.id} DNS provider uses no credential; leave out --credential.`,
    )
  }
  const settings = options.settings ?? {}
  const accepted = [
    ...type.settings.map((s) => s.key),
    ...(type.settings.some((s) => s.key === ZONE_ID_SETTING) ? [] : [ZONE_ID_SETTING]),
  ]
  const unknown = Object.keys(settings).filter((key) => !accepted.includes(key))
  if (unknown.length) {
    throw new CertDeckError(
      'DNS_SETTING_UNKNOWN',
      `A ${type.id} DNS provider has no setting ${unknown.join(', ')}. Accepted: ${accepted.join(', ')}.`,
    )
  }
  const empty = Object.entries(settings)
    .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    .map(([key]) => key)
  if (empty.length) {
    throw new CertDeckError(
      'DNS_SETTING_EMPTY',
      `The setting ${empty.join(', ')} is empty. Give a value (key=value) or leave the setting out.`,
    )
  }
  const missing = type.settings.filter((s) => s.required && settings[s.key] === undefined)
  if (missing.length) {
    throw new CertDeckError(
      'DNS_SETTING_MISSING',
      `A ${type.id} DNS provider needs ${missing.map((s) => `${s.key} (${s.description})`).join(', ')}.`,
    )
  }
}

import type { DnsProviderType } from '@certdeck/core'

/** The DNS provider types of the fake: a Route 53 like one and a hook one. */
export const FAKE_DNS_TYPES: DnsProviderType[] = [
  {
    id: 'route53',
    label: 'Amazon Route 53',
    credential: 'required',
    settings: [{ key: 'zoneId', description: 'Pin one hosted zone id (else zones are found by name)' }],
    create: () => {
      throw new Error('the fake type builds no provider')
    },
  },
  {
    id: 'hook',
    label: 'Scripts (hook)',
    credential: 'none',
    settings: [
      { key: 'addScript', description: 'Script that adds a record', required: true },
      { key: 'removeScript', description: 'Script that removes a record', required: true },
    ],
    create: () => {
      throw new Error('the fake type builds no provider')
    },
  },
]

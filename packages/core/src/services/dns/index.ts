/**
 * DNS: configured DNS providers, zone detection and writing validation records.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type { AddDnsProviderOptions, ChallengeEvent, DnsApi } from './api.js'
export { DnsService } from './dns-service.js'

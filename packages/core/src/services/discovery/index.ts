/**
 * Discovery: the cloud inventory (ListCertificates per region), the background import of bodies, drift
 * and renewals made outside CertDeck.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type {
  CloudApi,
  DiscoverOptions,
  DiscoveryEvent,
  DiscoverySummary,
  ImportBodiesOptions,
  ImportBodiesSummary,
} from './api.js'
export { accountOfArn } from './discovery-merge.js'
export { DiscoveryService } from './discovery-service.js'

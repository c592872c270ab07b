export { createRoute53Service } from './route53-service.js'
export { createRoute53Bridge, seedHostedZones } from './route53-bridge.js'
export type { SeedHostedZone } from './route53-bridge.js'
export { Route53State, ROUTE53_STATE_KEY } from './route53-state.js'
export type {
  AliasData,
  ChangeData,
  RecordData,
  Route53AccountData,
  Route53StateData,
  VpcData,
  ZoneData,
} from './route53-state.js'
export { canonicalName } from './names.js'

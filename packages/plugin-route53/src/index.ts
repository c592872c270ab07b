export { default, default as route53 } from './plugin.js'
export type { Route53Options } from './plugin.js'

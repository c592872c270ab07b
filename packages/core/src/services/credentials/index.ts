/**
 * Credentials: how to reach an AWS account (static keys sealed in the vault, profile, default chain,
 * assume-role), their rules, and region checks.
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type { AddCredentialOptions, CredentialsApi } from './api.js'
export { AWS_PROVIDER_ID, CredentialService, findIn } from './credential-service.js'
export type { RegionCheckOptions } from './regions.js'
export { checkRegion, regionsOf } from './regions.js'
export { checkEndpointOf, isSafeEndpoint } from './endpoint-rule.js'
export type { EndpointGuard } from './endpoint-guard.js'
export { endpointGuard, endpointSource } from './endpoint-guard.js'
export { chooseCredential, markDefault } from './default-credential.js'

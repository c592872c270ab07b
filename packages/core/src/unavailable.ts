import type { CloudApi, CredentialsApi, DeploymentsApi, LifecycleApi, PluginsStatus, RequestsApi } from './api.js'
import { CertDeckError } from './errors.js'

function notAvailable(what: string): never {
  throw new CertDeckError(
    'NOT_AVAILABLE',
    `${what} needs a cloud provider, but no cloud provider plugin is registered. Pass the AWS plugin ` +
      '(@certdeck/plugin-acm) to openCertDeck, or list a cloud plugin package in config.json "plugins".',
    { kind: 'failure' },
  )
}

/** Credentials when no cloud provider plugin is registered: every call explains why it cannot work. */
export const unavailableCredentials: CredentialsApi = {
  add: async () => notAvailable('Adding a credential'),
  list: async () => notAvailable('Listing credentials'),
  test: async () => notAvailable('Testing a credential'),
  remove: async () => notAvailable('Removing a credential'),
  use: async () => notAvailable('Choosing the default credential'),
}

/** The AWS tab when no cloud provider plugin is registered. */
export const unavailableCloud: CloudApi = {
  discover: async () => notAvailable('Discovery'),
  list: async () => notAvailable('Listing cloud certificates'),
  // Without a cloud provider nothing was discovered, so nothing expires: not an error.
  expiring: async () => [],
  regions: () => notAvailable('Listing regions'),
}

/**
 * The AWS tab without a cloud provider, given the plugins that failed to load: when some did
 * (the cloud plugin may be one of them), `expiring` is a `CLOUD_UNAVAILABLE` failure naming
 * them rather than an empty answer a check would take for "nothing expires".
 */
export function unavailableCloudAfter(failed: PluginsStatus['failed']): CloudApi {
  if (failed.length === 0) return unavailableCloud
  return {
    ...unavailableCloud,
    expiring: async () => {
      throw new CertDeckError(
        'CLOUD_UNAVAILABLE',
        `No cloud provider is loaded, so cloud certificates cannot be checked; plugin(s) that failed to load: ` +
          `${failed.map((f) => `${f.name} (${f.error})`).join('; ')}. Fix or reinstall them (config.json ` +
          `"plugins"), then run again.`,
        { kind: 'failure' },
      )
    },
  }
}

/** Deployments when no cloud provider plugin is registered. */
export const unavailableDeployments: DeploymentsApi = {
  deploy: async () => notAvailable('Deploying'),
  list: async () => notAvailable('Listing deployments'),
  remove: async () => notAvailable('Removing a deployment'),
}

/** Requests when no cloud provider plugin is registered. */
export const unavailableRequests: RequestsApi = {
  list: async () => [],
  get: async () => notAvailable('Reading a request'),
  check: () => [],
  requestPublic: async () => notAvailable('Requesting a certificate'),
  requestPrivate: async () => notAvailable('Requesting a certificate'),
  authorities: async () => notAvailable('Listing private CAs'),
  refresh: async () => notAvailable('Refreshing requests'),
  deployChallenge: async () => notAvailable('Deploying a DNS challenge'),
  records: async () => notAvailable('Reading validation records'),
  resendEmail: async () => notAvailable('Resending a validation email'),
}

/** Renew, revoke, retrieve key and delete when no cloud provider plugin is registered. */
export const unavailableLifecycle: LifecycleApi = {
  renew: async () => notAvailable('Renewing'),
  revoke: async () => notAvailable('Revoking'),
  retrieveKey: async () => notAvailable('Retrieving a private key'),
  delete: async () => notAvailable('Deleting a cloud certificate'),
}

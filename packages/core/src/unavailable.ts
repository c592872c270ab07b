import type { CloudApi, CredentialsApi, DeploymentsApi } from './api.js'
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
}

/** The AWS tab when no cloud provider plugin is registered. */
export const unavailableCloud: CloudApi = {
  discover: async () => notAvailable('Discovery'),
  list: async () => notAvailable('Listing cloud certificates'),
  // Without a cloud provider nothing was discovered, so nothing expires: not an error.
  expiring: async () => [],
  regions: () => notAvailable('Listing regions'),
}

/** Deployments when no cloud provider plugin is registered. */
export const unavailableDeployments: DeploymentsApi = {
  deploy: async () => notAvailable('Deploying'),
  list: async () => notAvailable('Listing deployments'),
  remove: async () => notAvailable('Removing a deployment'),
}

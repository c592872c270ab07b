import type { DependencyContainer } from 'tsyringe'
import type { CloudApi, CredentialsApi, DeploymentsApi, LifecycleApi, RequestsApi } from './api.js'
import { CertificateEvents } from './ports/certificate-events.js'
import { Plugins } from './ports/plugins.js'
import { AWS_PROVIDER_ID, CredentialService } from './services/credentials/index.js'
import { DeploymentService } from './services/deploy/index.js'
import { DiscoveryService } from './services/discovery/index.js'
import { LifecycleService } from './services/lifecycle/index.js'
import { RenewalDetailsService } from './services/renewal-health/index.js'
import { RequestService, RequestSync } from './services/requests/index.js'

/** The cloud half of the facade. */
export interface CloudServices {
  readonly credentials: CredentialsApi
  readonly cloud: CloudApi
  readonly deployments: DeploymentsApi
  readonly requests: RequestsApi
  readonly lifecycle: LifecycleApi
}

/**
 * When a cloud provider plugin is loaded, builds the credential, discovery, deployment, request
 * and lifecycle services and subscribes auto-redeploy to renewals. Returns undefined without one.
 */
export function registerCloud(container: DependencyContainer): CloudServices | undefined {
  if (!container.resolve(Plugins).cloudProvider(AWS_PROVIDER_ID)) return undefined
  container.registerSingleton(CredentialService)
  container.registerSingleton(RenewalDetailsService)
  container.registerSingleton(DiscoveryService)
  container.registerSingleton(DeploymentService)
  container.registerSingleton(RequestSync)
  container.registerSingleton(RequestService)
  container.registerSingleton(LifecycleService)
  const deployments = container.resolve(DeploymentService)
  container.resolve(CertificateEvents).onNewVersion(async (certificate) => {
    await deployments.redeploy(certificate)
  })
  return {
    credentials: container.resolve(CredentialService),
    cloud: container.resolve(DiscoveryService),
    deployments,
    requests: container.resolve(RequestService),
    lifecycle: container.resolve(LifecycleService),
  }
}

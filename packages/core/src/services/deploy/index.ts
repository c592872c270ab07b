/**
 * Deploy: placing local certificates in a cloud store (ACM ImportCertificate, re-import, auto-redeploy).
 *
 * This file is the folder's public face: code outside the folder imports only from here.
 */
export type { DeployOptions, DeployResult, DeploymentsApi } from './api.js'
export { DeploymentService } from './deployment-service.js'

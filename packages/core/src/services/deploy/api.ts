// The public types of the deploy capability (options, results, its part of the CertDeck facade).
import type { Deployment } from '../../domain/deployment.js'

/** Options of a deploy. */
export interface DeployOptions {
  readonly certificates: readonly string[]
  readonly credential: string
  readonly regions: readonly string[]
  /** Accept a well-spelled region the cloud provider does not list yet. @default false */
  readonly allowUnknownRegion?: boolean
  readonly replace?: boolean
  readonly autoRedeploy?: boolean
  readonly dryRun?: boolean
  readonly signal?: AbortSignal
}

/** What a deploy did (or would do) in one region for one certificate. */
export interface DeployResult {
  readonly certificateId: string
  readonly region: string
  readonly action: 'imported' | 'reimported' | 'unchanged' | 'exists' | 'failed'
  readonly arn?: string
  readonly message: string
  /** True for a dry run: nothing was changed and `action` says what a real run would do. */
  readonly dryRun?: boolean
}

/** Deployments to ACM, headless. */
export interface DeploymentsApi {
  deploy(options: DeployOptions): Promise<DeployResult[]>
  list(): Promise<Deployment[]>
  /** Forgets a deployment record (by id or unique id prefix); the copy in ACM stays. */
  remove(id: string): Promise<void>
}

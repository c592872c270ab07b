/** Real AWS SDK clients pointed at a sandbox endpoint. */
import { ACMClient } from '@aws-sdk/client-acm'
import { ACMPCAClient } from '@aws-sdk/client-acm-pca'
import { IAMClient } from '@aws-sdk/client-iam'
import { Route53Client } from '@aws-sdk/client-route-53'

/** Options shared by every client of {@link sdkClients}. */
export interface ClientOptions {
  readonly region?: string
  readonly accessKeyId?: string
  readonly maxAttempts?: number
}

/** ACM, ACM-PCA, IAM and Route 53 clients for `endpoint`. */
export function sdkClients(endpoint: string, options: ClientOptions = {}) {
  const config = {
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId ?? 'AKIASANDBOXTEST', secretAccessKey: 'not-a-secret' },
    maxAttempts: options.maxAttempts ?? 3,
  }
  return {
    acm: new ACMClient(config),
    pca: new ACMPCAClient(config),
    iam: new IAMClient(config),
    route53: new Route53Client(config),
  }
}

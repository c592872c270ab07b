import { ACMClient } from '@aws-sdk/client-acm'

/** A plain SDK client of the sandbox, standing for someone changing ACM outside CertDeck. */
export function rawAcm(endpoint: string, region: string): ACMClient {
  return new ACMClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIAOUTOFBAND0000001', secretAccessKey: 'out-of-band' },
    maxAttempts: 5,
  })
}

import type {
  CloudCertificateImporter,
  CloudCertificateStore,
  CloudProvider,
  CloudSession,
  ResolvedCredential,
} from '@certdeck/core'
import { canImport } from '@certdeck/core'
import acm, { type AcmOptions } from '@certdeck/plugin-acm'

/** The `aws` provider the plugin registers. */
export function awsProvider(options: AcmOptions = {}): CloudProvider {
  const providers: CloudProvider[] = []
  void acm(options).register({ cloudProvider: (p) => void providers.push(p), dnsProvider: () => undefined })
  if (providers.length !== 1) throw new Error('the plugin should register one cloud provider')
  return providers[0]
}

/** A static credential reaching `endpoint` (omit it to rely on AWS_ENDPOINT_URL). */
export function staticCredential(
  endpoint: string | undefined,
  overrides: { name?: string; accessKeyId?: string; accountId?: string } = {},
): ResolvedCredential {
  return {
    credential: {
      id: overrides.name ?? 'test',
      name: overrides.name ?? 'test',
      kind: 'static',
      accessKeyId: overrides.accessKeyId ?? 'AKIASANDBOXTEST0001',
      ...(endpoint ? { endpoint } : {}),
      ...(overrides.accountId ? { accountId: overrides.accountId } : {}),
      createdAt: new Date().toISOString(),
    },
    secretAccessKey: 'sandbox-secret-value',
  }
}

/** The ACM and IAM stores of a session. */
export function storesOf(session: CloudSession): { acm: CloudCertificateImporter; iam: CloudCertificateStore } {
  const acmStore = session.stores.find((s) => s.kind === 'acm')
  const iamStore = session.stores.find((s) => s.kind === 'iam')
  if (!acmStore || !canImport(acmStore) || !iamStore)
    throw new Error('the session should hold an ACM importer and an IAM store')
  return { acm: acmStore, iam: iamStore }
}

/** The error a promise rejects with (kept here for the tests that import it from this module). */
export { rejection } from '@certdeck/core/testing'

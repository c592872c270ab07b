import type {
  CertificateIssuer,
  CloudCertificateImporter,
  CloudCertificateStore,
  CloudSession,
  ResolvedCredential,
} from '@certdeck/core'
import type { ClientSettings } from './aws-context.js'
import type { RateLimiters } from './rate-limiter.js'

/**
 * A session whose AWS SDK is loaded on its first call, so that opening CertDeck — the TUI, the
 * offline commands — pays neither the SDK's start-up time nor its memory (about 40 MB) until
 * AWS is actually asked something. Behaves exactly as the session it stands for.
 */
export function lazyAwsSession(
  credential: ResolvedCredential,
  limiters: RateLimiters,
  settings: ClientSettings,
): CloudSession {
  let opened: CloudSession | undefined
  let opening: Promise<CloudSession> | undefined
  const session = () =>
    (opening ??= import('./open-session.js').then(({ openAwsSession }) => {
      opened = openAwsSession(credential, limiters, settings)
      return opened
    }))
  const store = async <T extends CloudCertificateStore>(kind: 'acm' | 'iam') =>
    (await session()).stores.find((s) => s.kind === kind) as T

  const acm: CloudCertificateImporter = {
    kind: 'acm',
    scope: 'regional',
    list: async (region, signal) => (await store('acm')).list(region, signal),
    get: async (region, arn, signal) => (await store('acm')).get(region, arn, signal),
    importCertificate: async (region, input, signal) =>
      (await store<CloudCertificateImporter>('acm')).importCertificate(region, input, signal),
    tags: async (region, arn, signal) => (await store<CloudCertificateImporter>('acm')).tags(region, arn, signal),
  }
  const iam: CloudCertificateStore = {
    kind: 'iam',
    scope: 'global',
    list: async (region, signal) => (await store('iam')).list(region, signal),
    get: async (region, arn, signal) => (await store('iam')).get(region, arn, signal),
  }
  const issuer = async () => {
    const opened = await session()
    if (!opened.issuer) throw new Error('the AWS session has no certificate issuer')
    return opened.issuer
  }
  const lazyIssuer: CertificateIssuer = {
    request: async (region, input, signal) => (await issuer()).request(region, input, signal),
    describe: async (region, arn, signal) => (await issuer()).describe(region, arn, signal),
    resendValidationEmail: async (region, arn, domain, validationDomain, signal) =>
      (await issuer()).resendValidationEmail(region, arn, domain, validationDomain, signal),
    renew: async (region, arn, signal) => (await issuer()).renew(region, arn, signal),
    revokePrivate: async (region, caArn, serial, reason, signal) =>
      (await issuer()).revokePrivate(region, caArn, serial, reason, signal),
    revokePublic: async (region, arn, reason, signal) => (await issuer()).revokePublic(region, arn, reason, signal),
    exportCertificate: async (region, arn, passphrase, signal) =>
      (await issuer()).exportCertificate(region, arn, passphrase, signal),
    listAuthorities: async (region, signal) => (await issuer()).listAuthorities(region, signal),
  }
  return {
    stores: [acm, iam],
    issuer: lazyIssuer,
    test: async (region, signal) => (await session()).test(region, signal),
    close: () => opened?.close?.(),
  }
}

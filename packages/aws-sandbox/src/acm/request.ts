import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { generateKey, pooledKeyId, pooledKeys, POOL_SIZE } from '../x509/key-pool.js'
import type { KeyAlgorithm } from '../x509/key-algorithm.js'
import { isCaArn } from '../pca/model.js'
import { issuePrivate } from '../pca/issue.js'
import { checkDomainName, requiredString } from './input.js'
import { insertRecord, regionState, storeKey, type DomainValidationRecord } from './model.js'
import { parseTags } from './tags.js'
import { baseDomain, dnsRecordFor, emailsFor, refresh } from './validation.js'

/** ACM's default quota of domain names per certificate (DomainName plus SANs). */
export const DOMAINS_PER_CERTIFICATE = 10
/** Key algorithms RequestCertificate takes. */
export const REQUESTABLE_KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1']
const IDEMPOTENCY_WINDOW_MS = 3600 * 1000

/** RequestCertificate: public (DNS or EMAIL validation) or private (issued at once by the CA). */
export async function requestCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): Promise<unknown> {
  const domainName = checkDomainName(requiredString(input, 'DomainName'), 'domainName')
  if (Buffer.byteLength(domainName) > 64) {
    throw new SandboxError(
      'ValidationException',
      `The first domain name can be no longer than 64 octets (it becomes the certificate's Common Name); ` +
        `'${domainName}' has ${Buffer.byteLength(domainName)}. Put the long name in SubjectAlternativeNames ` +
        `and use a shorter DomainName.`,
    )
  }
  const sanInput = input.SubjectAlternativeNames
  if (sanInput !== undefined && (!Array.isArray(sanInput) || sanInput.some((s) => typeof s !== 'string'))) {
    throw new SandboxError(
      'ValidationException',
      "1 validation error detected: 'subjectAlternativeNames' must be a list of domain names.",
    )
  }
  const names: string[] = [domainName]
  for (const san of (sanInput ?? []) as string[]) {
    const name = checkDomainName(san, 'subjectAlternativeNames.member')
    if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name)
  }
  if (names.length > DOMAINS_PER_CERTIFICATE) {
    throw new SandboxError(
      'LimitExceededException',
      `A certificate can hold at most ${DOMAINS_PER_CERTIFICATE} domain names (DomainName plus ` +
        `SubjectAlternativeNames); this request has ${names.length}. Split the names across certificates or ` +
        `ask AWS to raise the quota.`,
    )
  }
  const keyAlgorithm = (input.KeyAlgorithm ?? 'RSA_2048') as KeyAlgorithm
  if (!REQUESTABLE_KEY_ALGORITHMS.includes(keyAlgorithm)) {
    throw new SandboxError(
      'ValidationException',
      `KeyAlgorithm '${String(input.KeyAlgorithm)}' cannot be requested; use one of ` +
        `${REQUESTABLE_KEY_ALGORITHMS.join(', ')}.`,
    )
  }
  const caArn = input.CertificateAuthorityArn as string | undefined
  if (caArn !== undefined && !isCaArn(String(caArn))) {
    throw new SandboxError(
      'InvalidArnException',
      `The certificate authority ARN '${String(caArn)}' is not valid; it looks like ` +
        `arn:aws:acm-pca:region:account:certificate-authority/12345678-1234-1234-1234-123456789012.`,
    )
  }
  const method = (input.ValidationMethod ?? 'EMAIL') as string
  if (!caArn && method !== 'DNS' && method !== 'EMAIL') {
    throw new SandboxError(
      'ValidationException',
      `ValidationMethod '${method}' is not available here; use DNS or EMAIL (HTTP is only for certificates ` +
        `managed by CloudFront).`,
    )
  }
  const options = (input.Options ?? {}) as Record<string, unknown>
  const tags = parseTags(input.Tags)
  const validationDomains = parseValidationDomains(input.DomainValidationOptions, names)

  const token = input.IdempotencyToken
  if (token !== undefined && (typeof token !== 'string' || !/^\w{1,32}$/.test(token))) {
    throw new SandboxError(
      'ValidationException',
      `IdempotencyToken '${String(token)}' must be 1 to 32 word characters (letters, digits, underscore).`,
    )
  }
  const reuse = (): string | undefined => {
    if (!token) return undefined
    const seen = regionState(world, request.accountId, request.region).idempotency[token]
    return seen && world.now() - seen.at < IDEMPOTENCY_WINDOW_MS ? seen.arn : undefined
  }
  const earlier = reuse()
  if (earlier) return { CertificateArn: earlier }

  // A key that can leave ACM (private or exportable) is fresh; others come from the shared pool,
  // as nobody can ever see that two non-exportable certificates share a key.
  const exportable = caArn !== undefined || options.Export === 'ENABLED'
  const key = exportable
    ? await generateKey(keyAlgorithm)
    : (await pooledKeys(keyAlgorithm))[Math.floor(world.random() * POOL_SIZE)]
  const again = reuse()
  if (again) return { CertificateArn: again }

  const now = world.now()
  const keyId = storeKey(world, key.pkcs8Pem, exportable ? undefined : pooledKeyId(key))
  const record = insertRecord(world, request.accountId, request.region, (arn, seq) => ({
    arn,
    accountId: request.accountId,
    region: request.region,
    seq,
    type: caArn ? 'PRIVATE' : 'AMAZON_ISSUED',
    status: 'PENDING_VALIDATION',
    domainName,
    sans: names,
    keyAlgorithm,
    createdAt: now,
    keyId,
    validationMethod: caArn ? undefined : (method as 'DNS' | 'EMAIL'),
    validations: caArn
      ? []
      : names.map((name) =>
          validationFor(request.accountId, name, method as 'DNS' | 'EMAIL', validationDomains.get(name.toLowerCase())),
        ),
    idempotencyToken: token,
    caArn,
    exportOption: options.Export === 'ENABLED' ? 'ENABLED' : 'DISABLED',
    exported: false,
    inUseBy: [],
    tags,
    ctLogging: options.CertificateTransparencyLoggingPreference === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    resendCount: 0,
  }))
  if (token) regionState(world, request.accountId, request.region).idempotency[token] = { arn: record.arn, at: now }
  if (caArn) issuePrivate(world, record)
  else refresh(world, record)
  return { CertificateArn: record.arn }
}

function validationFor(
  accountId: string,
  name: string,
  method: 'DNS' | 'EMAIL',
  validationDomain: string | undefined,
): DomainValidationRecord {
  const domain = validationDomain ?? baseDomain(name)
  if (method === 'DNS') {
    const record = dnsRecordFor(accountId, name)
    return {
      domainName: name,
      validationDomain: name,
      method,
      status: 'PENDING_VALIDATION',
      recordName: record.name,
      recordValue: record.value,
    }
  }
  return { domainName: name, validationDomain: domain, method, status: 'PENDING_VALIDATION', emails: emailsFor(domain) }
}

function parseValidationDomains(value: unknown, names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>()
  if (value === undefined || value === null) return result
  if (!Array.isArray(value))
    throw new SandboxError(
      'ValidationException',
      "1 validation error detected: 'domainValidationOptions' must be a list.",
    )
  for (const option of value as Record<string, unknown>[]) {
    const domain = String(option?.DomainName ?? '')
    const validationDomain = String(option?.ValidationDomain ?? '')
      .toLowerCase()
      .replace(/\.$/, '')
    if (!names.some((n) => n.toLowerCase() === domain.toLowerCase())) {
      throw new SandboxError(
        'InvalidDomainValidationOptionsException',
        `DomainValidationOptions names '${domain}', which is not among the requested domain names ` +
          `(${names.join(', ')}).`,
      )
    }
    const base = baseDomain(domain)
    if (!(base === validationDomain || base.endsWith(`.${validationDomain}`)) || !validationDomain.includes('.')) {
      throw new SandboxError(
        'InvalidDomainValidationOptionsException',
        `ValidationDomain '${validationDomain}' must be '${base}' or one of its parent domains.`,
      )
    }
    result.set(domain.toLowerCase(), validationDomain)
  }
  return result
}

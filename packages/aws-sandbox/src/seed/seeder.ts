import type { SandboxWorld } from '../world.js'
import { issueLeaf, type LoadedCa } from '../x509/authority.js'
import { formatSerial } from '../x509/inspect.js'
import { signatureAlgorithmName } from '../x509/cert-builder.js'
import { pooledKeyId, pooledKeys, type PooledKey } from '../x509/key-pool.js'
import type { KeyAlgorithm } from '../x509/key-algorithm.js'
import { loadCa } from '../x509/authority.js'
import {
  acmState,
  insertRecord,
  storeChain,
  type AcmCertificateRecord,
  type DomainValidationRecord,
} from '../acm/model.js'
import { externalCa, publicCa } from '../acm/public-ca.js'
import { REQUESTABLE_KEY_ALGORITHMS } from '../acm/request.js'
import { dnsRecordFor, ISSUED_VALIDITY_MS } from '../acm/validation.js'
import { createAuthority, type CaRecord } from '../pca/model.js'
import { allocate, keyTypeShares, type SeedKind, type SeedOptions, type SeedReport } from './plan.js'

const DAY = 24 * 3600 * 1000
const SERVICES = [
  'api',
  'www',
  'shop',
  'auth',
  'mail',
  'vpn',
  'cdn',
  'admin',
  'app',
  'static',
  'img',
  'pay',
  'docs',
  'status',
  'git',
  'ci',
  'grafana',
  'sso',
  'portal',
  'search',
]
/** Beyond this many certificates the seeder does not write validation CNAMEs into the zones. */
const MAX_SEEDED_VALIDATION_RECORDS = 1000

interface Signed {
  /** Undefined when the body is left to be signed on first use. */
  readonly pem: string | undefined
  readonly serialHex: string
}

function randomSerial(world: SandboxWorld): Buffer {
  const serial = Buffer.alloc(16)
  for (let i = 0; i < 16; i++) serial[i] = Math.floor(world.random() * 256)
  serial[0] = (serial[0] & 0x7f) | 0x01
  return serial
}

function sign(
  world: SandboxWorld,
  ca: LoadedCa,
  key: PooledKey,
  cn: string,
  sans: string[],
  notBefore: number,
  notAfter: number,
  lazy = false,
): Signed {
  const serial = randomSerial(world)
  const pem = lazy
    ? undefined
    : issueLeaf(ca, { commonName: cn, dnsNames: sans, spki: key.spki, serial, notBefore, notAfter })
  return { pem, serialHex: serial.toString('hex') }
}

/** What the seeder reuses for every certificate one CA signs. */
interface IssuerInfo {
  readonly ca: LoadedCa
  /** `public-pki`, `external-pki` or the private CA's ARN, as a lazy body names it. */
  readonly ref: string
  readonly organization: string
  readonly chainId: string
  readonly signatureAlgorithm: string
}

function issuerInfo(world: SandboxWorld, ca: LoadedCa, ref: string): IssuerInfo {
  return {
    ca,
    ref,
    organization: (ca.x509.subject.split('\n').find((l) => l.startsWith('O=')) ?? 'O=unknown').slice(2),
    chainId: storeChain(world, ca.material.certificatePem + ca.material.chainPem),
    signatureAlgorithm: signatureAlgorithmName(ca.signer.privateKey),
  }
}

/** Fills the world with real certificates (see {@link SeedOptions}); fast enough for 30 × 1,000. */
export async function seedWorld(world: SandboxWorld, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now()
  const accountId = options.accountId ?? world.options.accounts[0]
  const regions = options.regions ?? ['us-east-1']
  const perRegion = options.certsPerRegion ?? 20
  const domain = options.domain ?? 'example.com'
  const mix = options.mix ?? { amazonIssued: 0.55, imported: 0.25, private: 0.15, pending: 0.05 }
  const shares = keyTypeShares(options.keyTypes)
  const pools = new Map<KeyAlgorithm, PooledKey[]>()
  await Promise.all(
    (Object.keys(shares) as KeyAlgorithm[])
      .concat('RSA_2048')
      .map(async (alg) => pools.set(alg, await pooledKeys(alg))),
  )
  const keyIds = new Map<PooledKey, string>()
  const keys = acmState(world).keys
  for (const [, list] of pools) {
    for (const key of list) {
      const id = pooledKeyId(key)
      keys[id] ??= key.pkcs8Pem
      keyIds.set(key, id)
    }
  }
  const publicIssuer = issuerInfo(world, publicCa(world), 'public-pki')
  const external = issuerInfo(world, externalCa(world), 'external-pki')
  const lazy = options.lazyBodies === true
  const now = world.now()
  const byKind: Record<SeedKind, number> = { amazonIssued: 0, imported: 0, private: 0, pending: 0 }
  const createdCas: string[] = []
  const validationRecords: { name: string; value: string }[] = []
  const totalCerts = regions.length * perRegion
  let expiringSoon = 0

  for (const region of regions) {
    const kinds = allocate(world, mix, perRegion)
    const algorithms = allocate(world, shares, perRegion)
    const expiring = allocate(
      world,
      { yes: options.expiringSoon ?? 0.1, no: 1 - (options.expiringSoon ?? 0.1) },
      perRegion,
    )
    const used = allocate(world, { yes: options.inUse ?? 0.3, no: 1 - (options.inUse ?? 0.3) }, perRegion)
    const caCount = Math.max(options.privateCAs ?? 0, kinds.includes('private') ? 1 : 0)
    const cas: CaRecord[] = []
    for (let c = 0; c < caCount; c++) {
      cas.push(
        createAuthority(world, {
          accountId,
          region,
          commonName: `CertDeck Sandbox Private CA ${c + 1} (${region})`,
          organization: 'CertDeck Sandbox Corp',
        }),
      )
    }
    createdCas.push(...cas.map((ca) => ca.arn))
    const privateIssuers = cas.map((ca) => issuerInfo(world, loadCa(ca.material), ca.arn))

    for (let i = 0; i < perRegion; i++) {
      const kind = kinds[i]
      byKind[kind]++
      let algorithm = algorithms[i]
      if (kind !== 'imported' && !REQUESTABLE_KEY_ALGORITHMS.includes(algorithm)) algorithm = 'RSA_2048'
      const pool = pools.get(algorithm)!
      const key = pool[i % pool.length]
      const service = SERVICES[i % SERVICES.length]
      const round = Math.floor(i / SERVICES.length)
      // Pending requests get names no issued certificate shares, so no seeded CNAME validates them.
      const cn = `${service}${round ? `-${round}` : ''}.${kind === 'pending' ? 'new.' : ''}${domain}`
      const sans = i % 4 === 0 ? [cn, `*.${cn}`] : i % 4 === 1 ? [cn, `www.${cn}`] : [cn]
      const lifetime = kind === 'imported' ? 365 * DAY : ISSUED_VALIDITY_MS
      const remaining =
        expiring[i] === 'yes'
          ? (1 + Math.floor(world.random() * 29)) * DAY
          : Math.min(lifetime - DAY, (31 + Math.floor(world.random() * 330)) * DAY)
      const notAfter = now + remaining
      const notBefore = notAfter - lifetime
      const inUseBy =
        used[i] === 'yes' && kind !== 'pending'
          ? [
              `arn:aws:elasticloadbalancing:${region}:${accountId}:` +
                `loadbalancer/app/${service}-lb/${world.randomString(16)}`,
            ]
          : []
      const ca = kind === 'private' ? cas[i % cas.length] : undefined
      const issuer = kind === 'imported' ? external : ca ? privateIssuers[i % cas.length] : publicIssuer
      const signed = kind === 'pending' ? undefined : sign(world, issuer.ca, key, cn, sans, notBefore, notAfter, lazy)
      if (signed && expiring[i] === 'yes') expiringSoon++
      const validations: DomainValidationRecord[] =
        kind === 'amazonIssued' || kind === 'pending'
          ? sans.map((name) => {
              const record = dnsRecordFor(accountId, name)
              return {
                domainName: name,
                validationDomain: name,
                method: 'DNS',
                status: kind === 'pending' ? 'PENDING_VALIDATION' : 'SUCCESS',
                recordName: record.name,
                recordValue: record.value,
              }
            })
          : []
      if (kind === 'amazonIssued' && totalCerts <= MAX_SEEDED_VALIDATION_RECORDS)
        validationRecords.push(...validations.map((v) => ({ name: v.recordName!, value: v.recordValue! })))
      insertRecord(
        world,
        accountId,
        region,
        (arn, seq): AcmCertificateRecord => ({
          arn,
          accountId,
          region,
          seq,
          type: kind === 'imported' ? 'IMPORTED' : kind === 'private' ? 'PRIVATE' : 'AMAZON_ISSUED',
          status: kind === 'pending' ? 'PENDING_VALIDATION' : 'ISSUED',
          domainName: cn,
          sans,
          keyAlgorithm: algorithm,
          createdAt:
            kind === 'imported'
              ? undefined
              : kind === 'pending'
                ? now - Math.floor(world.random() * 3600_000)
                : notBefore - 60_000,
          issuedAt: kind === 'imported' || kind === 'pending' ? undefined : notBefore,
          importedAt: kind === 'imported' ? notBefore + DAY : undefined,
          notBefore: signed ? notBefore : undefined,
          notAfter: signed ? notAfter : undefined,
          serial: signed ? formatSerial(signed.serialHex) : undefined,
          subject: signed ? `CN=${cn}` : undefined,
          issuer: signed ? issuer.organization : undefined,
          signatureAlgorithm: signed ? issuer.signatureAlgorithm : undefined,
          certificatePem: signed?.pem,
          chainId: signed ? issuer.chainId : undefined,
          lazyBody:
            signed && !signed.pem
              ? { issuer: issuer.ref, keyId: keyIds.get(key)!, serialHex: signed.serialHex, notBefore, notAfter }
              : undefined,
          keyId: kind === 'imported' ? undefined : keyIds.get(key),
          validationMethod: validations.length ? 'DNS' : undefined,
          validations,
          caArn: ca?.arn,
          exportOption: kind === 'amazonIssued' && i % 10 === 0 ? 'ENABLED' : 'DISABLED',
          exported: false,
          inUseBy,
          tags: [{ Key: 'Environment', Value: ['production', 'staging', 'dev'][i % 3] }],
          ctLogging: kind === 'imported' ? 'DISABLED' : 'ENABLED',
          resendCount: 0,
        }),
      )
    }
  }

  const hostedZones = seedZones(world, accountId, domain, options.hostedZones ?? 0, validationRecords)
  const iamCount = seedIam(
    world,
    accountId,
    domain,
    options.iamServerCertificates ?? 0,
    external,
    pools.get('RSA_2048')!,
  )
  return {
    accountId,
    certificates: totalCerts,
    byKind,
    expiringSoon,
    privateCAs: createdCas,
    hostedZones,
    iamServerCertificates: iamCount,
    elapsedMs: performance.now() - started,
  }
}

function seedZones(
  world: SandboxWorld,
  accountId: string,
  domain: string,
  count: number,
  records: { name: string; value: string }[],
): string[] {
  const ids: string[] = []
  for (let z = 0; z < count; z++) {
    const privateZone = z === 1
    const name = z < 2 ? domain : `zone${z}.${domain}`
    const { id } = world.route53.createHostedZone(accountId, {
      name,
      privateZone,
      comment: privateZone ? 'internal view' : 'seeded by the CertDeck sandbox',
    })
    if (z === 0 && records.length) {
      const unique = [...new Map(records.map((r) => [r.name, r])).values()]
      world.route53.upsertRecords(
        accountId,
        id,
        unique.map((r) => ({ name: r.name, type: 'CNAME', ttl: 300, values: [r.value] })),
      )
    }
    ids.push(id)
  }
  return ids
}

function seedIam(
  world: SandboxWorld,
  accountId: string,
  domain: string,
  count: number,
  ca: IssuerInfo,
  keys: PooledKey[],
): number {
  const now = world.now()
  for (let n = 0; n < count; n++) {
    const cn = `legacy${n + 1}.${domain}`
    const notAfter = now + (n === 0 ? 12 : 90 + n * 60) * DAY
    const signed = sign(world, ca.ca, keys[n % keys.length], cn, [cn], notAfter - 365 * DAY, notAfter)
    world.iam.uploadServerCertificate(accountId, {
      name: `legacy-${n + 1}`,
      path: n % 2 ? '/cloudfront/' : '/',
      certificateBody: signed.pem!,
      certificateChain: ca.ca.material.certificatePem + ca.ca.material.chainPem,
      uploadDate: notAfter - 365 * DAY + DAY,
    })
  }
  return count
}

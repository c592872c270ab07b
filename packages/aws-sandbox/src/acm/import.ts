import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto'
import { SandboxError, type SandboxRequest } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { inspectCertificate, type CertificateFacts } from '../x509/inspect.js'
import { keyAlgorithmOf } from '../x509/key-algorithm.js'
import { blob } from './input.js'
import { findRecord, insertRecord, storeChain } from './model.js'
import { parseTags } from './tags.js'

/** ACM's limit on an imported private key's PEM size. */
export const MAX_PRIVATE_KEY_BYTES = 5 * 1024
const invalid = (message: string): SandboxError => new SandboxError('ValidationException', message)
const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

function parseCertificates(pem: string, field: string): X509Certificate[] {
  const blocks = pem.match(PEM_CERT) ?? []
  if (blocks.length === 0)
    throw invalid(
      `The ${field} is not a PEM certificate: expected '-----BEGIN CERTIFICATE-----' … '-----END CERTIFICATE-----'.`,
    )
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block)
    } catch {
      throw invalid(
        `Could not parse certificate ${i + 1} of the ${field}; it must be a DER X.509 certificate in PEM armour.`,
      )
    }
  })
}

function parsePrivateKey(pem: string): KeyObject {
  if (Buffer.byteLength(pem) > MAX_PRIVATE_KEY_BYTES) {
    throw invalid(
      `The private key is ${Buffer.byteLength(pem)} bytes; ACM takes at most ${MAX_PRIVATE_KEY_BYTES} ` +
        `bytes (RSA up to 4096 bits or EC P-256/384/521).`,
    )
  }
  if (/ENCRYPTED/.test(pem))
    throw invalid(
      'The private key is encrypted; ACM imports only unencrypted PEM keys. Decrypt it first (openssl pkey ' +
        '-in key.pem -out plain.pem).',
    )
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem))
    throw invalid("The private key is not PEM: expected '-----BEGIN PRIVATE KEY-----' (or RSA/EC PRIVATE KEY).")
  try {
    return createPrivateKey(pem)
  } catch {
    throw invalid('The private key could not be parsed; give an unencrypted PKCS#8, PKCS#1 or SEC1 PEM key.')
  }
}

function checkChain(leaf: X509Certificate, chain: X509Certificate[]): void {
  let child = leaf
  for (const parent of chain) {
    if (parent.fingerprint256 === leaf.fingerprint256)
      throw invalid(
        'The certificate chain contains the certificate itself; give only the intermediates and root, leaf excluded.',
      )
    if (!child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      throw invalid(
        'Could not validate the certificate with the certificate chain: each chain certificate must sign ' +
          'the one before it, starting from the leaf, in order up to the root.',
      )
    }
    child = parent
  }
}

/** ImportCertificate with ACM's checks; re-import by ARN keeps the ARN and its associations. */
export function importCertificate(
  world: SandboxWorld,
  input: Record<string, unknown>,
  request: SandboxRequest,
): unknown {
  const certificatePem = blob(input, 'Certificate', true)!.toString('utf8')
  const keyPem = blob(input, 'PrivateKey', true)!.toString('utf8')
  const chainPem = blob(input, 'CertificateChain', false)?.toString('utf8')
  const certs = parseCertificates(certificatePem, 'Certificate')
  if (certs.length > 1)
    throw invalid(
      'The Certificate field holds more than one certificate; put only the leaf there and the rest in ' +
        'CertificateChain.',
    )
  const leaf = certs[0]
  const facts: CertificateFacts = inspectCertificate(leaf)
  const key = parsePrivateKey(keyPem)
  const keyAlgorithm = keyAlgorithmOf(key)
  if (!keyAlgorithm || !facts.keyAlgorithm)
    throw invalid('The key algorithm is not supported; ACM imports RSA 1024–4096 and EC P-256, P-384 and P-521 keys.')
  if (!leaf.checkPrivateKey(key)) throw invalid('The private key does not match the public key in the certificate.')
  const now = world.now()
  if (now < facts.notBefore)
    throw invalid(`The certificate is not valid yet: its NotBefore is ${new Date(facts.notBefore).toISOString()}.`)
  if (now > facts.notAfter)
    throw invalid(`The certificate has expired: its NotAfter is ${new Date(facts.notAfter).toISOString()}.`)
  const chain = chainPem ? parseCertificates(chainPem, 'CertificateChain') : []
  checkChain(leaf, chain)
  const names = [...new Set([facts.commonName, ...facts.dnsNames].filter((n): n is string => !!n))]
  const body = {
    status: 'ISSUED' as const,
    domainName: names[0] ?? facts.subject,
    sans: names,
    keyAlgorithm: facts.keyAlgorithm,
    importedAt: now,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    serial: facts.serial,
    subject: facts.subject,
    issuer: facts.issuerName,
    signatureAlgorithm: facts.signatureAlgorithm,
    certificatePem: leaf.toString(),
    chainId: chain.length ? storeChain(world, chain.map((c) => c.toString()).join('')) : undefined,
  }

  if (input.CertificateArn !== undefined) {
    const record = findRecord(world, request, input.CertificateArn)
    if (record.type !== 'IMPORTED')
      throw invalid(
        `Certificate ${record.arn} was issued by ${record.type === 'PRIVATE' ? 'a private CA' : 'ACM'}; ` +
          `only imported certificates can be re-imported.`,
      )
    if (input.Tags !== undefined)
      throw invalid('Tags cannot be applied when re-importing a certificate; use AddTagsToCertificate.')
    if (record.keyAlgorithm !== facts.keyAlgorithm) {
      throw invalid(
        `The key algorithm of the re-imported certificate (${facts.keyAlgorithm}) differs from the ` +
          `existing one (${record.keyAlgorithm}); a re-import must keep the key type. Import it as a new ` +
          `certificate instead.`,
      )
    }
    Object.assign(record, body)
    return { CertificateArn: record.arn }
  }
  const tags = parseTags(input.Tags)
  const record = insertRecord(world, request.accountId, request.region, (arn, seq) => ({
    arn,
    accountId: request.accountId,
    region: request.region,
    seq,
    type: 'IMPORTED',
    ...body,
    validations: [],
    exportOption: 'DISABLED',
    exported: false,
    inUseBy: [],
    tags,
    ctLogging: 'DISABLED',
    resendCount: 0,
  }))
  return { CertificateArn: record.arn }
}

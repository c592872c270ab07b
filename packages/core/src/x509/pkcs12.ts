import { type KeyObject, X509Certificate, createHash, createPrivateKey, randomBytes } from 'node:crypto'
import type forge from 'node-forge'
import { CertDeckError, isCertDeckError } from '../errors.js'
import { withBoundedPkcs12Kdf } from './input-bounds.js'
import { lazyModule } from './lazy-module.js'

/** node-forge, loaded on first use (see {@link lazyModule}). */
const forgeLib = lazyModule<typeof forge>('node-forge', import.meta.url)

/** What a PKCS#12 file holds. */
export interface Pkcs12Contents {
  readonly certificates: X509Certificate[]
  readonly keys: KeyObject[]
}

/** True when `data` is DER shaped like a PKCS#12 PFX (version 3, then a ContentInfo). */
export function looksLikePkcs12(data: Uint8Array): boolean {
  try {
    const pfx = forgeLib.asn1.fromDer(forgeLib.util.createBuffer(Buffer.from(data).toString('binary')))
    const [version, authSafe] = pfx.value as forge.asn1.Asn1[]
    return (
      version?.type === forgeLib.asn1.Type.INTEGER &&
      (version.value as string) === '\x03' &&
      authSafe?.type === forgeLib.asn1.Type.SEQUENCE
    )
  } catch {
    return false
  }
}

/**
 * Reads a PKCS#12 (.pfx/.p12) file. Without a passphrase, the empty and the absent password are
 * tried (files exported with no password use one of them). Errors: `PASSPHRASE_NEEDED`, `KEY_PASSPHRASE_WRONG`,
 * `PKCS12_INVALID`.
 */
export function readPkcs12(data: Uint8Array, fileName: string, passphrase?: string): Pkcs12Contents {
  let pfx: forge.pkcs12.Pkcs12Pfx
  try {
    const der = forgeLib.asn1.fromDer(forgeLib.util.createBuffer(Buffer.from(data).toString('binary')))
    pfx = withBoundedPkcs12Kdf(fileName, () =>
      passphrase ? forgeLib.pkcs12.pkcs12FromAsn1(der, true, passphrase) : openWithoutPassword(der),
    )
  } catch (error) {
    if (isCertDeckError(error)) throw error
    const message = error instanceof Error ? error.message : String(error)
    if (/password|decrypt/i.test(message)) {
      throw passphrase
        ? new CertDeckError(
            'KEY_PASSPHRASE_WRONG',
            `${fileName}: the PKCS#12 file could not be opened: the passphrase is wrong. Give the ` +
              `passphrase it was exported with.`,
          )
        : new CertDeckError(
            'PASSPHRASE_NEEDED',
            `${fileName}: the PKCS#12 file is protected by a passphrase. Give it (on stdin or in the ` +
              `environment, never on the command line).`,
          )
    }
    throw new CertDeckError(
      'PKCS12_INVALID',
      `${fileName}: not a readable PKCS#12 file (${message}). Export it again, or give the certificate and key as PEM.`,
      { cause: new Error(message) },
    )
  }
  const certificates: X509Certificate[] = []
  const keys: KeyObject[] = []
  for (const contents of pfx.safeContents) {
    for (const bag of contents.safeBags) {
      if (bag.type === forgeLib.pki.oids.certBag) {
        const node = bag.cert ? forgeLib.pki.certificateToAsn1(bag.cert) : bag.asn1
        if (node) certificates.push(new X509Certificate(derBytes(node)))
      } else if (bag.type === forgeLib.pki.oids.keyBag || bag.type === forgeLib.pki.oids.pkcs8ShroudedKeyBag) {
        const node = bag.key ? forgeLib.pki.wrapRsaPrivateKey(forgeLib.pki.privateKeyToAsn1(bag.key)) : bag.asn1
        if (node) keys.push(createPrivateKey({ key: derBytes(node), format: 'der', type: 'pkcs8' }))
      }
    }
  }
  return { certificates, keys }
}

/** Tools write "no password" as the empty password or as none at all; try both. */
function openWithoutPassword(der: forge.asn1.Asn1): forge.pkcs12.Pkcs12Pfx {
  try {
    return forgeLib.pkcs12.pkcs12FromAsn1(der, true, '')
  } catch (error) {
    if (isCertDeckError(error)) throw error
    return forgeLib.pkcs12.pkcs12FromAsn1(der, true, null as unknown as string)
  }
}

/** What goes into a PKCS#12 file. */
export interface Pkcs12Input {
  /** The leaf certificate (PEM). */
  readonly leafPem: string
  /** Its chain (PEM), leaf's issuer first. */
  readonly chainPem?: readonly string[]
  /** The private key; omitted for a certificates-only file. */
  readonly key?: KeyObject
  /** The file password: printable ASCII, so every tool derives the same keys from it. */
  readonly passphrase: string
  /** Shown by key stores (Windows, macOS Keychain) as the entry's name. */
  readonly friendlyName?: string
}

/** PBKDF2/PKCS#12 KDF iterations; OpenSSL 3's default. */
const ITERATIONS = 2048

/**
 * Writes a PKCS#12 file readable by OpenSSL 3, Windows and Java: the key in a shrouded key bag
 * encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), certificates in a plain bag, and an
 * HMAC-SHA256 integrity MAC. Built with node-forge's ASN.1 writer because forge's own PKCS#12
 * writer handles RSA keys only.
 */
export function writePkcs12(input: Pkcs12Input): Buffer {
  if (!/^[\x20-\x7e]+$/.test(input.passphrase)) {
    throw new CertDeckError(
      'PASSPHRASE_INVALID',
      'The PKCS#12 passphrase must be printable ASCII (and not empty), so every tool reads the file the ' +
        'same way. Choose another passphrase.',
    )
  }
  const leaf = Buffer.from(new X509Certificate(input.leafPem).raw)
  const certs = [leaf, ...(input.chainPem ?? []).map((pem) => Buffer.from(new X509Certificate(pem).raw))]
  const attributes = bagAttributes(createHash('sha1').update(leaf).digest(), input.friendlyName)
  const certBags = certs.map((der, i) =>
    seq([
      oid(forgeLib.pki.oids.certBag),
      explicit0(seq([oid(forgeLib.pki.oids.x509Certificate), explicit0(octets(der))])),
      ...(i === 0 ? [attributes] : []),
    ]),
  )
  const contents = [dataContentInfo(seq(certBags))]
  if (input.key) {
    const encrypted = input.key.export({
      type: 'pkcs8',
      format: 'der',
      cipher: 'aes-256-cbc',
      passphrase: input.passphrase,
    })
    const keyBag = seq([oid(forgeLib.pki.oids.pkcs8ShroudedKeyBag), explicit0(fromDer(encrypted)), attributes])
    contents.push(dataContentInfo(seq([keyBag])))
  }
  const authSafe = seq(contents)
  const pfx = seq([
    forgeLib.asn1.create(
      forgeLib.asn1.Class.UNIVERSAL,
      forgeLib.asn1.Type.INTEGER,
      false,
      forgeLib.asn1.integerToDer(3).getBytes(),
    ),
    dataContentInfo(authSafe),
    macData(derBytes(authSafe), input.passphrase),
  ])
  return derBytes(pfx)
}

function macData(authSafe: Buffer, passphrase: string): forge.asn1.Asn1 {
  const salt = randomBytes(16)
  const md = forgeLib.md.sha256.create()
  const macKey = forgeLib.pkcs12.generateKey(
    passphrase,
    forgeLib.util.createBuffer(salt.toString('binary')),
    3,
    ITERATIONS,
    32,
    md,
  )
  const hmac = forgeLib.hmac.create()
  hmac.start(md, macKey)
  hmac.update(authSafe.toString('binary'))
  return seq([
    seq([
      seq([
        oid(forgeLib.pki.oids.sha256),
        forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.NULL, false, ''),
      ]),
      octets(Buffer.from(hmac.digest().getBytes(), 'binary')),
    ]),
    octets(salt),
    forgeLib.asn1.create(
      forgeLib.asn1.Class.UNIVERSAL,
      forgeLib.asn1.Type.INTEGER,
      false,
      forgeLib.asn1.integerToDer(ITERATIONS).getBytes(),
    ),
  ])
}

function bagAttributes(localKeyId: Buffer, friendlyName?: string): forge.asn1.Asn1 {
  const attributes = [attribute(forgeLib.pki.oids.localKeyId, octets(localKeyId))]
  if (friendlyName) {
    attributes.push(
      attribute(
        forgeLib.pki.oids.friendlyName,
        forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.BMPSTRING, false, friendlyName),
      ),
    )
  }
  return forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.SET, true, attributes)
}

function attribute(type: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(type), forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.SET, true, [value])])
}

function dataContentInfo(inner: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq([oid(forgeLib.pki.oids.data), explicit0(octets(derBytes(inner)))])
}

const seq = (items: forge.asn1.Asn1[]) =>
  forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.SEQUENCE, true, items)
const oid = (id: string) =>
  forgeLib.asn1.create(
    forgeLib.asn1.Class.UNIVERSAL,
    forgeLib.asn1.Type.OID,
    false,
    forgeLib.asn1.oidToDer(id).getBytes(),
  )
const octets = (bytes: Buffer) =>
  forgeLib.asn1.create(forgeLib.asn1.Class.UNIVERSAL, forgeLib.asn1.Type.OCTETSTRING, false, bytes.toString('binary'))
const explicit0 = (inner: forge.asn1.Asn1) =>
  forgeLib.asn1.create(forgeLib.asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner])
const fromDer = (der: Buffer) => forgeLib.asn1.fromDer(forgeLib.util.createBuffer(der.toString('binary')))
const derBytes = (node: forge.asn1.Asn1) => Buffer.from(forgeLib.asn1.toDer(node).getBytes(), 'binary')

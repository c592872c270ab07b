import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import forge from 'node-forge'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inputFile, makeTestPki, rejection, type TestCertificate } from '../testing/index.js'
import { readBundleFiles } from './bundle.js'
import { MAX_INPUT_FILE_BYTES, MAX_PKCS12_ITERATIONS } from './input-bounds.js'
import { readInputFile } from './read-input-file.js'

const { asn1 } = forge
let leaf: TestCertificate
let dir: string

beforeAll(async () => {
  leaf = await (await makeTestPki({ name: 'Bounds' })).leaf({ keyAlgorithm: 'RSA_2048' })
  dir = await mkdtemp(join(tmpdir(), 'certdeck-bounds-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A real PKCS#12 file as forge writes it (by default one iteration, so making it costs nothing). */
function pkcs12(passphrase: string, options: { useMac: boolean; count?: number }): forge.asn1.Asn1 {
  const key = forge.pki.privateKeyFromPem(leaf.keyPem)
  const cert = forge.pki.certificateFromPem(leaf.pem)
  return forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des', count: 1, ...options })
}

/**
 * The file with every iteration count set to `iterations`: each SEQUENCE holding a salt (OCTET
 * STRING) followed by an INTEGER (the MAC data, PKCS#12 PBE and PBKDF2 parameters), at any depth,
 * inside the OCTET STRINGs that wrap the safes and bags too. What a crafted file looks like.
 */
function withIterations(node: forge.asn1.Asn1, iterations: number): forge.asn1.Asn1 {
  if (node.type === asn1.Type.OCTETSTRING && typeof node.value === 'string' && node.value.charCodeAt(0) === 0x30) {
    try {
      const inner = asn1.fromDer(node.value, true)
      return { ...node, value: asn1.toDer(withIterations(inner, iterations)).getBytes() }
    } catch {
      return node
    }
  }
  if (!Array.isArray(node.value)) return node
  const children = node.value.map((child) => withIterations(child, iterations))
  for (let i = 1; i < children.length; i++) {
    if (children[i - 1].type === asn1.Type.OCTETSTRING && children[i].type === asn1.Type.INTEGER) {
      children[i] = asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.INTEGER,
        false,
        asn1.integerToDer(iterations).getBytes(),
      )
    }
  }
  return { ...node, value: children }
}

const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary')

describe('a crafted PKCS#12 file cannot pin the CPU', () => {
  it.each([
    ['the MAC', { useMac: true }, MAX_PKCS12_ITERATIONS + 1],
    ['the MAC', { useMac: true }, 2 ** 31 - 1],
    ['the key encryption (no MAC)', { useMac: false }, 2 ** 31 - 1],
  ])('%s asking for too many iterations is refused before the work (%s, %i)', async (_, options, iterations) => {
    const file = inputFile('crafted.p12', der(withIterations(pkcs12('secret', options), iterations)))
    for (const passphrase of ['secret', undefined]) {
      const error = await rejection(Promise.resolve().then(() => readBundleFiles([file], passphrase)))
      expect(error).toMatchObject({ code: 'PKCS12_TOO_COSTLY' })
      expect(error.message).toContain(`crafted.p12: the PKCS#12 file asks for ${iterations} key-derivation iterations`)
    }
  })

  it('a file within the bound still opens', () => {
    const file = inputFile('fine.p12', der(pkcs12('secret', { useMac: true, count: 2048 })))
    const { certificates, keys } = readBundleFiles([file], 'secret')
    expect(certificates).toHaveLength(1)
    expect(keys).toHaveLength(1)
  })
})

describe('input files are bounded in size', () => {
  it('a file over 1 MiB is refused before it is read, by path and as given bytes', async () => {
    const path = join(dir, 'huge.pem')
    await writeFile(path, '')
    await truncate(path, MAX_INPUT_FILE_BYTES + 1)
    const error = await rejection(readInputFile(path))
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE' })
    expect(error.message).toContain(`${path} is ${MAX_INPUT_FILE_BYTES + 1} bytes`)
    const given = inputFile('huge.pem', new Uint8Array(MAX_INPUT_FILE_BYTES + 1))
    expect(() => readBundleFiles([given])).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }))
  })

  it('a file of exactly 1 MiB is read', async () => {
    const path = join(dir, 'edge.bin')
    await writeFile(path, '')
    await truncate(path, MAX_INPUT_FILE_BYTES)
    expect((await readInputFile(path)).length).toBe(MAX_INPUT_FILE_BYTES)
  })
})

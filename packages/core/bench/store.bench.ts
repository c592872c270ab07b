/**
 * Store benchmark: open, one save and a list with 10,000 certificates in the repository.
 * Run: node --import tsx packages/core/bench/store.bench.ts  (BENCH_CERTS=n for another size)
 *
 * Each certificate is shaped like a real entry: a leaf PEM of 1.2–1.8 KB, a two-certificate
 * chain drawn from a few shared issuers, an RSA-2048 PKCS#8 key sealed by the real vault
 * (fresh IV each, so every ciphertext differs), tags, and for one in ten an earlier version
 * with its own PEM and sealed key. PEM bodies are random bytes of certificate size: the
 * store only sees text of that length. Prints a markdown table (median of several runs) and,
 * as the last line, the figures as JSON.
 */
import 'reflect-metadata'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Certificate, CertificateVersion } from '../src/domain/certificate.js'
import { sealBinding } from '../src/domain/sealed-secret.js'
import { emptyStoreData } from '../src/domain/store-data.js'
import { openCertDeck } from '../src/open-certdeck.js'
import { FileStore } from '../src/store/file-store.js'
import { createVault, unlockVault } from '../src/vault/vault-header.js'
import type { AesGcmVault } from '../src/vault/aes-gcm-vault.js'

const COUNT = Number(process.env.BENCH_CERTS ?? 10_000)
const PASSPHRASE = 'benchmark master passphrase'

const pem = (derBytes: number) =>
  `-----BEGIN CERTIFICATE-----\n${randomBytes(derBytes)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END CERTIFICATE-----\n`
const hex = (bytes: number) => randomBytes(bytes).toString('hex')
const issuers = Array.from({ length: 4 }, () => [pem(1100), pem(950)])
const keyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string

function version(i: number, n: number, vault: AesGcmVault): CertificateVersion {
  const day = 86_400_000
  const publicKeySha256 = hex(32)
  return {
    version: n,
    publicKeySha256,
    fingerprintSha256: hex(32),
    serial: hex(16),
    subject: `CN=host${i}.example.com,O=Example Corp`,
    commonName: `host${i}.example.com`,
    sans: [`host${i}.example.com`, `www.host${i}.example.com`],
    issuer: `CN=Example Issuing CA ${i % 4},O=Example Corp`,
    notBefore: new Date(Date.now() - 30 * day).toISOString(),
    notAfter: new Date(Date.now() + (i % 400) * day).toISOString(),
    keyAlgorithm: 'RSA_2048',
    selfSigned: false,
    pem: pem(900 + (i % 400)),
    chainPem: issuers[i % 4],
    privateKey: vault.seal(keyPem, sealBinding('private-key', publicKeySha256)),
    origin: 'imported',
    addedAt: new Date().toISOString(),
  }
}

function certificate(i: number, vault: AesGcmVault): Certificate {
  const now = new Date().toISOString()
  return {
    ...version(i, i % 10 === 0 ? 2 : 1, vault),
    id: hex(6),
    versions: i % 10 === 0 ? [version(i, 1, vault)] : [],
    tags: { env: i % 3 ? 'prod' : 'staging', team: `team-${i % 12}` },
    createdAt: now,
    updatedAt: now,
  }
}

/** On-CPU time of the main thread in ms (Linux), to tell this code's cost from a busy machine's. */
function mainThreadCpu(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
  } catch {
    return undefined
  }
}

interface Sample {
  readonly wall: number
  readonly cpu: number | undefined
}

async function time(fn: () => Promise<unknown>): Promise<Sample> {
  const cpu = mainThreadCpu()
  const start = performance.now()
  await fn()
  const end = mainThreadCpu()
  return { wall: performance.now() - start, cpu: cpu === undefined || end === undefined ? undefined : end - cpu }
}

async function runs(n: number, fn: (i: number) => Promise<unknown>): Promise<Sample[]> {
  const out: Sample[] = []
  for (let i = 0; i < n; i++) out.push(await time(() => fn(i)))
  return out
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const fmt = (ms: number | undefined) => (ms === undefined ? '–' : ms.toFixed(1))

const dir = await mkdtemp(join(tmpdir(), 'certdeck-bench-'))
try {
  const { vault, header } = await createVault(PASSPHRASE)
  const store = await FileStore.create(dir, { ...emptyStoreData(), vault: header })
  const certificates = Array.from({ length: COUNT }, (_, i) => certificate(i, vault))
  const seedMs = (await time(() => store.update((data) => void data.certificates.push(...certificates)))).wall
  const files = await readdir(dir)
  const documentBytes = (await stat(join(dir, 'certdeck.json'))).size
  const packBytes = (await Promise.all(files.filter((f) => f.endsWith('.pack')).map((f) => stat(join(dir, f))))).reduce(
    (sum, s) => sum + s.size,
    0,
  )

  const rows: { name: string; samples: Sample[]; target?: number }[] = []
  const firstOpen = await time(async () => (await FileStore.open(dir)).read())
  rows.push({ name: 'store open, first in the process (read + parse + hydrate)', samples: [firstOpen], target: 300 })
  rows.push({
    name: 'store open (read + parse + hydrate)',
    samples: await runs(7, async () => (await FileStore.open(dir)).read()),
    target: 300,
  })
  rows.push({
    name: 'vault unlock (scrypt N=2^16, r=8, p=1)',
    samples: await runs(5, () => unlockVault(header, PASSPHRASE)),
  })
  rows.push({
    name: 'openCertDeck (scrypt unlock + store open + plugins)',
    samples: await runs(3, () => openCertDeck({ dataDir: dir, passphrase: PASSPHRASE })),
  })

  const deck = await openCertDeck({ dataDir: dir, passphrase: PASSPHRASE })
  ;(globalThis as { gc?: () => void }).gc?.()
  const heapMb = process.memoryUsage().heapUsed / 1e6
  const ids = certificates.map((c) => c.id)
  rows.push({
    name: 'one save: tag one certificate (facade, audited)',
    samples: await runs(9, (i) => deck.certificates.tag(ids[i * 7], { owner: `o${i}` })),
    target: 150,
  })
  const raw = await FileStore.open(dir)
  rows.push({
    name: 'one save: store.update replacing one certificate',
    samples: await runs(9, (i) =>
      raw.update((data) => {
        data.certificates[i] = { ...data.certificates[i], updatedAt: new Date().toISOString() }
      }),
    ),
    target: 150,
  })
  rows.push({
    name: 'one save: add one new certificate (appends its blobs)',
    samples: await runs(5, (i) => raw.update((data) => void data.certificates.push(certificate(COUNT + i, vault)))),
  })
  rows.push({
    name: 'one save: delete one certificate (rewrites the pack without its key)',
    samples: await runs(3, () => raw.update((data) => void data.certificates.pop())),
  })
  rows.push({ name: 'list all (facade)', samples: await runs(7, () => deck.certificates.list()) })
  rows.push({
    name: 'list with search "host77" (facade)',
    samples: await runs(7, () => deck.certificates.list({ search: 'host77' })),
  })
  rows.push({
    name: 'list after another writer saved (re-read + list)',
    samples: await runs(5, async (i) => {
      await raw.update((data) => {
        data.certificates[i] = { ...data.certificates[i], updatedAt: new Date().toISOString() }
      })
      await deck.certificates.list()
    }),
  })

  console.log(
    `${COUNT} certificates: document ${(documentBytes / 1e6).toFixed(1)} MB + pack ` +
      `${(packBytes / 1e6).toFixed(1)} MB; first write of all ${fmt(seedMs)} ms; heap ${heapMb.toFixed(0)} ` +
      `MB with the bench's own copy and one open repository\n`,
  )
  console.log('| operation | median ms | min | max | main-thread CPU ms (median) | runs | target |')
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  const walls = (row: (typeof rows)[number]) => row.samples.map((sample) => sample.wall)
  for (const row of rows) {
    const cpus = row.samples.map((sample) => sample.cpu)
    const cpu = cpus.every((c) => c !== undefined) ? median(cpus as number[]) : undefined
    console.log(
      `| ${row.name} | ${fmt(median(walls(row)))} | ${fmt(Math.min(...walls(row)))} | ` +
        `${fmt(Math.max(...walls(row)))} | ${fmt(cpu)} | ${row.samples.length} | ` +
        `${row.target ? `≤ ${row.target}` : ''} |`,
    )
  }
  const figure = (prefix: string) => Math.round(median(walls(rows.find((r) => r.name.startsWith(prefix))!)))
  console.log(
    JSON.stringify({
      bench: 'core/store',
      certificates: COUNT,
      documentBytes,
      packBytes,
      seedMs: Math.round(seedMs),
      heapMb: Math.round(heapMb),
      openMs: figure('store open ('),
      firstOpenMs: Math.round(firstOpen.wall),
      unlockMs: figure('vault unlock'),
      openCertDeckMs: figure('openCertDeck'),
      saveMs: figure('one save: tag'),
      rawSaveMs: figure('one save: store.update'),
      addMs: figure('one save: add'),
      deleteMs: figure('one save: delete'),
      listMs: figure('list all'),
      searchMs: figure('list with search'),
      listAfterChangeMs: figure('list after another'),
    }),
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}

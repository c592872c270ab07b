/**
 * Watch benchmark: one notification evaluation (what `certdeck watch --once` does in its notify
 * and renew tasks) over 10,000 certificates and 1,000 requests in a file repository, 1,000 of
 * them crossing a threshold at once, sent to a webhook (a local HTTP server) and a command
 * channel. Prints a markdown table and, as the last line, the figures as JSON.
 * Run: node --import tsx packages/core/bench/watch.bench.ts  (BENCH_CERTS=n for another size)
 */
import 'reflect-metadata'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { container } from 'tsyringe'
import type { Certificate } from '../src/domain/certificate.js'
import type { CertificateRequest, RequestState } from '../src/domain/certificate-request.js'
import { emptyStoreData } from '../src/domain/store-data.js'
import { AuditLog } from '../src/ports/audit-log.js'
import { Clock, systemClock } from '../src/ports/clock.js'
import { Store } from '../src/ports/store.js'
import { Vault } from '../src/ports/vault.js'
import {
  NotificationService,
  Notifiers,
  defaultNotifiers,
  evaluateEvents,
  rulesOf,
} from '../src/services/notifications/index.js'
import { renewalCandidates, watchConfigOf } from '../src/services/watch/index.js'
import { FileStore } from '../src/store/file-store.js'
import { MemoryAuditLog } from '../src/testing/memory-audit-log.js'
import { MemoryVault } from '../src/testing/memory-vault.js'

const COUNT = Number(process.env.BENCH_CERTS ?? 10_000)
const REQUESTS = 1_000
const CROSSING = 1_000
const DAY = 86_400_000
const hex = (bytes: number) => randomBytes(bytes).toString('hex')
const pem = (bytes: number) =>
  `-----BEGIN CERTIFICATE-----\n${randomBytes(bytes).toString('base64')}\n-----END CERTIFICATE-----\n`

function certificate(i: number, now: number): Certificate {
  // The first CROSSING certificates expire within 7 days; the rest in 60–400 days.
  const notAfter = new Date(now + (i < CROSSING ? 2 + (i % 5) : 60 + (i % 340)) * DAY).toISOString()
  const at = new Date(now - 30 * DAY).toISOString()
  return {
    id: hex(6),
    version: 1,
    fingerprintSha256: hex(32),
    serial: hex(16),
    subject: `CN=host${i}.example.com`,
    commonName: `host${i}.example.com`,
    sans: [`host${i}.example.com`],
    issuer: 'CN=Example CA',
    notBefore: at,
    notAfter,
    keyAlgorithm: 'RSA_2048',
    selfSigned: false,
    pem: pem(1200),
    chainPem: [],
    origin: 'imported',
    addedAt: at,
    versions: [],
    tags: { env: i % 3 ? 'prod' : 'staging' },
    createdAt: at,
    updatedAt: at,
  }
}

function request(i: number, now: number): CertificateRequest {
  const states: RequestState[] = ['ISSUED', 'ISSUED', 'ISSUED', 'PENDING_VALIDATION', 'FAILED']
  const at = new Date(now - (i % 10) * DAY).toISOString()
  return {
    id: hex(6),
    kind: 'public',
    credentialId: 'c1',
    region: 'us-east-1',
    domain: `req${i}.example.com`,
    sans: [],
    state: states[i % states.length] as RequestState,
    validations: [],
    history: [],
    createdAt: at,
    updatedAt: at,
  }
}

function services(store: FileStore) {
  const child = container.createChildContainer()
  child.register(Store, { useValue: store })
  child.register(Vault, { useValue: new MemoryVault() })
  child.register(AuditLog, { useValue: new MemoryAuditLog() })
  child.register(Clock, { useValue: systemClock })
  child.register(Notifiers, { useValue: defaultNotifiers })
  return child.resolve(NotificationService)
}

/** The measured part, in a process of its own (as `certdeck watch --once` is): open, evaluate, send twice. */
async function measure(home: string): Promise<void> {
  const started = performance.now()
  const store = await FileStore.open(home)
  const openMs = performance.now() - started
  const notifications = services(store)
  const evalStart = performance.now()
  const read = await store.read()
  const events = evaluateEvents({ data: read, rules: rulesOf(read), now: new Date() })
  const candidates = renewalCandidates(read, watchConfigOf(read), new Date())
  const evaluateMs = performance.now() - evalStart
  const runStart = performance.now()
  const first = await notifications.run()
  const firstMs = performance.now() - runStart
  const againStart = performance.now()
  const second = await notifications.run()
  const secondMs = performance.now() - againStart
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  process.stdout.write(
    `${JSON.stringify({
      openMs,
      evaluateMs,
      firstMs,
      secondMs,
      events: events.length,
      candidates: candidates.length,
      deliveries: first.deliveries,
      second: second.deliveries.length,
      peakRssMb,
    })}\n`,
  )
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'certdeck-watch-bench-'))
  let posts = 0
  let bytes = 0
  const server = createServer((req, res) => {
    req.on('data', (c: Buffer) => (bytes += c.length))
    req.on('end', () => {
      posts++
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const now = Date.now()
    const home = join(dir, 'home')
    const data = emptyStoreData()
    data.certificates = Array.from({ length: COUNT }, (_, i) => certificate(i, now))
    data.requests = Array.from({ length: REQUESTS }, (_, i) => request(i, now))
    const store = await FileStore.create(home, data)
    const script = join(dir, 'notify.sh')
    await writeFile(script, `#!/bin/sh\ncat > '${join(dir, 'batch.json')}'\n`)
    await chmod(script, 0o700)
    const notifications = services(store)
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    await notifications.addChannel({ kind: 'webhook', name: 'hook', url })
    await notifications.addChannel({ kind: 'command', name: 'script', script })
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
        env: { ...process.env, BENCH_WATCH_HOME: home },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let text = ''
      child.stdout.on('data', (c: Buffer) => (text += c.toString()))
      child.on('error', reject)
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`measuring process exited ${code}`))))
    })
    const r = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
      openMs: number
      evaluateMs: number
      firstMs: number
      secondMs: number
      events: number
      candidates: number
      deliveries: { channel: string; ok: boolean }[]
      second: number
      peakRssMb: number
    }
    const scriptRuns = r.deliveries.filter((d) => d.channel === 'script' && d.ok).length
    const rows: [string, string][] = [
      ['certificates / requests', `${COUNT.toLocaleString('en')} / ${REQUESTS.toLocaleString('en')}`],
      ['events found (1,000 crossing a threshold + stuck/failed requests)', `${r.events}`],
      ['open the repository', `${r.openMs.toFixed(0)} ms`],
      ['evaluation (expiry + event + renewal policies)', `${r.evaluateMs.toFixed(0)} ms`],
      ['first run: evaluate, one digest per channel, sent-state saved', `${r.firstMs.toFixed(0)} ms`],
      ['messages per channel (webhook posts / script runs)', `${posts} / ${scriptRuns}`],
      ['webhook digest size', `${(bytes / 1024).toFixed(0)} KB`],
      ['second run: nothing new, nothing sent', `${r.secondMs.toFixed(0)} ms (${r.second} deliveries)`],
      ['peak RSS of the measuring process', `${r.peakRssMb.toFixed(0)} MB`],
    ]
    console.log('| measure | figure |\n|---|---:|')
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`)
    console.log(JSON.stringify({ ...r, deliveries: r.deliveries.length, posts }))
    if (posts !== 1 || scriptRuns !== 1) throw new Error('expected one message per channel')
  } finally {
    server.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.env.BENCH_WATCH_HOME) await measure(process.env.BENCH_WATCH_HOME)
else await main()

/**
 * Sandbox benchmark: seeding 30 regions × 1,000 real certificates (eager and lazy bodies), then
 * ListCertificates / DescribeCertificate / GetCertificate throughput through the real ACM client
 * with quotas off. The sandbox runs in its own process; its CPU time per call is reported apart
 * from wall time, which depends on the SDK client and on the machine's load.
 * Run: node --expose-gc --import tsx packages/aws-sandbox/bench/sandbox.bench.ts
 */
import {
  ACMClient,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ListCertificatesCommand,
} from '@aws-sdk/client-acm'
import { fork, type ChildProcess } from 'node:child_process'
import { Agent } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { SeedOptions, SeedReport } from '../src/index.js'

const REGIONS = Array.from({ length: 30 }, (_, i) => `bench-${String(i).padStart(2, '0')}`)
const PER_REGION = 1000
const ALL_KEY_TYPES = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const
const rows: string[][] = []

interface Child {
  readonly endpoint: string
  request<T>(message: object): Promise<T>
  readonly process: ChildProcess
}

async function spawnSandbox(): Promise<Child> {
  const child = fork(fileURLToPath(new URL('./sandbox-process.ts', import.meta.url)), {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)))
  const { endpoint } = await next<{ endpoint: string }>()
  return {
    endpoint,
    process: child,
    request: <T>(message: object) => {
      const reply = next<T>()
      child.send(message)
      return reply
    },
  }
}

async function seed(child: Child, label: string, options: SeedOptions): Promise<void> {
  await child.request({ seed: { regions: ['warm-up'], certsPerRegion: 1, keyTypes: options.keyTypes } })
  const started = performance.now()
  const { report, cpuMs, heapMb } = await child.request<{ report: SeedReport; cpuMs: number; heapMb: number }>({
    seed: options,
  })
  const wall = performance.now() - started
  rows.push([
    label,
    `${(wall / 1000).toFixed(2)} s`,
    `${(cpuMs / 1000).toFixed(2)} s`,
    `${Math.round(report.certificates / (cpuMs / 1000))} certs per CPU-second; heap +${heapMb.toFixed(0)} MB`,
  ])
}

const client = (endpoint: string, region: string): ACMClient =>
  new ACMClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' },
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) },
  })

async function listAll(acm: ACMClient, statuses?: 'ISSUED'[]): Promise<string[]> {
  const arns: string[] = []
  let NextToken: string | undefined
  do {
    const page = await acm.send(
      new ListCertificatesCommand({
        MaxItems: 1000,
        NextToken,
        CertificateStatuses: statuses,
        Includes: { keyTypes: [...ALL_KEY_TYPES] },
      }),
    )
    arns.push(...page.CertificateSummaryList!.map((s) => s.CertificateArn!))
    NextToken = page.NextToken
  } while (NextToken)
  return arns
}

async function measure(
  child: Child,
  label: string,
  calls: number,
  run: () => Promise<unknown>,
  unit = 'calls',
): Promise<void> {
  const before = await child.request<{ cpuMs: number; calls: number }>({ stats: true })
  const started = performance.now()
  await run()
  const wall = performance.now() - started
  const after = await child.request<{ cpuMs: number; calls: number }>({ stats: true })
  const served = after.calls - before.calls
  const cpu = after.cpuMs - before.cpuMs
  rows.push([
    label,
    `${wall.toFixed(0)} ms`,
    `${cpu.toFixed(0)} ms`,
    `${Math.round(calls / (wall / 1000))} ${unit}/s through the SDK; sandbox ` +
      `${((cpu * 1000) / served).toFixed(0)} µs CPU per request (${Math.round(served / (cpu / 1000))} req ` +
      `per CPU-second)`,
  ])
}

async function pool(calls: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) await call(next++)
    }),
  )
}

const lazy = await spawnSandbox()
await seed(lazy, `seed ${REGIONS.length} × ${PER_REGION}, lazyBodies: true`, {
  regions: REGIONS,
  certsPerRegion: PER_REGION,
  lazyBodies: true,
})
lazy.process.send({ close: true })

const sandbox = await spawnSandbox()
await seed(sandbox, `seed ${REGIONS.length} × ${PER_REGION}, eager (every body signed)`, {
  regions: REGIONS,
  certsPerRegion: PER_REGION,
})
{
  const clients = REGIONS.map((r) => client(sandbox.endpoint, r))
  await listAll(clients[0])
  await measure(
    sandbox,
    `ListCertificates, all ${REGIONS.length} regions in parallel, 1,000 per page`,
    REGIONS.length * PER_REGION,
    async () => {
      const lists = await Promise.all(clients.map((c) => listAll(c)))
      if (lists.flat().length !== REGIONS.length * PER_REGION) throw new Error('ListCertificates lost certificates')
    },
    'summaries',
  )
  const acm = clients[0]
  const arns = await listAll(acm)
  const issued = await listAll(acm, ['ISSUED'])
  await measure(sandbox, 'DescribeCertificate × 3,000, 16 in flight', 3000, () =>
    pool(3000, 16, (i) => acm.send(new DescribeCertificateCommand({ CertificateArn: arns[i % arns.length] }))),
  )
  await measure(sandbox, 'GetCertificate × 3,000, 16 in flight', 3000, () =>
    pool(3000, 16, (i) => acm.send(new GetCertificateCommand({ CertificateArn: issued[i % issued.length] }))),
  )
  await measure(sandbox, 'ListCertificates MaxItems 100 × 500, 16 in flight', 500, () =>
    pool(500, 16, () => acm.send(new ListCertificatesCommand({ MaxItems: 100 }))),
  )
}
sandbox.process.send({ close: true })

console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end\n`)
console.log('| measure | wall | sandbox CPU | rate |')
console.log('|---|---|---|---|')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)

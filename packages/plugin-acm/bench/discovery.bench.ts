/**
 * Discovery of 30 regions × 1,000 certificates (mixed key types) against the sandbox enforcing
 * AWS's quotas with 30 ms latency per call: CertDeck's discovery (first scan and re-scan) beside
 * a baseline that describes every certificate. The baseline is measured on the first
 * BASELINE_PER_REGION certificates of every region and extrapolated (a full run takes minutes).
 * The sandbox and each client run in their own processes. Prints a markdown table.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ACM_REGIONS } from '@certdeck/plugin-acm'

const REGIONS = ACM_REGIONS.slice(0, 30)
const PER_REGION = 1000
const BASELINE_PER_REGION = 100
const execArgv = ['--import', 'tsx']

function once<T>(child: ChildProcess, pick: (m: Record<string, unknown>) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (!pick(message)) return
      child.off('message', onMessage)
      resolve(message as T)
    }
    child.on('message', onMessage)
    child.once('exit', (code) => code !== 0 && reject(new Error(`${child.spawnfile} exited with ${code}`)))
  })
}

interface Calls {
  attempts: number
  throttled: number
  byOperation: Record<string, number>
}

const sandbox = fork(fileURLToPath(new URL('./sandbox-process.ts', import.meta.url)), {
  execArgv,
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const { endpoint } = await once<{ endpoint: string }>(sandbox)
const calls = async (): Promise<Calls> => {
  sandbox.send({ calls: true })
  return once<Calls>(sandbox, (m) => 'attempts' in m)
}
const seedStart = performance.now()
for (let i = 0; i < REGIONS.length; i += 10) {
  sandbox.send({
    seed: {
      regions: REGIONS.slice(i, i + 10),
      certsPerRegion: PER_REGION,
      mix: { amazonIssued: 0.55, imported: 0.25, private: 0.15, pending: 0.05 },
      keyTypes: {
        RSA_2048: 0.45,
        EC_prime256v1: 0.25,
        EC_secp384r1: 0.1,
        RSA_4096: 0.1,
        RSA_3072: 0.05,
        EC_secp521r1: 0.05,
      },
    },
  })
  await once(sandbox, (m) => 'report' in m)
}
const seedMs = performance.now() - seedStart
await calls()

const worker = (args: string[]) =>
  fork(fileURLToPath(new URL('./discovery-worker.ts', import.meta.url)), args, {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })

const deck = worker(['certdeck', endpoint, REGIONS.join(',')])
await once(deck, (m) => m.phase === 'first')
const firstCalls = await calls()
deck.send({ go: true })
const { result: mine } = await once<{
  result: {
    firstMs: number
    firstListMs: number
    secondMs: number
    first: { found: number; failedRegions: unknown[] }
    second: { found: number }
    peakRssMb: number
  }
}>(deck, (m) => 'result' in m)
const secondCalls = await calls()

const base = worker(['baseline', endpoint, REGIONS.join(','), String(BASELINE_PER_REGION)])
const { result: theirs } = await once<{
  result: {
    regions: { total: number; described: number; listMs: number; describeMs: number; lost: number }[]
    peakRssMb: number
  }
}>(base, (m) => 'result' in m)
const baseCalls = await calls()
sandbox.send({ close: true })

const total = theirs.regions.reduce((n, r) => n + r.total, 0)
const described = theirs.regions.reduce((n, r) => n + r.described, 0)
const lost = theirs.regions.reduce((n, r) => n + r.lost, 0)
const measuredMs = Math.max(...theirs.regions.map((r) => r.listMs + r.describeMs))
const projectedMs = Math.max(
  ...theirs.regions.map((r) => r.listMs + (r.describeMs * r.total) / Math.max(1, r.described)),
)
const describeAttempts = baseCalls.byOperation.DescribeCertificate ?? 0
const projectedCalls =
  (baseCalls.byOperation.ListCertificates ?? 0) + Math.round((describeAttempts * total) / Math.max(1, described))
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const mb = (n: number) => `${n.toFixed(0)} MB`

console.log(
  `Sandbox: ${REGIONS.length} regions × ${PER_REGION} certificates (${total} listed), AWS quotas, 30 ms ` +
    `per call; seeded in ${s(seedMs)}.\n`,
)
console.log('| run | certificates | wall time | API calls (throttled) | peak RSS |')
console.log('|---|---:|---:|---:|---:|')
console.log(
  `| CertDeck discovery, first scan (${mine.first.failedRegions.length} regions failed) | ` +
    `${mine.first.found} | ${s(mine.firstMs)} | ${firstCalls.attempts} (${firstCalls.throttled}) | ` +
    `${mb(mine.peakRssMb)} |`,
)
console.log(
  `| CertDeck discovery, re-scan | ${mine.second.found} | ${s(mine.secondMs)} | ${secondCalls.attempts} ` +
    `(${secondCalls.throttled}) | ${mb(mine.peakRssMb)} |`,
)
console.log(
  `| baseline: list + DescribeCertificate each, measured (${BASELINE_PER_REGION}/region) | ${described} ` +
    `described | ${s(measuredMs)} | ${baseCalls.attempts} (${baseCalls.throttled}); ${lost} lost | ` +
    `${mb(theirs.peakRssMb)} |`,
)
console.log(`| baseline, extrapolated to all | ${total} | ~${s(projectedMs)} | ~${projectedCalls} | – |`)
console.log(
  `\nFirst scan: every region listed after ${s(mine.firstListMs)}; merging and the store write took the ` +
    `remaining ${s(mine.firstMs - mine.firstListMs)}.`,
)
console.log(`\nTarget: all ${total} in ≤ 3 s → ${mine.firstMs <= 3000 ? 'met' : 'MISSED'} (${s(mine.firstMs)}).`)

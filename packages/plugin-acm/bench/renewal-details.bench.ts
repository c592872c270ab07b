/**
 * The background details pass over 30 regions × 1,000 certificates (a third in use) against the
 * sandbox enforcing AWS's quotas with 30 ms latency per call: CertDeck's pass (DescribeCertificate
 * for the certificates that matter, 10/s per region, all regions at once) beside describing every
 * certificate through the same path. Describing everything is measured on BASELINE_PER_REGION
 * certificates of every region and extrapolated (the full run takes minutes). The sandbox runs
 * in its own process. Prints a markdown table.
 */
import 'reflect-metadata'
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { initCertDeck, needsDetails, openCertDeck } from '@certdeck/core'
import acm, { ACM_REGIONS } from '@certdeck/plugin-acm'

const REGIONS = ACM_REGIONS.slice(0, 30)
const PER_REGION = 1000
const BASELINE_PER_REGION = 100

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
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
})
const { endpoint } = await once<{ endpoint: string }>(sandbox)
const calls = async (): Promise<Calls> => {
  sandbox.send({ calls: true })
  return once<Calls>(sandbox, (m) => 'attempts' in m)
}
for (let i = 0; i < REGIONS.length; i += 10) {
  sandbox.send({
    seed: {
      regions: REGIONS.slice(i, i + 10),
      certsPerRegion: PER_REGION,
      mix: { amazonIssued: 0.55, imported: 0.25, private: 0.15, pending: 0.05 },
      inUse: 1 / 3,
      lazyBodies: true,
    },
  })
  await once(sandbox, (m) => 'report' in m)
}

const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-bench-'))
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
try {
  const passphrase = 'benchmark master passphrase'
  await initCertDeck({ dataDir, passphrase, scrypt: { N: 2 ** 12, r: 8, p: 1 } })
  const deck = await openCertDeck({ dataDir, passphrase, plugins: [acm()] })
  await deck.credentials.add({
    name: 'bench',
    kind: 'static',
    accessKeyId: 'AKIABENCH00000000001',
    secretAccessKey: 'bench-secret',
    endpoint,
  })
  await deck.cloud.discover({ regions: REGIONS, iam: false })
  const records = await deck.cloud.list()
  const inUse = records.filter((r) => r.inUse).length
  const mattering = records.filter((r) => needsDetails(r, new Date())).length
  await calls()

  const t0 = performance.now()
  const pass = await deck.cloud.readDetails!()
  const passMs = performance.now() - t0
  const passCalls = await calls()

  // Describing everything, measured on the first BASELINE_PER_REGION of each region.
  const sample = REGIONS.flatMap((region) =>
    records
      .filter((r) => r.region === region)
      .slice(0, BASELINE_PER_REGION)
      .map((r) => r.arn),
  )
  const t1 = performance.now()
  const all = await deck.cloud.readDetails!({ arns: sample })
  const sampleMs = performance.now() - t1
  const sampleCalls = await calls()
  const projectedMs = (sampleMs * PER_REGION) / BASELINE_PER_REGION
  const projectedCalls = Math.round((sampleCalls.attempts * records.length) / Math.max(1, sample.length))

  console.log(
    `Sandbox: ${REGIONS.length} regions × ${PER_REGION} certificates (${records.length} listed, ${inUse} in use), ` +
      'AWS quotas (DescribeCertificate 10/s per region), 30 ms per call.\n',
  )
  console.log('| run | certificates described | wall time | DescribeCertificate calls (throttled) | unread |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(
    `| CertDeck details pass (in use, Amazon-issued ≤ 60 days, renewal-eligible: ${mattering}) | ${pass.read} | ` +
      `${s(passMs)} | ${passCalls.byOperation.DescribeCertificate ?? 0} (${passCalls.throttled}) | ${pass.failed} |`,
  )
  console.log(
    `| describe every certificate, measured (${BASELINE_PER_REGION}/region) | ${all.read} | ${s(sampleMs)} | ` +
      `${sampleCalls.byOperation.DescribeCertificate ?? 0} (${sampleCalls.throttled}) | ${all.failed} |`,
  )
  console.log(
    `| describe every certificate, extrapolated | ${records.length} | ~${s(projectedMs)} | ~${projectedCalls} | – |`,
  )
} finally {
  sandbox.send({ close: true })
  await rm(dataDir, { recursive: true, force: true })
}

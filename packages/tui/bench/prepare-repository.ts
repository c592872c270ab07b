/**
 * Builds a repository for the TUI benchmark, in its own process so its memory does not count:
 * a sandbox seeded with REGIONS × PER_REGION certificates, a repository with a credential
 * pointing at it, and one discovery. Usage: prepare-repository.ts <dataDir> <regions> <perRegion>.
 * Prints {cloud, ms} as JSON.
 */
import 'reflect-metadata'
import { startSandbox } from '@certdeck/aws-sandbox'
import { initCertDeck, openCertDeck } from '@certdeck/core'
import acm, { ACM_REGIONS } from '@certdeck/plugin-acm'

const [dataDir, regionCount, perRegion] = process.argv.slice(2)
const passphrase = process.env.BENCH_PASSPHRASE ?? ''
const regions = ACM_REGIONS.slice(0, Number(regionCount))
const started = performance.now()
const sandbox = await startSandbox({ quotas: false })
await sandbox.control.seed({ regions, certsPerRegion: Number(perRegion), lazyBodies: true })
await initCertDeck({ dataDir, passphrase })
const deck = await openCertDeck({ dataDir, passphrase, plugins: [acm()] })
await deck.credentials.add({
  name: 'bench',
  kind: 'static',
  accessKeyId: 'AKIABENCH',
  secretAccessKey: 'bench-secret',
  endpoint: sandbox.endpoint,
})
const summary = await deck.cloud.discover({ credential: 'bench', regions, iam: false })
await sandbox.close()
process.stdout.write(`${JSON.stringify({ cloud: summary.found, ms: Math.round(performance.now() - started) })}\n`)
process.exit(0)

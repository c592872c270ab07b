/**
 * One measured client of discovery.bench.ts, in its own process (its peak RSS is its own):
 * `certdeck ENDPOINT REGIONS` runs CertDeck's discovery twice (first scan, then a re-scan);
 * `baseline ENDPOINT REGIONS N` lists every region and describes the first N certificates of
 * each, one after another, as a straightforward integration would. Prints one JSON line.
 */
import 'reflect-metadata'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm'
import { initCertDeck, KEY_ALGORITHMS, openCertDeck } from '@certdeck/core'
import acm from '@certdeck/plugin-acm'

const [mode, endpoint, regionList, perRegion] = process.argv.slice(2)
const regions = regionList.split(',')
const peakRssMb = () => process.resourceUsage().maxRSS / 1024

async function certdeck() {
  const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-bench-'))
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
    const t0 = performance.now()
    let listedAt = 0
    const first = await deck.cloud.discover({
      regions,
      onEvent: (e) => {
        if (e.type === 'region-done') listedAt = performance.now()
      },
    })
    const firstMs = performance.now() - t0
    const firstListMs = listedAt - t0
    process.send?.({ phase: 'first' })
    await new Promise((resolve) => process.once('message', resolve))
    const t1 = performance.now()
    const second = await deck.cloud.discover({ regions })
    const secondMs = performance.now() - t1
    return { firstMs, firstListMs, secondMs, first, second, peakRssMb: peakRssMb() }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function baseline() {
  const limit = Number(perRegion)
  const credentials = { accessKeyId: 'AKIABENCH00000000001', secretAccessKey: 'bench-secret' }
  const perRegionResults = await Promise.all(
    regions.map(async (region) => {
      const client = new ACMClient({ region, endpoint, credentials })
      const t0 = performance.now()
      const arns: string[] = []
      let NextToken: string | undefined
      do {
        const page = await client.send(
          new ListCertificatesCommand({ Includes: { keyTypes: [...KEY_ALGORITHMS] }, MaxItems: 1000, NextToken }),
        )
        arns.push(...(page.CertificateSummaryList ?? []).map((s) => s.CertificateArn!))
        NextToken = page.NextToken
      } while (NextToken)
      const listMs = performance.now() - t0
      let lost = 0
      const t1 = performance.now()
      for (const arn of arns.slice(0, limit)) {
        try {
          await client.send(new DescribeCertificateCommand({ CertificateArn: arn }))
        } catch {
          lost += 1
        }
      }
      return {
        region,
        total: arns.length,
        described: Math.min(limit, arns.length),
        listMs,
        describeMs: performance.now() - t1,
        lost,
      }
    }),
  )
  return { regions: perRegionResults, peakRssMb: peakRssMb() }
}

const result = mode === 'certdeck' ? await certdeck() : await baseline()
process.send?.({ result })
process.exit(0)

// A writer process of the concurrency tests, on the built packages: opens the repository named
// by CERTDECK_STORE_URL (password in PGPASSWORD) and, per argv:
//   tag CERT_ID WORKER COUNT  sets COUNT tags `wWORKER-i` on the certificate, one update each;
//   hang                      starts an update that writes 500 certificates and a document field,
//                             printing "writing" first (the test kills it while it waits on a lock);
//   diverge                   starts an update after which the cloud records no longer share one
//                             lastSeenAt (every row gets the shared value back first), printing
//                             "writing" first, as hang does.
import 'reflect-metadata'
import { openCertDeck } from '@certdeck/core'
import { postgresBackend } from '@certdeck/store-postgres'

const [mode, ...args] = process.argv.slice(2)
const backend = postgresBackend(process.env.CERTDECK_STORE_URL, { env: process.env })
if (mode === 'tag') {
  const [certId, worker, count] = args
  const deck = await openCertDeck({
    dataDir: process.env.CERTDECK_HOME,
    passphrase: process.env.CERTDECK_PASSPHRASE,
    backend,
  })
  for (let i = 0; i < Number(count); i++) await deck.certificates.tag(certId, { [`w${worker}-${i}`]: '1' })
  process.stdout.write('done\n')
} else if (mode === 'hang') {
  const { store } = await backend.open()
  const base = (await store.read()).certificates[0]
  await store.update((data) => {
    for (let i = 0; i < 500; i++) data.certificates.push({ ...base, id: `half-${i}` })
    data.futureSetting = { written: true }
    process.stdout.write('writing\n')
  })
  process.stdout.write('committed\n')
} else if (mode === 'diverge') {
  const { store } = await backend.open()
  await store.update((data) => {
    data.cloudCertificates = data.cloudCertificates.map((c, i) => ({
      ...c,
      lastSeenAt: i === 0 ? '2026-12-03T00:00:00.000Z' : '2026-12-02T00:00:00.000Z',
    }))
    process.stdout.write('writing\n')
  })
  process.stdout.write('committed\n')
}

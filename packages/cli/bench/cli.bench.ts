/**
 * How long `certdeck` commands take through the built bin, side by side in one run with what
 * no command can beat: a bare `node -e 0` and one scrypt unlock at the repository's default
 * cost. Rounds interleave the four so a busy machine slows them alike. The repository holds 100
 * certificates (created through core with a real key each). Prints a markdown table and the
 * targets: `--help` ≤ 3× bare node; `certs list` ≤ bare node + one scrypt + 150 ms.
 */
import 'reflect-metadata'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SCRYPT, initCertDeck, openCertDeck } from '@certdeck/core'

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm build first.`)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const CERTIFICATES = 100

const dataDir = mkdtempSync(join(tmpdir(), 'certdeck-cli-bench-'))
const passphrase = 'bench passphrase, long enough'
await initCertDeck({ dataDir, passphrase })
const deck = await openCertDeck({ dataDir, passphrase, plugins: [] })
for (let i = 0; i < CERTIFICATES; i++) {
  await deck.certificates.create({
    commonName: `host-${i}.bench.example`,
    sans: [`alt-${i}.bench.example`],
    tags: { env: i % 2 ? 'prod' : 'test', owner: 'team-a' },
  })
}

const env = { PATH: process.env.PATH ?? '', HOME: dataDir, CERTDECK_HOME: dataDir, CERTDECK_PASSPHRASE: passphrase }
const { N, r, p } = DEFAULT_SCRYPT
const scryptScript =
  `const t=performance.now();require('node:crypto').scryptSync('x',Buffer.alloc(16),32,` +
  `{N:${N},r:${r},p:${p},maxmem:${256 * N * r}});process.stdout.write(String(performance.now()-t))`

interface Case {
  readonly name: string
  readonly args: readonly string[]
  readonly times: number[]
  /** For the scrypt case: the time scrypt itself took inside its process. */
  readonly inner: number[]
}
const cases: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'], times: [], inner: [] },
  { name: 'one scrypt unlock (node -e scryptSync)', args: ['-e', scryptScript], times: [], inner: [] },
  { name: 'certdeck --help', args: [BIN, '--help'], times: [], inner: [] },
  { name: `certdeck certs list (${CERTIFICATES} certificates)`, args: [BIN, 'certs', 'list'], times: [], inner: [] },
]

function runOnce(c: Case): { ms: number; stdout: string } {
  const started = performance.now()
  const run = spawnSync(process.execPath, c.args, { env, encoding: 'utf8' })
  const ms = performance.now() - started
  if (run.status !== 0) throw new Error(`${c.name} failed (${run.status}): ${run.stderr}`)
  return { ms, stdout: run.stdout }
}

// One warm-up round (file cache), then the measured rounds.
for (const c of cases) runOnce(c)
const listed = runOnce(cases[3]).stdout.trim().split('\n').length - 1
if (listed !== CERTIFICATES) throw new Error(`certs list printed ${listed} rows, expected ${CERTIFICATES}`)
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const { ms, stdout } = runOnce(c)
    c.times.push(ms)
    if (c === cases[1]) c.inner.push(Number(stdout))
  }
}
rmSync(dataDir, { recursive: true, force: true })

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}
const p90 = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)]
}
const ms = (value: number) => `${Math.round(value)} ms`
const node = median(cases[0].times)
const scrypt = median(cases[1].inner)
const help = median(cases[2].times)
const list = median(cases[3].times)

console.log(
  `${ROUNDS} rounds on ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
)
console.log('| run | median | p90 |')
console.log('|---|---|---|')
for (const c of cases) console.log(`| ${c.name} | ${ms(median(c.times))} | ${ms(p90(c.times))} |`)
console.log(`| (scrypt alone, inside its process) | ${ms(scrypt)} | ${ms(p90(cases[1].inner))} |`)
console.log('')
const helpOk = help <= 3 * node
const listOk = list <= node + scrypt + 150
console.log(`--help: ${ms(help)} = ${(help / node).toFixed(2)}× bare node (target ≤ 3×): ${helpOk ? 'met' : 'NOT met'}`)
console.log(
  `certs list: ${ms(list)} = bare node + scrypt + ${ms(list - node - scrypt)} (target ≤ + 150 ms): ${listOk ? 'met' : 'NOT met'}`,
)
// On a shared machine every figure stretches with the load; the overhead in bare-node starts does much less.
console.log(
  `certs list overhead beyond node and scrypt: ${((list - node - scrypt) / node).toFixed(2)}× a bare node start`,
)

/**
 * The TUI's speed and memory on a real repository: first frame, keypress→frame latency while
 * scrolling and filtering a 10,000-row and a 30,000-row AWS table, and RSS with 30,000 cloud
 * certificates loaded. The repository is filled by a real discovery against the sandbox in a
 * child process; the TUI runs here through runTui on an in-memory terminal (100×30), exactly
 * as in a terminal but without one. Prints a markdown table.
 */
import 'reflect-metadata'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CertDeck } from '@certdeck/core'
import { FakeTerminalInput, FakeTerminalOutput } from './fake-terminal.js'

// As the certdeck bin runs it: React's production build (the bin sets NODE_ENV like this), and
// not in CI (Ink draws nothing until exit when it believes it runs in CI).
process.env.NODE_ENV ??= 'production'
delete process.env.CI
delete process.env.CONTINUOUS_INTEGRATION
const rssMb = () => {
  global.gc?.()
  return process.memoryUsage().rss / 2 ** 20
}
const { openCertDeck } = await import('@certdeck/core')
const { default: acm } = await import('@certdeck/plugin-acm')
const { runTui, SEQ } = await import('@certdeck/tui')
const baselineRssMb = rssMb()

const REGIONS = 30
const PER_REGION = 1000
const COLUMNS = 100
const ROWS = 30
/** Time between keys: key repeat speed, and more than one 60 fps frame. */
const KEY_GAP_MS = 35

const dataDir = mkdtempSync(join(tmpdir(), 'certdeck-tui-bench-'))
const passphrase = randomBytes(18).toString('base64url')
const prepared = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./prepare-repository.ts', import.meta.url)),
      dataDir,
      String(REGIONS),
      String(PER_REGION),
    ],
    {
      env: { ...process.env, BENCH_PASSPHRASE: passphrase },
      encoding: 'utf8',
    },
  ),
) as { cloud: number; ms: number }

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Session {
  readonly out: FakeTerminalOutput
  readonly input: FakeTerminalInput
  readonly done: Promise<void>
  readonly firstFrameMs: number
  readonly dataFrameMs: number
  /** RSS once the AWS tab shows its rows, before any key. */
  readonly loadedRssMb: number
}

/** Waits for a frame for which `done` holds; fails after 10 s with the last frame. */
async function frameShowing(out: FakeTerminalOutput, done: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`no such frame; the last one:\n${out.lastFrame}`)
    await out.nextFrame(1000)
  }
}

/** Starts the TUI on `deck` and waits until the AWS tab lists its rows. */
async function start(deck: CertDeck): Promise<Session> {
  const out = new FakeTerminalOutput(COLUMNS, ROWS)
  const input = new FakeTerminalInput()
  const t0 = performance.now()
  const done = runTui({
    deck,
    stdin: input as unknown as NodeJS.ReadStream,
    stdout: out as unknown as NodeJS.WriteStream,
    env: {},
  })
  await frameShowing(out, () => out.frames > 0)
  const firstFrameMs = out.frameTimes[0] - t0
  await frameShowing(out, () => !out.lastFrame.includes('Loading…') && out.lastFrame.includes(' in AWS'))
  const dataFrameMs = out.frameTimes.at(-1)! - t0
  input.write('2')
  await frameShowing(out, () => out.lastFrame.includes('Domain'))
  await pause(200)
  return { out, input, done, firstFrameMs, dataFrameMs, loadedRssMb: rssMb() }
}

/** Presses each key and times it until the frame it causes is drawn. */
async function timeKeys(session: Session, keys: readonly string[]): Promise<number[]> {
  const times: number[] = []
  for (const key of keys) {
    await pause(KEY_GAP_MS)
    const t0 = performance.now()
    const frame = session.out.nextFrame(2000)
    session.input.write(key)
    if (await frame) times.push(performance.now() - t0)
  }
  return times
}

const SCROLL = [
  ...Array(60).fill('j'),
  ...Array(10).fill(SEQ.pageDown),
  'G',
  ...Array(20).fill('k'),
  ...Array(10).fill(SEQ.pageUp),
  'g',
]
const FILTER = [
  '/',
  ...'eu-west',
  SEQ.backspace,
  SEQ.backspace,
  ...'st-2',
  SEQ.enter,
  ...Array(20).fill('j'),
  SEQ.escape,
  '/',
  ...'amazon 2048',
  SEQ.escape,
]

async function measure(deck: CertDeck) {
  const session = await start(deck)
  const scroll = await timeKeys(session, SCROLL)
  const filter = await timeKeys(session, FILTER)
  await pause(50)
  const rss = rssMb()
  session.input.write('q')
  await session.done
  return { session, scroll, filter, rssMb: rss }
}

/**
 * The built `certdeck` bin on the same repository in a pseudo-terminal, as a user runs it
 * (no tsx): its RSS once the AWS tab lists the 30,000 certificates. Undefined without a build.
 */
async function measureCli(): Promise<number | undefined> {
  const bin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url))
  if (!existsSync(bin) || !existsSync('/proc/self/status')) return undefined
  const { spawn } = await import('@lydell/node-pty')
  const env = {
    ...process.env,
    CERTDECK_HOME: dataDir,
    CERTDECK_PASSPHRASE: passphrase,
    TERM: 'xterm-256color',
  } as Record<string, string>
  delete env.NODE_ENV
  const pty = spawn(process.execPath, [bin], { cols: COLUMNS, rows: ROWS, env })
  let output = ''
  pty.onData((data) => {
    output += data
  })
  const waitFor = async (text: string) => {
    const deadline = performance.now() + 20_000
    while (!output.includes(text)) {
      if (performance.now() > deadline) throw new Error(`certdeck never showed ${text}`)
      await pause(20)
    }
  }
  await waitFor(' in AWS')
  pty.write('2')
  await waitFor('Domain')
  await pause(500)
  const status = readFileSync(`/proc/${pty.pid}/status`, 'utf8')
  pty.write('q')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024
}

const openStart = performance.now()
const deck = await openCertDeck({ dataDir, passphrase, plugins: [acm()] })
const openMs = performance.now() - openStart
const all = await deck.cloud.list()
const tenThousand: CertDeck = { ...deck, cloud: { ...deck.cloud, list: async () => all.slice(0, 10_000) } }

const large = await measure(deck)
const small = await measure(tenThousand)
const cli = await measureCli()
rmSync(dataDir, { recursive: true, force: true })

const ms = (n: number) => `${n.toFixed(1)} ms`
const row = (label: string, value: string, target: string, ok?: boolean) =>
  `| ${label} | ${value} | ${target} | ${ok === undefined ? '' : ok ? 'ok' : 'MISSED'} |`
const latency = (label: string, times: number[]) => [
  row(`${label}: median`, ms(percentile(times, 50)), '', undefined),
  row(`${label}: p95 (${times.length} keys)`, ms(percentile(times, 95)), '≤ 30 ms', percentile(times, 95) <= 30),
]
console.log(
  `Repository: ${prepared.cloud.toLocaleString('en-US')} cloud certificates from ${REGIONS} regions ` +
    `(prepared in ${(prepared.ms / 1000).toFixed(1)} s); openCertDeck ${ms(openMs)}; terminal ` +
    `${COLUMNS}×${ROWS}; ${KEY_GAP_MS} ms between keys.\n`,
)
console.log('| measure | value | target | |')
console.log('|---|---|---|---|')
console.log(
  row(
    'first frame (runTui → first frame)',
    ms(large.session.firstFrameMs),
    '≤ 500 ms',
    large.session.firstFrameMs <= 500,
  ),
)
console.log(row('first frame listing the repository', ms(large.session.dataFrameMs), '', undefined))
for (const line of [
  ...latency('10,000 rows, scrolling', small.scroll),
  ...latency('10,000 rows, filtering', small.filter),
  ...latency('30,000 rows, scrolling', large.scroll),
  ...latency('30,000 rows, filtering', large.filter),
])
  console.log(line)
console.log(
  row(
    'RSS, 30,000 cloud certificates loaded and shown',
    `${large.session.loadedRssMb.toFixed(0)} MB`,
    '≤ 200 MB',
    large.session.loadedRssMb <= 200,
  ),
)
console.log(row('RSS after the scrolling and filtering above', `${large.rssMb.toFixed(0)} MB`, '', undefined))
console.log(
  row(
    'RSS of the built certdeck bin, AWS tab of 30,000 shown',
    cli === undefined ? 'not measured (run pnpm build)' : `${cli.toFixed(0)} MB`,
    '≤ 200 MB',
    cli === undefined ? undefined : cli <= 200,
  ),
)
console.log(
  row(
    'RSS before opening the repository (Node, tsx, core, Ink, React)',
    `${baselineRssMb.toFixed(0)} MB`,
    '',
    undefined,
  ),
)

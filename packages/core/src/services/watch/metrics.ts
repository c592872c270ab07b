import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'
import type { CertDeck } from '../../api.js'
import type { TaskRunReport } from './scheduler.js'

/** What the metrics read: the facade's own services (the same the TUI shows). */
export type MetricsDeck = Pick<CertDeck, 'certificates' | 'cloud' | 'requests' | 'watch' | 'notifications'>

/** A running metrics endpoint. */
export interface MetricsServer {
  /** `host:port` it listens on. */
  readonly address: string
  /** Tells /healthz the scheduler loop is alive. */
  tick(): void
  /** Counts a task run (the loop's own view). */
  observe(report: TaskRunReport): void
  close(): Promise<void>
}

/** /healthz answers 503 once the loop has not turned for this long. */
const STALE_LOOP_MS = 15 * 60_000

/**
 * prom-client (and the OpenTelemetry API it loads), required when metrics are first built: only
 * `watch --metrics` serves them, and every other command would pay for loading them (as for
 * `node:http`, whose ES module face alone costs tens of milliseconds: it loads Node's fetch).
 */
function promClient(): typeof import('prom-client') {
  return createRequire(import.meta.url)('prom-client')
}

/** Builds the registry: every gauge is read from the services at scrape time. */
export function certdeckRegistry(deck: MetricsDeck): Registry {
  const { Counter, Gauge, Registry } = promClient()
  const registry = new Registry()
  new Gauge({
    name: 'certdeck_certificate_not_after_timestamp_seconds',
    help: 'The notAfter of each repository certificate (current version), as a Unix time.',
    labelNames: ['id', 'common_name', 'origin'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const c of await deck.certificates.list())
        this.set({ id: c.id, common_name: c.commonName, origin: c.origin }, Date.parse(c.notAfter) / 1000)
    },
  })
  new Gauge({
    name: 'certdeck_cloud_certificate_not_after_timestamp_seconds',
    help: 'The notAfter of each certificate the last discovery saw in a cloud store, as a Unix time.',
    labelNames: ['arn', 'region', 'account', 'kind'],
    registers: [registry],
    async collect() {
      this.reset()
      const list = await deck.cloud.list().catch(() => [])
      for (const c of list) {
        if (c.notAfter)
          this.set({ arn: c.arn, region: c.region, account: c.accountId, kind: c.kind }, Date.parse(c.notAfter) / 1000)
      }
    },
  })
  new Gauge({
    name: 'certdeck_cloud_certificate_renewal_health',
    help: "Each Amazon-issued certificate: 1 for its renewal health (ok, at-risk, failing) and its worst reason's code.",
    labelNames: ['arn', 'region', 'domain', 'state', 'reason'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const c of await deck.cloud.list().catch(() => [])) {
        const state = c.health?.state
        if (state)
          this.set(
            { arn: c.arn, region: c.region, domain: c.domain, state, reason: c.health?.reasons[0]?.code ?? '' },
            1,
          )
      }
    },
  })
  new Gauge({
    name: 'certdeck_request_state',
    help: 'Each request to ACM: 1 for its current state.',
    labelNames: ['id', 'domain', 'state'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const r of await deck.requests.list()) this.set({ id: r.id, domain: r.domain, state: r.state }, 1)
    },
  })
  const tasks = async () => (deck.watch ? (await deck.watch.status()).tasks : [])
  new Gauge({
    name: 'certdeck_task_last_success_timestamp_seconds',
    help: 'When each watch task last succeeded, as a Unix time.',
    labelNames: ['task'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const t of await tasks()) if (t.lastSuccessAt) this.set({ task: t.id }, Date.parse(t.lastSuccessAt) / 1000)
    },
  })
  new Gauge({
    name: 'certdeck_task_next_run_timestamp_seconds',
    help: 'When each watch task runs next, as a Unix time.',
    labelNames: ['task'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const t of await tasks()) this.set({ task: t.id }, Date.parse(t.nextRunAt) / 1000)
    },
  })
  new Counter({
    name: 'certdeck_task_failures_total',
    help: 'Failed runs of each watch task, kept in the repository.',
    labelNames: ['task'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const t of await tasks()) this.inc({ task: t.id }, t.failuresTotal ?? 0)
    },
  })
  const channels = async () => (deck.notifications ? await deck.notifications.channels() : [])
  new Counter({
    name: 'certdeck_notifications_sent_total',
    help: 'Digests each notification channel accepted.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const c of await channels()) this.inc({ channel: c.name }, c.delivered ?? 0)
    },
  })
  new Counter({
    name: 'certdeck_notifications_failed_total',
    help: 'Digests each notification channel did not accept (retried at the next run).',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset()
      for (const c of await channels()) this.inc({ channel: c.name }, c.failed ?? 0)
    },
  })
  return registry
}

/**
 * Serves `/metrics` (Prometheus text, prom-client) and `/healthz` (200 while the scheduler loop
 * turns, 503 once it has not for 15 min) on `host:port`. Give a loopback address unless the
 * metrics must be reached from elsewhere: they name certificates and accounts.
 */
export async function startMetricsServer(
  deck: MetricsDeck,
  listen: { readonly host: string; readonly port: number },
): Promise<MetricsServer> {
  const registry = certdeckRegistry(deck)
  const { Counter } = promClient()
  const { createServer } = process.getBuiltinModule('node:http')
  let lastTick = Date.now()
  const runs = new Counter({
    name: 'certdeck_task_runs_total',
    help: 'Task runs by this watcher since it started, by outcome.',
    labelNames: ['task', 'outcome'],
    registers: [registry],
  })
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') return void res.writeHead(405).end()
    if (req.url === '/healthz') {
      const alive = Date.now() - lastTick < STALE_LOOP_MS
      return void res.writeHead(alive ? 200 : 503, { 'content-type': 'text/plain' }).end(alive ? 'ok\n' : 'stalled\n')
    }
    if (req.url !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch((error: unknown) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
      )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(listen.port, listen.host, () => resolve())
  })
  const bound = server.address() as AddressInfo
  return {
    address: `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`,
    tick: () => {
      lastTick = Date.now()
    },
    observe: (report) => {
      lastTick = Date.now()
      runs.inc({ task: report.id, outcome: report.outcome })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

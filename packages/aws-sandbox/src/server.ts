import { createServer, type Server } from 'node:http'
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolveAccounts, type SandboxAccount } from './accounts.js'
import { createControl, type SandboxControl } from './control.js'
import { dispatch, type DispatchContext } from './dispatch.js'
import type { FaultOptions, FaultRule } from './faults.js'
import { QuotaLimiter, type QuotaOptions } from './quotas.js'
import { createPrng } from './random.js'
import { CallCounter } from './stats.js'
import type { ServiceHandler } from './types.js'
import { createWorld } from './world-impl.js'
import { createAcmService } from './acm/index.js'
import { createPcaService } from './pca/index.js'
import { createIamService } from './iam/index.js'
import { createRoute53Service } from './route53/index.js'
import type { SeedOptions } from './seed/plan.js'

/** How to start a sandbox. Every option is optional. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number
  /**
   * Data to load at start: `'demo'` (a small realistic set) or seeder options. Skipped when
   * `dataFile` already exists.
   */
  readonly seed?: 'demo' | SeedOptions
  /** Seed of the PRNG behind ids, serials, faults and random latency. @default 1 */
  readonly randomSeed?: number | string
  /** Latency added to every call: fixed ms, or drawn from [min, max]. @default 0 */
  readonly latencyMs?: FaultRule['latencyMs']
  /** AWS request-rate quotas: `false` off, a number scales them, an object scales and overrides. @default true */
  readonly quotas?: boolean | number | QuotaOptions
  /** Injected errors, latency and down regions. @default none */
  readonly faults?: FaultOptions
  /** Accounts (ids or {id, accessKeyIds, accessKeyPrefix}); the first is the default. @default ['111122223333'] */
  readonly accounts?: readonly (SandboxAccount | string)[]
  /** Delay before an ACM DNS validation CNAME shows in DescribeCertificate. @default 2000 */
  readonly validationDelayMs?: number
  /** Time after which an unvalidated ACM request becomes VALIDATION_TIMED_OUT. @default 72 hours */
  readonly validationTimeoutMs?: number
  /** Delay before a Route 53 change is INSYNC. @default 2000 */
  readonly changeSyncDelayMs?: number
  /** JSON file the state is loaded from (when it exists) and saved to (after writes, and on close). */
  readonly dataFile?: string
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`: give it to SDK clients as `endpoint` or `AWS_ENDPOINT_URL`. */
  readonly endpoint: string
  readonly port: number
  readonly control: SandboxControl
  /** Stops listening, saves to `dataFile` if set, and closes open connections. */
  close(): Promise<void>
}

const SAVE_DEBOUNCE_MS = 1000

/** Starts the sandbox on 127.0.0.1 (never another address). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const accounts = resolveAccounts(options.accounts)
  const handle = createWorld(
    {
      accounts: accounts.map((a) => a.id),
      validationDelayMs: nonNegative(options.validationDelayMs ?? 2000, 'validationDelayMs'),
      validationTimeoutMs: nonNegative(options.validationTimeoutMs ?? 72 * 3600 * 1000, 'validationTimeoutMs'),
      changeSyncDelayMs: nonNegative(options.changeSyncDelayMs ?? 2000, 'changeSyncDelayMs'),
    },
    options.randomSeed ?? 1,
  )
  const { world } = handle
  const iam = createIamService(world)
  const route53 = createRoute53Service(world)
  handle.setIam(iam.bridge)
  handle.setRoute53(route53.bridge)
  const services = new Map<string, ServiceHandler>(
    [createAcmService(world), createPcaService(world), iam, route53].map((s) => [s.service, s]),
  )
  const context: DispatchContext = {
    services,
    accounts,
    limiter: new QuotaLimiter(options.quotas),
    counter: new CallCounter(),
    prng: createPrng(`${options.randomSeed ?? 1}:faults`),
    faults: options.faults ?? {},
    latencyMs: options.latencyMs,
  }
  const control = createControl(handle, context)

  if (options.dataFile && existsSync(options.dataFile)) await control.load(options.dataFile)
  else if (options.seed) await control.seed(options.seed)

  let saveTimer: NodeJS.Timeout | undefined
  let saving: Promise<void> = Promise.resolve()
  const save = (): Promise<void> => (saving = saving.then(() => control.save(options.dataFile!)))
  if (options.dataFile) {
    await save()
    context.onWrite = () => {
      if (saveTimer) return
      saveTimer = setTimeout(() => {
        saveTimer = undefined
        void save()
      }, SAVE_DEBOUNCE_MS)
      saveTimer.unref()
    }
  }

  const server: Server = createServer((req, res) => {
    dispatch(context, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(`CertDeck AWS sandbox failure: ${(error as Error)?.message ?? error}`)
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    control,
    close() {
      closing ??= shutDown()
      return closing
    },
  }

  async function shutDown(): Promise<void> {
    clearTimeout(saveTimer)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    if (options.dataFile) await save()
  }
}

function nonNegative(value: number, name: string): number {
  if (!(value >= 0)) throw new RangeError(`${name} must be a non-negative number of milliseconds, not ${value}.`)
  return value
}

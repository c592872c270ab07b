import { parseArgs } from 'node:util'
import { startSandbox, type Sandbox } from './server.js'

/** Options of `certdeck sandbox serve`. */
export interface ServeOptions {
  /** Port on 127.0.0.1. @default 4566 */
  readonly port?: number
  /** `demo` or the name of a built-in seed; omitted: start empty. */
  readonly seed?: string
  /** JSON file to keep the state in across runs. */
  readonly data?: string
  /** Where to print the endpoint and instructions. @default process.stdout */
  readonly out?: { write(chunk: string): unknown }
}

/** Parses `[--port N] [--seed demo] [--data FILE]` (the CLI may pass argv straight through). */
export function parseServeArgs(argv: readonly string[]): ServeOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' } },
    strict: true,
  })
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new RangeError(`--port must be an integer from 0 to 65535, not '${values.port}'.`)
  }
  return { port, seed: values.seed, data: values.data }
}

const SEEDS = ['demo']

/**
 * Starts the sandbox for `certdeck sandbox serve` and prints the endpoint and how to point the AWS
 * SDK and CLI at it. It runs until SIGINT/SIGTERM or `close()` (which also drops the signal handlers).
 */
export async function serveSandbox(options: ServeOptions | readonly string[] = {}): Promise<Sandbox> {
  const opts: ServeOptions = Array.isArray(options)
    ? parseServeArgs(options as readonly string[])
    : (options as ServeOptions)
  if (opts.seed !== undefined && !SEEDS.includes(opts.seed)) {
    throw new RangeError(`Unknown seed '${opts.seed}'. Available seeds: ${SEEDS.join(', ')}.`)
  }
  const out = opts.out ?? process.stdout
  const sandbox = await startSandbox({
    port: opts.port ?? 4566,
    seed: opts.seed === 'demo' ? 'demo' : undefined,
    dataFile: opts.data,
  })
  const counts = sandbox.control.counts()
  out.write(
    [
      `CertDeck AWS sandbox listening on ${sandbox.endpoint} (ACM, ACM-PCA, IAM, Route 53)`,
      `  ${counts.certificates} ACM certificates, ${counts.privateCAs} private ` +
        `CAs${opts.data ? `; state kept in ${opts.data}` : ''}`,
      '',
      'Point the AWS SDK or CLI at it (any access key works; account 111122223333):',
      `  export AWS_ENDPOINT_URL=${sandbox.endpoint}`,
      '  export AWS_ACCESS_KEY_ID=AKIASANDBOX AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1',
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
  const stop = (): void => void close()
  const close = async (): Promise<void> => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await sandbox.close()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return { ...sandbox, close }
}

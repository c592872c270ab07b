import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { initCertDeck } from '@certdeck/core'
import { afterEach } from 'vitest'
import { runInProcess } from './run-in-process.js'

// Subprocess runs get a clean environment; in-process runs share this one, whose AWS_* settings
// (a developer's profile, region or endpoint) the AWS SDK would read: drop them, keeping the SDK's
// own switches (AWS_SDK_JS_*).
for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_') && !name.startsWith('AWS_SDK_JS_')) delete process.env[name]
}

/** scrypt cost of the repositories homes are created with: low, as in core's tests. */
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 }

/** The built bin that subprocess runs (and the pseudo-terminal tests) start, as users do. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))

/** Fails the suite with the build command when the bin has not been built. */
export function requireBuiltBin(): void {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} is missing. Build first: pnpm --filter "@certdeck/core" build && pnpm --filter @certdeck/cli build ` +
        '(the root `pnpm test` builds everything before testing).',
    )
  }
}

/** What one run of certdeck printed and how it exited. */
export interface CliRun {
  readonly args: readonly string[]
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Options of one run. */
export interface RunOptions {
  /** Variables added to (or, when undefined, removed from) the run's environment. */
  readonly env?: Record<string, string | undefined>
  /** Written to stdin, which is then closed; without it stdin is closed at once. */
  readonly input?: string
  /**
   * Start the built bin in a child process instead of running in this one: for what only a
   * real process shows (start-up, the exit status, a real stdin pipe). Runs whose `env` sets an
   * `AWS_*` variable always do, since the AWS SDK reads the process environment itself.
   * @default false
   */
  readonly subprocess?: boolean
}

/**
 * Whether a run needs its own process (see {@link RunOptions.subprocess}). `CERTDECK_TEST_BIN=1`
 * in the test environment makes every run start the built bin, to compare the two ways.
 */
function needsSubprocess(options: RunOptions): boolean {
  if (options.subprocess === true || process.env.CERTDECK_TEST_BIN === '1') return true
  return Object.keys(options.env ?? {}).some((name) => name.startsWith('AWS_'))
}

/** Parses a run's stdout as JSON, with the run in the message when it is not JSON. */
export function json<T = unknown>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T
  } catch {
    throw new Error(`stdout of certdeck ${run.args.join(' ')} is not JSON:\n${run.stdout}\nstderr:\n${run.stderr}`)
  }
}

/**
 * A throw-away CertDeck home: runs certdeck with a clean environment (only PATH, a temp HOME,
 * CERTDECK_HOME and CERTDECK_PASSPHRASE) and keeps every run so tests can search all output.
 * Runs are in-process (the CLI's own entry with that environment and captured streams) unless
 * {@link RunOptions.subprocess}; either way file paths given to certdeck must be absolute
 * (`join(home.root, …)`), since an in-process run shares the test's working directory.
 */
export class CliHome {
  readonly runs: CliRun[] = []

  private constructor(
    readonly root: string,
    readonly dataDir: string,
    public passphrase: string,
  ) {}

  /**
   * A fresh home; `init` creates its repository first, at a low scrypt cost so that every later
   * run unlocks it quickly (the `init` command itself is tested by running it).
   */
  static async create(options: { passphrase?: string; init?: boolean } = {}): Promise<CliHome> {
    const root = await mkdtemp(join(tmpdir(), 'certdeck-cli-'))
    const home = new CliHome(root, join(root, 'data'), options.passphrase ?? 'correct horse battery staple 7')
    if (options.init) {
      await initCertDeck({ dataDir: home.dataDir, passphrase: home.passphrase, scrypt: TEST_SCRYPT })
    }
    return home
  }

  /** Runs `certdeck <args>` and records the run. */
  async run(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: this.root,
      CERTDECK_HOME: this.dataDir,
      CERTDECK_PASSPHRASE: this.passphrase,
    }
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[name]
      else env[name] = value
    }
    const result = needsSubprocess(options)
      ? await runBin(args, env, this.root, options.input)
      : await runInProcess(args, env, options.input)
    const run = { args, ...result }
    this.runs.push(run)
    return run
  }

  /** Every byte of every file in the data directory (store, audit log, backups, config). */
  async dataFiles(): Promise<{ path: string; data: Buffer }[]> {
    const files: { path: string; data: Buffer }[] = []
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) await walk(path)
        else if (entry.isFile()) files.push({ path, data: await readFile(path) })
      }
    }
    await walk(this.dataDir)
    return files
  }

  /** Removes the home. */
  dispose(): Promise<void> {
    return rm(this.root, { recursive: true, force: true })
  }
}

/** Starts the built bin in `cwd` with exactly `env`, writes `input` to its stdin and waits for it. */
export function runBin(
  args: readonly string[],
  env: Record<string, string>,
  cwd: string,
  input?: string,
): Promise<Omit<CliRun, 'args'>> {
  requireBuiltBin()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}

/**
 * Returns a maker of fresh homes for the calling test file, each removed after its test.
 * `defaults` are the options used when a test gives none.
 */
export function homesForEachTest(
  defaults: Parameters<typeof CliHome.create>[0] = {},
): (options?: Parameters<typeof CliHome.create>[0]) => Promise<CliHome> {
  const homes: CliHome[] = []
  afterEach(async () => {
    await Promise.all(homes.splice(0).map((h) => h.dispose()))
  })
  return async (options = defaults) => {
    const created = await CliHome.create(options)
    homes.push(created)
    return created
  }
}

/**
 * Forms a secret can take in output or files: the text itself; for a PEM key, also the base64
 * body, each base64 line, and the DER as hex and as raw bytes.
 */
export function secretForms(secret: string): Buffer[] {
  const body = /-----BEGIN [A-Z ]+-----([\s\S]+?)-----END/.exec(secret)
  if (!body) return [Buffer.from(secret, 'utf8')]
  const base64 = body[1].replace(/\s+/g, '')
  const lines = body[1].split(/\s+/).filter((line) => line.length >= 40)
  const der = Buffer.from(base64, 'base64')
  return [base64, ...lines, der.toString('hex')].map((text) => Buffer.from(text, 'latin1')).concat(der)
}

/** The forms of `secrets` found in `haystack`, described (empty when none is). */
export function leaks(haystack: string | Buffer, secrets: readonly string[]): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack
  return secrets.flatMap((secret, index) =>
    secretForms(secret)
      .filter((form) => bytes.includes(form))
      .map((form) => `secret #${index} (a ${form.length}-byte form of it)`),
  )
}

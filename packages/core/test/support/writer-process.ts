import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
const writer = fileURLToPath(new URL('../fixtures/store-writer.ts', import.meta.url))
const pauseAtStep = fileURLToPath(new URL('../fixtures/pause-at-step.ts', import.meta.url))

/** A running `fixtures/store-writer.ts` process. */
export interface Writer {
  readonly child: ChildProcess
  readonly committed: number[]
  readonly exit: Promise<number | null>
  stdout(): string
  stderr(): string
  /** Resolves once the writer printed `marker` after at least `after` commits. */
  reached(marker: string, after: number): Promise<void>
}

/**
 * Starts `fixtures/store-writer.ts <dataDir> <label> <count>` with `env` added, preloading
 * `fixtures/pause-at-step.ts` (inert unless CERTDECK_TEST_PAUSE_AT / CERTDECK_TEST_HOST are set).
 */
export function startWriter(dataDir: string, label: string, count: string, env: Record<string, string> = {}): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', pauseAtStep, writer, dataDir, label, count], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const committed: number[] = []
  const waiters: { marker: string; after: number; resolve: () => void }[] = []
  let buffered = ''
  let output = ''
  let errors = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    buffered += chunk.toString()
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      if (line.startsWith('committed ')) committed.push(Number(line.slice(10)))
      for (const waiter of waiters) if (line === waiter.marker && committed.length >= waiter.after) waiter.resolve()
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString()
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const reached = (marker: string, after: number) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ marker, after, resolve })
      void exit.then(() => reject(new Error(`writer exited before ${marker}: ${errors}`)))
    })
  return { child, committed, exit, stdout: () => output, stderr: () => errors, reached }
}

/** Resolves once the process is in the stopped state (Linux `/proc`). */
export async function stopped(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`process ${pid} did not stop`)
}

/** Every file of `dir` (recursively, by relative path) with the SHA-256 digest of its content. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry)
    if (!(await stat(path)).isFile()) continue
    files[entry] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex')
  }
  return files
}

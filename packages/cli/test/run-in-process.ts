import { PassThrough } from 'node:stream'
import type { CliIo } from '../src/io.js'
import { runCli } from '../src/run.js'

/** What one in-process run printed and its exit code. */
export interface InProcessResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `certdeck <args>` in this process through the bin's own entry (`runCli`): a fresh
 * program and context, `env` as the whole environment, `input` on a stdin that then ends (not a
 * terminal), and stdout/stderr captured. Nothing is read from or left on `process` (no
 * `process.exit`, no `exitCode`), so runs do not leak into each other; a run that changes
 * `process.exitCode` or `process.env` fails.
 */
export async function runInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  input = '',
): Promise<InProcessResult> {
  const stdin = new PassThrough()
  stdin.end(input)
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout += String(chunk)) },
    stderr: { write: (chunk: string) => (stderr += String(chunk)) },
    stdin,
    env: { ...env },
    stdoutIsTty: false,
  }
  const before = { exitCode: process.exitCode, env: JSON.stringify(process.env) }
  const code = await runCli(args, io)
  // A command that reaches for the process would pass here and misbehave in the bin: refuse it.
  if (process.exitCode !== before.exitCode || JSON.stringify(process.env) !== before.env) {
    process.exitCode = before.exitCode
    throw new Error(
      `certdeck ${args.join(' ')} changed process.exitCode or process.env; a command reports its ` +
        'exit code through ctx.exitCode and reads its environment from ctx.io.env.',
    )
  }
  return { code, stdout, stderr }
}

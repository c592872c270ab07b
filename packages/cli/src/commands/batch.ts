import type { Command } from 'commander'
import { parse } from 'shell-quote'
import type { CommandContext } from '../context.js'
import { ExitCode, inputError } from '../errors.js'
import { readInputFiles } from '../files.js'
import { StdinLines } from '../stdin-lines.js'

interface BatchFlags {
  readonly keepGoing?: boolean
}

/** Options that belong to the whole run: given to `batch`, never to one of its lines. */
const GLOBAL_FLAGS = ['--data-dir', '--master-passphrase-stdin', '--sandbox']

/**
 * `batch [file]`: runs certdeck commands, one per line, in this one process. The repository is
 * opened (and the passphrase asked and derived) once for all of them; each line is still its
 * own command with its own commit, output and exit code. Stops at the first failing line unless
 * `--keep-going`; exits with the first failure's code, else 3 when a line found something
 * (`expiring`), else 0.
 */
export function registerBatchCommand(
  program: Command,
  ctx: CommandContext,
  runLine: (argv: readonly string[]) => Promise<number>,
): void {
  program
    .command('batch')
    .description(
      'run certdeck commands, one per line (shell quoting, # comments), from FILE or stdin, ' +
        'opening the repository once; stops at the first failing line',
    )
    .argument('[file]', 'the file of commands; - or none for stdin')
    .option('--keep-going', 'run the remaining lines after a failing one')
    .action(async (file: string | undefined, options: BatchFlags) => {
      const fromStdin = file === undefined || file === '-'
      if (fromStdin && ctx.globals().masterPassphraseStdin) {
        throw inputError(
          'BATCH_STDIN_TWICE',
          'batch reads its commands from stdin, so the master passphrase cannot come from there too. ' +
            'Give the commands in a file (certdeck batch FILE), or the passphrase in CERTDECK_PASSPHRASE_FILE.',
        )
      }
      // A file is checked whole before its first line runs; stdin is run as it arrives.
      const commands = fromStdin ? parsed(stdinLines(ctx), true) : parsed(await fileLines(file), false)
      let failure: { line: number; code: number } | undefined
      let failures = 0
      let found = false
      for await (const { line, argv } of commands) {
        const code = await runLine(argv)
        if (code === ExitCode.ok) continue
        if (code === ExitCode.found) {
          found = true
          continue
        }
        failures += 1
        failure ??= { line, code }
        if (!options.keepGoing) break
      }
      ctx.exitCode = failure?.code ?? (found ? ExitCode.found : ExitCode.ok)
      if (!failure) return
      ctx.io.stderr.write(
        options.keepGoing
          ? `certdeck batch: ${failures} line(s) failed, the first at line ${failure.line} (exit ${failure.code}).\n`
          : `certdeck batch: line ${failure.line} failed (exit ${failure.code}); the lines after it were not run ` +
              '(--keep-going runs them).\n',
      )
    })
}

/** The commands of `lines` with their line numbers; a file's are all checked before the first is given. */
async function* parsed(lines: AsyncIterable<string> | readonly string[], fromStdin: boolean) {
  if (Array.isArray(lines)) {
    const checked = lines.map((text, i) => ({ line: i + 1, argv: commandOf(text, i + 1, false) }))
    yield* checked.filter((c) => c.argv.length > 0)
    return
  }
  let line = 0
  for await (const text of lines) {
    line += 1
    const argv = commandOf(text, line, fromStdin)
    if (argv.length > 0) yield { line, argv }
  }
}

async function fileLines(path: string): Promise<string[]> {
  const [file] = await readInputFiles([path])
  return new TextDecoder().decode(file.data).split(/\r?\n/)
}

async function* stdinLines(ctx: CommandContext): AsyncGenerator<string> {
  const reader = new StdinLines(ctx.io.stdin)
  for (let line = await reader.next(); line !== null; line = await reader.next()) yield line
}

/**
 * The arguments of one line: words as a POSIX shell splits them (quotes and backslashes; `$` is
 * kept as written, never expanded), nothing for a blank or `#` comment line. A line that would
 * need a shell (a pipe, a redirection, `;`, a glob), a global option, a nested batch or, when
 * the commands come from stdin, a secret from stdin is refused, naming the line: from a file,
 * before any line ran; from stdin, before that line.
 */
export function commandOf(text: string, number: number, fromStdin: boolean): string[] {
  const words: string[] = []
  for (const entry of parse(text, (name) => `$${name}`)) {
    if (typeof entry === 'string') {
      words.push(entry)
      continue
    }
    if ('comment' in entry) break
    throw lineError(
      number,
      fromStdin,
      `${'op' in entry ? `"${entry.op}"` : 'a shell construct'} needs a shell`,
      'one certdeck command per line, without pipes, redirections, ; or globs',
    )
  }
  if (words.length === 0) return words
  if (words[0] === 'certdeck') words.shift()
  if (words[0] === 'batch')
    throw lineError(number, fromStdin, 'batches do not nest', 'list the lines of the inner batch instead')
  const global = words.map((word) => word.split('=')[0]).find((name) => GLOBAL_FLAGS.includes(name))
  if (global) {
    const value = global === '--data-dir' ? ' DIR' : ''
    throw lineError(number, fromStdin, `${global} belongs to the whole batch`, `certdeck ${global}${value} batch FILE`)
  }
  if (words.length === 0)
    throw lineError(number, fromStdin, 'it names no command', 'start the line with a command, e.g. certs list')
  const stdinFlag = words.find((word) => word.endsWith('-stdin'))
  if (fromStdin && stdinFlag) {
    throw lineError(
      number,
      fromStdin,
      `${stdinFlag} would read the batch's own commands`,
      'give the commands in a file (certdeck batch FILE) so that stdin is free, or the secret in its environment variable',
    )
  }
  return words
}

function lineError(number: number, fromStdin: boolean, what: string, fix: string) {
  // A file is checked whole first: none of its lines ran.
  const ran = fromStdin ? 'it and the lines after it were not run' : 'no line of the file was run'
  return inputError('BATCH_LINE', `Line ${number} of the batch cannot run: ${what}; ${ran}. Fix: ${fix}.`)
}

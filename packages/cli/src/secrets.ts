import { inputError } from './errors.js'
import type { CliIo } from './io.js'
import { StdinLines } from './stdin-lines.js'
import { canPrompt, promptHidden } from './tty-prompt.js'

/** Environment variables the CLI reads secrets from. Never an argv option. */
export const SecretEnv = {
  /** The master passphrase of the repository. */
  passphrase: 'CERTDECK_PASSPHRASE',
  /** The new master passphrase of `passphrase change`. */
  newPassphrase: 'CERTDECK_NEW_PASSPHRASE',
  /** The passphrase of an encrypted PEM key or a PKCS#12 file being imported. */
  keyPassphrase: 'CERTDECK_KEY_PASSPHRASE',
  /** The password of a PKCS#12 file being exported. */
  exportPassphrase: 'CERTDECK_EXPORT_PASSPHRASE',
  /** The secret access key of a static AWS credential being added. */
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  /** The session token of a temporary static AWS credential being added. */
  sessionToken: 'AWS_SESSION_TOKEN',
} as const

/** One secret a command needs, and where it may come from. */
export interface SecretSpec {
  /** What it is, for the prompt and messages, e.g. `master passphrase`. */
  readonly label: string
  /** The environment variable that may hold it. */
  readonly env: string
  /** The flag that makes it come from stdin, for messages, e.g. `--passphrase-stdin`. */
  readonly stdinFlag: string
  /** True when that flag was given: read one line of stdin (or ask, when stdin is a terminal). */
  readonly fromStdin: boolean
  /** A new secret: asked twice on a terminal, and never empty. @default false */
  readonly isNew?: boolean
  /** Accept an empty value (a PKCS#12 file without a password). @default false */
  readonly allowEmpty?: boolean
}

/**
 * Finds each secret in this order: stdin when its `--…-stdin` flag is given (one line per
 * secret, in the order the command asks for them), else its environment variable, else a
 * prompt without echo on a terminal; with none of these it is an input error naming them.
 */
export class SecretReader {
  private lines: StdinLines | undefined

  constructor(private readonly io: CliIo) {}

  /** Returns the secret; throws a `SECRET_REQUIRED` input error when there is no source. */
  async read(spec: SecretSpec): Promise<string> {
    if (spec.fromStdin && !canPrompt(this.io)) {
      return this.check(spec, await this.readLine(spec), 'on stdin')
    }
    const fromEnv = spec.fromStdin ? undefined : this.io.env[spec.env]
    if (fromEnv !== undefined) return this.check(spec, fromEnv, `in ${spec.env}`)
    if (canPrompt(this.io)) return this.check(spec, await this.ask(spec), 'typed')
    throw inputError(
      'SECRET_REQUIRED',
      `The ${spec.label} is needed and there is no terminal to ask for it. ` +
        `Set ${spec.env}, or pass ${spec.stdinFlag} and write it as one line on stdin.`,
    )
  }

  private async readLine(spec: SecretSpec): Promise<string> {
    this.lines ??= new StdinLines(this.io.stdin)
    const line = await this.lines.next()
    if (line === null) {
      throw inputError(
        'SECRET_REQUIRED',
        `${spec.stdinFlag} was given but stdin ended before the ${spec.label}. Write each secret on its own line.`,
      )
    }
    return line
  }

  private async ask(spec: SecretSpec): Promise<string> {
    const label = spec.label[0].toUpperCase() + spec.label.slice(1)
    const value = await promptHidden(this.io, `${label}: `)
    if (!spec.isNew) return value
    const again = await promptHidden(this.io, `Repeat the ${spec.label}: `)
    if (again !== value) {
      throw inputError('SECRET_MISMATCH', `The two ${spec.label}s differ; nothing was changed. Run the command again.`)
    }
    return value
  }

  private check(spec: SecretSpec, value: string, where: string): string {
    if (value === '' && (spec.isNew || !spec.allowEmpty)) {
      throw inputError('SECRET_EMPTY', `The ${spec.label} ${where} is empty. Give a non-empty one.`)
    }
    return value
  }
}

import { createInterface } from 'node:readline/promises'
import { inputError } from './errors.js'
import type { CliIo } from './io.js'

/** True when stdin is a terminal the CLI can ask on. */
export function canPrompt(io: CliIo): boolean {
  return io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function'
}

/**
 * Asks for a secret on the terminal without echoing it: the terminal is put in raw mode and
 * the typed characters are never written anywhere. Enter ends the input; Ctrl-C cancels.
 */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  const stdin = io.stdin
  // Raw mode before the question: a key typed as soon as the question shows is never echoed.
  stdin.setRawMode?.(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  io.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    const done = (error?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode?.(false)
      stdin.pause()
      io.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n') return done()
        if (char === '\u0003') return done(inputError('CANCELLED', 'Cancelled at the prompt.'))
        if (char === '\u0004') {
          if (value === '') return done(inputError('CANCELLED', 'Cancelled at the prompt.'))
          return done()
        }
        if (char === '\u007f' || char === '\b') value = Array.from(value).slice(0, -1).join('')
        else if (char === '\u0015') value = ''
        else if (char >= ' ') value += char
      }
    }
    stdin.on('data', onData)
  })
}

/** Asks a yes/no question on the terminal; only `y` or `yes` (any case) is a yes. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream })
  try {
    const answer = await rl.question(`${question} [y/N] `)
    return /^(y|yes)$/i.test(answer.trim())
  } finally {
    rl.close()
  }
}

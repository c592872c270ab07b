import { CertDeckError } from '@certdeck/core'
import { CommanderError } from 'commander'
import { describe, expect, it } from 'vitest'
import { ExitCode, exitCodeFor, reportError } from './errors.js'
import type { CliIo } from './io.js'

function bufferIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: { write: (text: string) => (io.out += text) },
    stderr: { write: (text: string) => (io.err += text) },
    stdin: process.stdin,
    env,
    stdoutIsTty: false,
  }
  return io
}

describe('exitCodeFor', () => {
  it('maps input errors and usage to 2, failures and bugs to 1, help to 0', () => {
    expect(exitCodeFor(new CertDeckError('X', 'bad', { kind: 'input' }))).toBe(ExitCode.usage)
    expect(exitCodeFor(new CertDeckError('X', 'no', { kind: 'failure' }))).toBe(ExitCode.failed)
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', 'error: x'))).toBe(ExitCode.usage)
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(ExitCode.ok)
    expect(exitCodeFor(new TypeError('boom'))).toBe(ExitCode.failed)
  })
})

describe('reportError', () => {
  it('reports an unexpected error as an internal error with a hint and no stack', () => {
    const io = bufferIo()
    expect(reportError(io, new TypeError('boom'), false)).toBe(1)
    expect(io.err).toMatch(/^certdeck: internal error: boom\nThis is a bug in CertDeck\. .*CERTDECK_DEBUG=1/)
    expect(io.err).not.toContain('at ')
    expect(io.out).toBe('')
  })

  it('adds the stack only with CERTDECK_DEBUG=1', () => {
    const io = bufferIo({ CERTDECK_DEBUG: '1' })
    reportError(io, new TypeError('boom'), false)
    expect(io.err).toContain('TypeError: boom\n    at ')
  })

  it('prints the JSON error on stdout as well under --json', () => {
    const io = bufferIo()
    expect(reportError(io, new CertDeckError('KEY_MISMATCH', 'The key does not match.'), true)).toBe(2)
    expect(JSON.parse(io.out)).toEqual({ error: { code: 'KEY_MISMATCH', message: 'The key does not match.' } })
    expect(io.err).toBe('certdeck: The key does not match.\n')
    const bug = bufferIo()
    reportError(bug, new Error('oops'), true)
    expect(JSON.parse(bug.out)).toEqual({ error: { code: 'INTERNAL', message: 'internal error: oops' } })
  })
})

import type { CertDeck, CertificateRequest, RequestWaitEvent, WaitOutcome } from '@certdeck/core'
import { terminalSafe } from '@certdeck/core/text'
import { type Command, Option } from 'commander'
import type { CommandContext } from '../context.js'
import { loadCore } from '../core.js'
import { failureError, inputError } from '../errors.js'
import { writeResult } from '../io.js'
import { parseTimeout, type Timeout } from '../parse.js'
import { nextStep, recordsText, requestTable } from '../request-views.js'

/** How long `--wait` waits without `--timeout`. */
export const DEFAULT_WAIT_TIMEOUT = '15m'

/** The parsed `--wait` and `--timeout` flags. */
export interface WaitFlags {
  readonly wait?: boolean
  readonly timeout?: Timeout
}

/** `--timeout DURATION` (and, unless `withWait` is false, `--wait`) on a command. */
export function addWaitOptions(command: Command, withWait = true): Command {
  if (withWait) {
    command.option(
      '--wait',
      'deploy the DNS challenge through the DNS provider (or print the records to create) and wait until ' +
        'ACM issues; progress on stderr',
    )
  }
  return command.addOption(
    new Option(
      '--timeout <duration>',
      `${withWait ? 'with --wait: ' : ''}stop waiting after this long (90s, 10m, 1h); the request is kept`,
    )
      .argParser(parseTimeout)
      .default(parseTimeout(DEFAULT_WAIT_TIMEOUT), DEFAULT_WAIT_TIMEOUT),
  )
}

/** Refuses `--timeout` without `--wait` (exit 2) before anything is requested. */
export function checkWaitFlags(command: Command, flags: WaitFlags): void {
  if (!flags.wait && command.getOptionValueSource('timeout') === 'cli') {
    throw inputError(
      'USAGE',
      `--timeout bounds the wait of --wait; add --wait (certdeck ${command.parent?.name()} ${command.name()} ` +
        'DOMAIN --wait --timeout 10m).',
    )
  }
}

/** Ctrl-C caught for a wait: `signal` fires at the first one; `release` gives Ctrl-C back. */
export interface Interrupt {
  readonly signal: AbortSignal
  release(): void
}

/**
 * Catches Ctrl-C (SIGINT) from now on: the first one aborts `signal`, so the wait stops at its next
 * step with its message (a request being sent is kept and finishes first); a second one ends the
 * process as Ctrl-C usually does.
 */
export function catchInterrupt(ctx: CommandContext): Interrupt {
  const stop = new AbortController()
  const onInterrupt = () => {
    if (stop.signal.aborted) {
      process.off('SIGINT', onInterrupt)
      process.kill(process.pid, 'SIGINT')
      return
    }
    ctx.io.stderr.write('Ctrl-C: stopping the wait; the request is kept (Ctrl-C again quits at once)\n')
    stop.abort()
  }
  process.on('SIGINT', onInterrupt)
  return { signal: stop.signal, release: () => process.off('SIGINT', onInterrupt) }
}

/**
 * Waits until `request` is issued (writing the challenge through its DNS provider, or printing the
 * records to create or the addresses mailed), with progress on stderr; Ctrl-C (caught here unless
 * `interrupt` is given) stops the wait without cancelling the request. Prints the issued request,
 * or fails (exit 1) saying how to resume.
 */
export async function waitAndReport(
  ctx: CommandContext,
  deck: CertDeck,
  request: CertificateRequest,
  flags: WaitFlags & { readonly json?: boolean },
  interrupt?: Interrupt,
): Promise<void> {
  const timeout = flags.timeout ?? parseTimeout(DEFAULT_WAIT_TIMEOUT)
  const caught = interrupt ?? catchInterrupt(ctx)
  let outcome: WaitOutcome
  try {
    const { waitForIssuance } = await loadCore()
    outcome = await waitForIssuance(deck.requests, request.id, {
      timeoutMs: timeout.ms,
      signal: caught.signal,
      onEvent: progressWriter(ctx, request.id),
    })
  } finally {
    if (!interrupt) caught.release()
  }
  const { request: last } = outcome
  if (outcome.outcome === 'issued') {
    ctx.io.stderr.write(`issued: ${terminalSafe(last.arn ?? last.id)}\n`)
    writeResult(ctx.io, flags.json, last, () =>
      [
        requestTable([last]),
        `Issued: certificate ${last.certificateId ?? '-'} is in the repository (certdeck certs show ` +
          `${last.certificateId ?? last.id}); ACM ARN ${last.arn ?? '-'}.`,
      ].join('\n'),
    )
    return
  }
  if (outcome.outcome === 'finished') {
    throw failureError(
      'REQUEST_NOT_ISSUED',
      `Request ${last.id} (${last.domain}) ended ${last.state}` +
        `${last.failureReason ? `: ${last.failureReason}` : ''}. Request the certificate again.`,
    )
  }
  const why = outcome.outcome === 'timed-out' ? `after ${timeout.text} (--timeout)` : '(interrupted)'
  const next = nextStep(last)
  throw failureError(
    outcome.outcome === 'timed-out' ? 'REQUEST_WAIT_TIMED_OUT' : 'REQUEST_WAIT_STOPPED',
    `Stopped waiting ${why}: request ${last.id} (${last.domain}) is still ${last.state}; it stays in the ` +
      `repository and ACM keeps validating it. Resume with: certdeck requests wait ${last.id} ` +
      `(details: certdeck requests show ${last.id}${next ? `; ${next.replace(/^Next: /, 'or ')}` : ''}).`,
  )
}

/** Writes one stderr line per wait event. */
function progressWriter(ctx: CommandContext, id: string): (event: RequestWaitEvent) => void {
  const counts = new Map<string, number>()
  const line = (text: string) => ctx.io.stderr.write(`${terminalSafe(text)}\n`)
  return (event) => {
    switch (event.type) {
      case 'challenge': {
        const e = event.event
        if (e.type === 'zone') counts.set(e.zone, e.records)
        else if (e.type === 'written') {
          const n = counts.get(e.zone) ?? 0
          line(`wrote ${n} record${n === 1 ? '' : 's'} in zone ${e.zone}`)
        } else line(`zone ${e.zone}: in sync; waiting for ACM to validate`)
        return
      }
      case 'records':
        ctx.io.stderr.write(
          `Create ${event.records.length === 1 ? 'this DNS record' : 'these DNS records'} (no DNS provider ` +
            `writes ${event.records.length === 1 ? 'it' : 'them'}); waiting until ACM sees ` +
            `${event.records.length === 1 ? 'it' : 'them'}:\n${recordsText(event.records)}\n` +
            `(zone-file lines: certdeck requests records ${id} --format bind)\n`,
        )
        return
      case 'email':
        line(`ACM sent the approval email to ${event.emails.join(', ')}; waiting for the approval`)
        return
      case 'waiting':
        line(`waiting for ACM: ${event.state} (${Math.round(event.elapsedMs / 1000)} s)`)
    }
  }
}

/** The first stderr line of a wait: what was requested. */
export function requestedLine(ctx: CommandContext, request: CertificateRequest): void {
  const arn = request.arn ? ` ${request.arn}` : ''
  const text = `requested ${request.domain}: request ${request.id}${arn} in ${request.region}, ${request.state}`
  ctx.io.stderr.write(`${terminalSafe(text)}\n`)
}

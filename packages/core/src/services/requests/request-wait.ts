import {
  type CertificateRequest,
  FINAL_STATES,
  type RequestState,
  type ValidationRecord,
} from '../../domain/certificate-request.js'
import type { ChallengeEvent } from '../dns/index.js'
import type { RequestsApi } from './api.js'
import { type PollPolicy, pollUntil } from './request-polling.js'
import { uniqueRecords } from './request-state.js'

/**
 * How often a wait asks ACM: soon after the challenge is in place, then every 15 s at most, so a
 * long wait costs about four DescribeCertificate calls a minute (the quota is 10 a second).
 */
export const WAIT_POLL: Omit<PollPolicy, 'totalMs'> = { firstDelayMs: 1000, factor: 1.5, maxDelayMs: 15_000 }

/** What {@link waitForIssuance} reports while it waits. */
export type RequestWaitEvent =
  /** The DNS provider is writing the challenge (as `deployChallenge` reports it). */
  | { readonly type: 'challenge'; readonly event: ChallengeEvent }
  /** No DNS provider writes the challenge: the user creates these records (sent once they are known). */
  | { readonly type: 'records'; readonly records: readonly ValidationRecord[] }
  /** EMAIL validation: ACM mailed these addresses for approval (sent once they are known). */
  | { readonly type: 'email'; readonly emails: readonly string[] }
  /** One look at ACM found the request still waiting, `elapsedMs` after the wait began. */
  | { readonly type: 'waiting'; readonly state: RequestState; readonly elapsedMs: number }

/** Options of {@link waitForIssuance}. */
export interface WaitForIssuanceOptions {
  /** Give up after this long (the request stays as it is, to be resumed). */
  readonly timeoutMs: number
  /** Stops the wait (e.g. Ctrl-C); the request is not cancelled. */
  readonly signal?: AbortSignal
  readonly onEvent?: (event: RequestWaitEvent) => void
  /** @default {@link WAIT_POLL} */
  readonly poll?: Omit<PollPolicy, 'totalMs'>
}

/** How a wait ended, with the request as it then stood. */
export interface WaitOutcome {
  readonly request: CertificateRequest
  /**
   * `issued`: ISSUED, the certificate is in the repository; `finished`: another final state
   * (FAILED, VALIDATION_TIMED_OUT, REVOKED); `timed-out`: `timeoutMs` passed; `stopped`: `signal` fired.
   */
  readonly outcome: 'issued' | 'finished' | 'timed-out' | 'stopped'
}

/**
 * One step from request to certificate: writes the DNS challenge through the request's provider
 * when it has one and has not written it yet (`deployChallenge`), announces the records to create
 * or the addresses mailed otherwise, then refreshes the request from ACM with backoff until it is
 * final, the time is up or `signal` fires. Built on the requests API alone, so any facade works.
 * Time-out and stop are outcomes, not errors; an error of ACM or the DNS provider is thrown.
 */
export async function waitForIssuance(
  requests: RequestsApi,
  ref: string,
  options: WaitForIssuanceOptions,
): Promise<WaitOutcome> {
  const started = Date.now()
  // A timer takes at most 2^31 - 1 ms (about 24 days); longer would throw.
  const timeout = AbortSignal.timeout(Math.min(Math.max(1, options.timeoutMs), 2 ** 31 - 1))
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const emit = options.onEvent ?? (() => undefined)
  const announce = announcer(emit)
  const finish = (request: CertificateRequest): WaitOutcome => ({
    request,
    outcome: request.state === 'ISSUED' ? 'issued' : 'finished',
  })
  let request = await requests.get(ref)
  try {
    if (FINAL_STATES.has(request.state)) return finish(request)
    if (request.validationMethod === 'DNS' && request.dnsProviderId && !request.challengeDeployedAt) {
      request = await requests.deployChallenge(request.id, {
        signal,
        awaitIssuance: false,
        onEvent: (event) => emit({ type: 'challenge', event }),
      })
    }
    if (FINAL_STATES.has(request.state)) return finish(request)
    announce(request)
    const id = request.id
    const { result } = await pollUntil(
      async () => {
        const [current] = await requests.refresh(id, { signal })
        const found = current ?? (await requests.get(id))
        announce(found)
        if (!FINAL_STATES.has(found.state))
          emit({ type: 'waiting', state: found.state, elapsedMs: Date.now() - started })
        return found
      },
      (r) => FINAL_STATES.has(r.state),
      { ...(options.poll ?? WAIT_POLL), totalMs: Number.MAX_SAFE_INTEGER },
      signal,
    )
    return finish(result)
  } catch (error) {
    if (!signal.aborted) throw error
    return {
      request: await requests.get(request.id),
      outcome: options.signal?.aborted ? 'stopped' : 'timed-out',
    }
  }
}

/** Sends the records to create (no provider) or the addresses mailed, each once, when first known. */
function announcer(emit: (event: RequestWaitEvent) => void): (request: CertificateRequest) => void {
  let told = false
  return (request) => {
    if (told || FINAL_STATES.has(request.state)) return
    if (request.validationMethod === 'DNS' && !request.dnsProviderId) {
      const records = uniqueRecords(request.validations.filter((v) => v.status !== 'SUCCESS'))
      if (records.length === 0) return
      told = true
      emit({ type: 'records', records })
    } else if (request.validationMethod === 'EMAIL') {
      const emails = [...new Set(request.validations.flatMap((v) => (v.status === 'SUCCESS' ? [] : (v.emails ?? []))))]
      if (emails.length === 0) return
      told = true
      emit({ type: 'email', emails })
    }
  }
}

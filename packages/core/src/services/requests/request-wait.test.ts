import { describe, expect, it } from 'vitest'
import type { CertificateRequest, RequestState } from '../../domain/certificate-request.js'
import type { RequestsApi } from './api.js'
import { type RequestWaitEvent, waitForIssuance } from './request-wait.js'

const AT = '2030-01-01T00:00:00.000Z'
const record = { name: '_abc.example.com.', type: 'CNAME', value: '_def.xyz.acm-validations.aws.' }
const FAST = { firstDelayMs: 1, factor: 1, maxDelayMs: 1 }

const request = (over: Partial<CertificateRequest> = {}): CertificateRequest => ({
  id: 'r1',
  kind: 'public',
  credentialId: 'c1',
  region: 'us-east-1',
  arn: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
  domain: 'example.com',
  sans: [],
  validationMethod: 'DNS',
  state: 'SYNC_RECORDS',
  validations: [{ domain: 'example.com', validationDomain: 'example.com', status: 'PENDING_VALIDATION', record }],
  history: [],
  createdAt: AT,
  updatedAt: AT,
  ...over,
})

/**
 * A requests API whose ACM answers `states` in turn to each refresh (the last one for ever), and
 * which records what it was asked. `deployChallenge` marks the challenge written.
 */
function fakeRequests(start: CertificateRequest, states: RequestState[]) {
  let current = start
  const calls: string[] = []
  const api = {
    get: async () => current,
    deployChallenge: async (_ref: string, options?: { onEvent?: (e: never) => void; awaitIssuance?: boolean }) => {
      calls.push(`deployChallenge awaitIssuance=${options?.awaitIssuance}`)
      options?.onEvent?.({ type: 'written', zone: 'example.com' } as never)
      current = { ...current, challengeDeployedAt: AT, state: 'PENDING_VALIDATION' }
      return current
    },
    refresh: async () => {
      calls.push('refresh')
      const state = states.length > 1 ? (states.shift() as RequestState) : (states[0] as RequestState)
      current = { ...current, state, ...(state === 'ISSUED' ? { certificateId: 'cert1' } : {}) }
      return [current]
    },
  } as unknown as RequestsApi
  return { api, calls }
}

describe('waitForIssuance', () => {
  it('writes the challenge through the provider once, then refreshes until ISSUED', async () => {
    const { api, calls } = fakeRequests(request({ dnsProviderId: 'p1', state: 'DEPLOY_CHALLENGE' }), [
      'PENDING_VALIDATION',
      'PENDING_VALIDATION',
      'ISSUED',
    ])
    const events: RequestWaitEvent[] = []
    const outcome = await waitForIssuance(api, 'r1', { timeoutMs: 10_000, poll: FAST, onEvent: (e) => events.push(e) })
    expect(outcome).toMatchObject({ outcome: 'issued', request: { state: 'ISSUED', certificateId: 'cert1' } })
    // The wait polls ACM itself (with its progress and time-out), not deployChallenge's own 2 minutes.
    expect(calls).toEqual(['deployChallenge awaitIssuance=false', 'refresh', 'refresh', 'refresh'])
    expect(events.map((e) => e.type)).toEqual(['challenge', 'waiting', 'waiting'])
  })

  it('without a provider announces the records once and never writes them', async () => {
    const { api, calls } = fakeRequests(request(), ['SYNC_RECORDS', 'SYNC_RECORDS', 'ISSUED'])
    const events: RequestWaitEvent[] = []
    const outcome = await waitForIssuance(api, 'r1', { timeoutMs: 10_000, poll: FAST, onEvent: (e) => events.push(e) })
    expect(outcome.outcome).toBe('issued')
    expect(calls.filter((c) => c.startsWith('deployChallenge'))).toEqual([])
    expect(events.filter((e) => e.type === 'records')).toEqual([{ type: 'records', records: [record] }])
  })

  it('names the addresses mailed for EMAIL validation once', async () => {
    const emails = ['admin@example.com', 'webmaster@example.com']
    const mailed = request({
      validationMethod: 'EMAIL',
      state: 'PENDING_VALIDATION',
      validations: [{ domain: 'example.com', validationDomain: 'example.com', status: 'PENDING_VALIDATION', emails }],
    })
    const { api } = fakeRequests(mailed, ['PENDING_VALIDATION', 'ISSUED'])
    const events: RequestWaitEvent[] = []
    await waitForIssuance(api, 'r1', { timeoutMs: 10_000, poll: FAST, onEvent: (e) => events.push(e) })
    expect(events.filter((e) => e.type === 'email')).toEqual([{ type: 'email', emails }])
  })

  it('ends as finished on another final state, and returns at once for a request already final', async () => {
    expect(
      (await waitForIssuance(fakeRequests(request(), ['FAILED']).api, 'r1', { timeoutMs: 10_000, poll: FAST })).outcome,
    ).toBe('finished')
    const done = fakeRequests(request({ state: 'ISSUED' }), ['ISSUED'])
    expect((await waitForIssuance(done.api, 'r1', { timeoutMs: 10_000, poll: FAST })).outcome).toBe('issued')
    expect(done.calls).toEqual([])
  })

  it('times out with the request as it stands, and tells a stop by the caller apart', async () => {
    const pending = fakeRequests(request(), ['SYNC_RECORDS'])
    const timedOut = await waitForIssuance(pending.api, 'r1', { timeoutMs: 30, poll: FAST })
    expect(timedOut).toMatchObject({ outcome: 'timed-out', request: { id: 'r1', state: 'SYNC_RECORDS' } })
    // A time-out longer than a timer can hold is kept to the longest one, not a RangeError.
    const long = fakeRequests(request(), ['ISSUED'])
    expect((await waitForIssuance(long.api, 'r1', { timeoutMs: 2 ** 40, poll: FAST })).outcome).toBe('issued')

    const stop = new AbortController()
    const stopped = await waitForIssuance(fakeRequests(request(), ['SYNC_RECORDS']).api, 'r1', {
      timeoutMs: 60_000,
      poll: FAST,
      signal: stop.signal,
      onEvent: (e) => e.type === 'waiting' && stop.abort(),
    })
    expect(stopped.outcome).toBe('stopped')
  })

  it('passes on an error of ACM instead of taking it for a time-out', async () => {
    const api = {
      get: async () => request(),
      refresh: async () => {
        throw new Error('AccessDenied')
      },
    } as unknown as RequestsApi
    await expect(waitForIssuance(api, 'r1', { timeoutMs: 10_000, poll: FAST })).rejects.toThrow('AccessDenied')
  })
})

import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { CloudCertificate } from '../../domain/cloud-certificate.js'
import { emptyStoreData } from '../../domain/store-data.js'
import { cloudCertificate } from '../../testing/cloud-certificate.js'
import { buildDigest } from './digest.js'
import { RenewalHealth, evaluateEvents } from './event-policies.js'
import { DEFAULT_RULES } from './notification-rules.js'
import { notificationHarness } from './notifications-test-kit.js'

const DAY = 86_400_000
const now = new Date('2030-06-01T00:00:00Z')
const inDays = (days: number) => new Date(now.getTime() + days * DAY).toISOString()

function amazon(name: string, patch: Partial<CloudCertificate> = {}): CloudCertificate {
  return cloudCertificate(name, {
    credentialId: 'c1',
    notAfter: inDays(300),
    inUse: true,
    renewalEligibility: 'ELIGIBLE',
    lastSeenAt: now.toISOString(),
    ...patch,
  })
}

const idle = { inUse: false, renewalEligibility: 'INELIGIBLE' } as const
const emailValidated = {
  readAt: now.toISOString(),
  inUseBy: [],
  validations: [
    { domain: 'mail.example.test', validationDomain: 'example.test', method: 'EMAIL' as const, status: 'SUCCESS' },
  ],
}

describe('renewal health notification events', () => {
  it('one event per certificate and reason, at-risk or failing; none for healthy, private, imported', () => {
    const data = {
      ...emptyStoreData(),
      cloudCertificates: [
        amazon('healthy'),
        amazon('idle', idle),
        amazon('mail', { ...idle, details: emailValidated }),
        amazon('failed', {
          details: {
            ...emailValidated,
            validations: [],
            renewal: { status: 'FAILED', reason: 'CAA_ERROR', validations: [] },
          },
        }),
        amazon('private', { ...idle, kind: 'PRIVATE' }),
        amazon('imported', { ...idle, kind: 'IMPORTED' }),
        amazon('expired', { ...idle, status: 'EXPIRED', notAfter: inDays(-3) }),
      ],
    }
    const events = RenewalHealth({ data, rules: DEFAULT_RULES, now })
    expect(events.map((e) => [e.event, e.subject.split('/')[1], e.threshold])).toEqual([
      ['renewal-at-risk', 'idle', 'not-in-use'],
      ['renewal-at-risk', 'mail', 'not-in-use'],
      ['renewal-at-risk', 'mail', 'email-validation'],
      ['renewal-failing', 'failed', 'renewal-failed'],
    ])
    expect(events[0]).toMatchObject({
      name: 'idle.example.test (eu-west-1)',
      reason: 'not-in-use',
      message:
        'not in use and never exported: ACM will not renew it. Attach it to the resource it is meant for ' +
        '(load balancer, CloudFront, API Gateway), or delete it if nothing needs it.',
      daysLeft: 300,
    })
    // A certificate with two reasons counts once in the heading; failing comes before at risk.
    expect(buildDigest(events, now)?.title).toBe(
      '[CertDeck] ACM renewal failing for 1 certificate, ACM renewal at risk for 2 certificates',
    )
    expect(evaluateEvents({ data, rules: { ...DEFAULT_RULES, events: ['renewal-failing'] }, now })).toHaveLength(1)
  })

  it('follows the scope and the tags of the repository entry a record is linked to', () => {
    const data = {
      ...emptyStoreData(),
      cloudCertificates: [amazon('linked', { ...idle, certificateId: 'e1' }), amazon('unlinked', idle)],
    }
    const subjects = (rules: typeof DEFAULT_RULES) =>
      RenewalHealth({ data, rules, now }).map((e) => e.subject.split('/')[1])
    expect(subjects(DEFAULT_RULES)).toEqual(['linked', 'unlinked'])
    expect(subjects({ ...DEFAULT_RULES, scope: 'repository' })).toEqual(['linked'])
    // The entry e1 is not in the repository, so it carries no tag.
    expect(subjects({ ...DEFAULT_RULES, tags: ['env=prod'] })).toEqual([])
  })
})

describe('renewal health notifications through a webhook channel', () => {
  let server: Server | undefined
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  })

  async function listen(posts: { event: string; subject: string; threshold: string }[][]): Promise<string> {
    const listening = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).events)
        res.writeHead(200).end('ok')
      })
    })
    server = listening
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/hook`
  }

  it('tells a certificate and reason once; a new reason, an escalation, a relapse are told again', async () => {
    const posts: { event: string; subject: string; threshold: string }[][] = []
    const h = notificationHarness(now)
    await h.notifications.addChannel({ kind: 'webhook', name: 'hook', url: await listen(posts) })
    const setRecord = (patch: Partial<CloudCertificate>) =>
      h.store.update((d) => {
        d.cloudCertificates = [amazon('web', { notAfter: inDays(120), ...patch })]
      })
    const told = () => posts.at(-1)?.map((e) => `${e.event} ${e.threshold}`)

    await setRecord(idle)
    expect((await h.notifications.run()).deliveries).toMatchObject([{ ok: true, events: 1 }])
    expect(told()).toEqual(['renewal-at-risk not-in-use'])
    expect((await h.notifications.run()).deliveries).toEqual([])

    // Another reason for the same certificate is told; the one already told is not.
    await setRecord({ ...idle, details: emailValidated })
    await h.notifications.run()
    expect(told()).toEqual(['renewal-at-risk email-validation'])
    expect((await h.notifications.run()).deliveries).toEqual([])

    // It was attached to a load balancer: healthy, nothing to tell, and the sent records lapse.
    await setRecord({ inUse: true })
    expect((await h.notifications.run()).deliveries).toEqual([])
    expect((await h.store.read()).notificationsSent).toEqual([])

    // Detached again: told again.
    await setRecord(idle)
    await h.notifications.run()
    expect(told()).toEqual(['renewal-at-risk not-in-use'])

    // Inside ACM's 60-day renewal window the same reason is failing: an escalation, told as such.
    h.clock.advanceDays(61)
    await h.notifications.run()
    expect(told()).toEqual(['renewal-failing not-in-use'])
    expect((await h.notifications.run()).deliveries).toEqual([])
    expect(posts).toHaveLength(4)
  })
})

import { NOTIFICATION_EVENT_KINDS } from '../../domain/notification.js'
import type { NotificationEvent } from './notification-event.js'

/** One group of a digest: one event kind (and, for `expiring`, one threshold). */
export interface DigestGroup {
  /** `3 certificates expire within 14 days`, `ACM renewal at risk for 1 certificate`. */
  readonly heading: string
  readonly events: readonly NotificationEvent[]
}

/** One message for one channel and one run: every new event, grouped. */
export interface DigestMessage {
  /** `[CertDeck] 3 certificates expire within 14 days, 1 renewal failed`. */
  readonly title: string
  readonly text: string
  readonly html: string
  readonly groups: readonly DigestGroup[]
  /** ISO 8601. */
  readonly generatedAt: string
  /** True for the sample `notify test` sends. */
  readonly test?: boolean
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function heading(list: readonly NotificationEvent[]): string {
  const event = list[0] as NotificationEvent
  const n = list.length
  // A certificate with two reasons is two events but one certificate.
  const certificates = new Set(list.map((e) => e.subject)).size
  switch (event.event) {
    case 'expiring': {
      const days = Number(event.threshold)
      return `${count(n, 'certificate expires', 'certificates expire')} within ${count(days, 'day', 'days')}`
    }
    case 'expired':
      return `${count(n, 'certificate', 'certificates')} expired`
    case 'renewal-at-risk':
      return `ACM renewal at risk for ${count(certificates, 'certificate', 'certificates')}`
    case 'renewal-failing':
      return `ACM renewal failing for ${count(certificates, 'certificate', 'certificates')}`
    case 'renewed':
      return `${count(n, 'certificate', 'certificates')} renewed`
    case 'renewal-failed':
      return `${count(n, 'renewal', 'renewals')} failed`
    case 'request-stuck':
      return `${count(n, 'request', 'requests')} stuck`
    case 'deploy-failed':
      return `${count(n, 'deployment', 'deployments')} failed`
    case 'drift':
      return `${count(n, 'deployment', 'deployments')} drifted`
    case 'discovery-failed':
      return `${count(n, 'discovery failure', 'discovery failures')}`
    case 'task-failed':
      return `${count(n, 'watch task', 'watch tasks')} failed`
  }
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)
}

/** Keeps printable text only: names and messages come from certificates and AWS answers. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, ' ')
}

/**
 * Groups `events` into one digest: by event kind in {@link NOTIFICATION_EVENT_KINDS} order, the
 * expiring ones by threshold, nearest first. Undefined when there is nothing to tell.
 */
export function buildDigest(events: readonly NotificationEvent[], now: Date, test = false): DigestMessage | undefined {
  if (events.length === 0) return undefined
  const order = (e: NotificationEvent) => NOTIFICATION_EVENT_KINDS.indexOf(e.event)
  const buckets = new Map<string, NotificationEvent[]>()
  const sorted = [...events].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.event === 'expiring' ? Number(a.threshold) - Number(b.threshold) : 0) ||
      (a.daysLeft ?? 0) - (b.daysLeft ?? 0) ||
      a.name.localeCompare(b.name),
  )
  for (const event of sorted) {
    const key = event.event === 'expiring' ? `expiring:${event.threshold}` : event.event
    buckets.set(key, [...(buckets.get(key) ?? []), event])
  }
  const groups = [...buckets.values()].map((list) => ({
    heading: heading(list),
    events: list,
  }))
  const title = `[CertDeck] ${test ? 'Test: ' : ''}${groups.map((g) => g.heading).join(', ')}`
  const text = [
    title.replace('[CertDeck] ', ''),
    '',
    ...groups.flatMap((g) => [
      `${g.heading}:`,
      ...g.events.map((e) => `- ${printable(e.name)}: ${printable(e.message)}`),
      '',
    ]),
    `Sent by CertDeck at ${now.toISOString()}.`,
  ].join('\n')
  const html = [
    '<!doctype html><html><body>',
    ...groups.flatMap((g) => [
      `<h3>${escapeHtml(g.heading)}</h3><ul>`,
      ...g.events.map((e) => `<li><b>${escapeHtml(printable(e.name))}</b>: ${escapeHtml(printable(e.message))}</li>`),
      '</ul>',
    ]),
    `<p>Sent by CertDeck at ${now.toISOString()}.</p></body></html>`,
  ].join('\n')
  return { title, text, html, groups, generatedAt: now.toISOString(), ...(test ? { test } : {}) }
}

/** A sample digest for `notify test`. */
export function sampleDigest(now: Date): DigestMessage {
  const digest = buildDigest(
    [
      {
        event: 'expiring',
        subject: 'test:sample',
        threshold: '14',
        name: 'www.example.com',
        message: 'a sample event sent by certdeck notify test; nothing expires.',
        daysLeft: 13,
      },
    ],
    now,
    true,
  )
  return digest as DigestMessage
}

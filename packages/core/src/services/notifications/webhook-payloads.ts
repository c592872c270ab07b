import type { WebhookFormat } from '../../domain/notification.js'
import { type DigestMessage, printable } from './digest.js'

function eventsOf(message: DigestMessage) {
  return message.groups.flatMap((g) =>
    g.events.map((e) => ({
      event: e.event,
      subject: e.subject,
      threshold: e.threshold,
      name: printable(e.name),
      message: printable(e.message),
      ...(e.notAfter ? { notAfter: e.notAfter } : {}),
      ...(e.daysLeft !== undefined ? { daysLeft: e.daysLeft } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
    })),
  )
}

/** The JSON body of a webhook post in the channel's format (CertDeck's own, a Slack incoming webhook, a Teams card). */
export function webhookPayload(format: WebhookFormat, message: DigestMessage): unknown {
  switch (format) {
    case 'json':
      return {
        source: 'certdeck',
        title: message.title,
        generatedAt: message.generatedAt,
        test: message.test === true,
        groups: message.groups.map((g) => ({ heading: g.heading, count: g.events.length })),
        events: eventsOf(message),
      }
    case 'slack':
      return {
        text: message.title,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: message.title.slice(0, 150) } },
          ...message.groups.map((g) => ({
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: [`*${g.heading}*`, ...g.events.map((e) => `• ${printable(e.name)}: ${printable(e.message)}`)]
                .join('\n')
                .slice(0, 3000),
            },
          })),
        ],
      }
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', size: 'Medium', weight: 'Bolder', text: message.title, wrap: true },
                ...message.groups.flatMap((g) => [
                  { type: 'TextBlock', weight: 'Bolder', text: g.heading, wrap: true },
                  {
                    type: 'FactSet',
                    facts: g.events.map((e) => ({ title: printable(e.name), value: printable(e.message) })),
                  },
                ]),
              ],
            },
          },
        ],
      }
  }
}

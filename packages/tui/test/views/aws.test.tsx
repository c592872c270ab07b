import { describe, expect, it } from 'vitest'
import { type CloudCertificate, withRenewalHealth } from '@certdeck/core'
import { SEQ } from '../../src/index.js'
import { NOW } from '../helpers/certificates.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { cloudCert } from '../helpers/fixtures.js'
import { renderApp, type Rendered } from '../helpers/render.js'

const drift = {
  reason: 'changed' as const,
  detail: 'serial differs: cloud 0a1b, local 7c2d',
  detectedAt: NOW.toISOString(),
}

async function openAws() {
  const deck = fakeDeck({
    credentials: [credential('prod')],
    cloud: [
      cloudCert('shop.example.com', 'us-east-1'),
      cloudCert('internal.corp', 'ap-southeast-2', { kind: 'PRIVATE', inUse: false, drift }),
      cloudCert('imported.example.com', 'eu-west-1', { kind: 'IMPORTED', status: 'PENDING_VALIDATION' }),
      cloudCert('legacy.example.com', 'global', { store: 'iam', kind: 'IMPORTED', stale: true }),
    ],
  })
  const app = await renderApp({ deck })
  await app.waitFor('CertDeck')
  await app.press('2')
  await app.waitFor('shop.example.com')
  return app
}

const row = (app: Rendered, name: string) => app.lines().find((l) => l.includes(name)) ?? ''

describe('AWS tab', () => {
  it('lists domain, region, kind, status, in use, expiry and drift with marks', async () => {
    const app = await openAws()
    expect(app.lines()[2]).toMatch(/^ {2}Domain +Region +Kind +Status +Use Expires +Health Drift$/)
    expect(row(app, 'shop.example.com')).toMatch(/us-east-1 +Amazon +ISSUED +yes 2026-09-29 120d$/)
    expect(row(app, 'internal.corp')).toMatch(/ap-southeast-2 Private +ISSUED +no +2026-09-29 120d +≠ changed$/)
    expect(row(app, 'imported.example.com')).toMatch(/eu-west-1 +Imported PENDING +yes/)
    expect(row(app, 'legacy.example.com')).toMatch(/global +IAM +ISSUED .* ~ stale$/)
    expect(app.lines()[0]).toContain('≠ 1 drift')
  })

  it('filters on region and sorts drifted certificates first', async () => {
    const app = await openAws()
    await app.press('/')
    await app.type('ap-south')
    expect(app.lines().filter((l) => /\.(com|corp)/.test(l))).toHaveLength(1)
    await app.press(SEQ.escape)
    for (let i = 0; i < 8; i++) await app.press('s')
    expect(app.lines()[2]).toContain('Drift▲')
    expect(app.lines()[3]).toContain('internal.corp')
    expect(app.lines()[4]).toContain('legacy.example.com')
  })

  it('explains the drift in the details view', async () => {
    const app = await openAws()
    await app.press('j', SEQ.enter)
    expect(app.lines()[2]).toBe('internal.corp — ap-southeast-2')
    await app.press('G')
    expect(app.frame()).toContain('Reason          ≠ changed')
    expect(app.frame()).toContain('Detail          serial differs: cloud 0a1b, local 7c2d')
    expect(app.frame()).toContain('discover again (d) or redeploy from the Certificates tab')
  })
})

describe('AWS tab: renewal health and what uses a certificate', () => {
  const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop/0123456789abcdef'
  const CF = 'arn:aws:cloudfront::111122223333:distribution/E2QWRUHEXAMPLE'
  const judged = (c: CloudCertificate) => withRenewalHealth(c, { now: NOW })

  async function openJudged() {
    const deck = fakeDeck({
      credentials: [credential('prod')],
      cloud: [
        judged(
          cloudCert('shop.example.com', 'us-east-1', {
            details: { readAt: NOW.toISOString(), inUseBy: [LB, CF], validations: [] },
          }),
        ),
        judged(cloudCert('idle.example.com', 'us-east-1', { inUse: false })),
        judged(
          cloudCert('caa.example.com', 'eu-west-1', {
            details: {
              readAt: NOW.toISOString(),
              inUseBy: [LB],
              validations: [],
              renewal: { status: 'FAILED', reason: 'CAA_ERROR', validations: [] },
            },
          }),
        ),
        judged(cloudCert('internal.corp', 'us-east-1', { kind: 'PRIVATE' })),
      ],
    })
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('2')
    await app.waitFor('shop.example.com')
    return app
  }

  it('at 80 columns shows whole domains, and a Drift column with nothing to show gives its width away', async () => {
    const deck = fakeDeck({
      credentials: [credential('prod')],
      cloud: [
        cloudCert('admin.example.com', 'ap-northeast-1'),
        cloudCert('app.internal.example', 'ap-northeast-1', { kind: 'PRIVATE' }),
        cloudCert('admin.new.example.com', 'eu-west-1', { status: 'PENDING_VALIDATION' }),
      ],
    })
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('2')
    await app.waitFor('admin.example.com')
    expect(app.lines()[2]).not.toContain('Drift')
    expect(app.lines()[2]).toMatch(/^ {2}Domain +Region +Kind +Status +Use Expires$/)
    expect(row(app, 'admin.new')).toMatch(/^ {2}admin\.new\.example\.com +eu-west-1 +Amazon +PENDING/)
    expect(row(app, 'app.internal')).toMatch(/^ {2}app\.internal\.example +ap-northeast-1 Private/)
    expect(app.frame()).not.toContain('…')
  })

  it('shows the health with a mark at 80 columns, not colour only', async () => {
    const app = await openJudged()
    expect(app.lines()[2]).toMatch(/Expires +Health/)
    expect(row(app, 'shop.example.com')).toMatch(/✓ ok/)
    expect(row(app, 'idle.example.com')).toMatch(/! risk/)
    expect(row(app, 'caa.example.com')).toMatch(/✗ fail/)
    expect(row(app, 'internal.corp')).not.toMatch(/✓|!|✗/)
    expect(app.lines().every((l) => l.length <= 80)).toBe(true)
  })

  it('h keeps only the certificates whose renewal is at risk or failing, and h again shows all', async () => {
    const app = await openJudged()
    await app.press('h')
    const listed = () => app.lines().filter((l) => /\.(com|corp) /.test(l))
    expect(
      listed()
        .map((l) => l.replace(/^›?\s*/, '').split(/\s+/)[0])
        .sort(),
    ).toEqual(['caa.example.com', 'idle.example.com'])
    expect(app.frame()).toContain('renewal at risk/failing only (h: all, of 4)')
    await app.press('h')
    expect(listed()).toHaveLength(4)
  })

  it('the details pane shows "Used by (N)" grouped by service, and the health with its reason and fix', async () => {
    const app = await openJudged()
    await app.press(SEQ.enter)
    await app.press('G')
    const frame = app.frame()
    expect(frame).toContain('Used by (2)')
    const label = (text: string) => `  ${text}`.padEnd(18)
    expect(app.lines()).toContain(`${label('1 ×')}load balancer`)
    const cloudfront = app.lines().indexOf(`${label('1 ×')}CloudFront distribution`)
    expect(app.lines()[cloudfront + 1]).toBe(`                  ${CF}`)
    await app.press(SEQ.escape)
    await app.press('j', 'j', SEQ.enter)
    await app.waitFor('caa.example.com — eu-west-1')
    for (let i = 0; i < 3; i++) await app.press(SEQ.pageDown)
    const caa = app.frame()
    expect(caa).toContain('Health          ✗ fail')
    expect(caa).toContain("✗ ACM's renewal failed: a CAA record")
    expect(caa).toContain('Used by (1)')
  })
})

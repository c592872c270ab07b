import { describe, expect, it } from 'vitest'
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
    expect(app.lines()[2]).toMatch(/^ {2}Domain +Region +Kind +Status +Use Expires +Drift$/)
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
    for (let i = 0; i < 7; i++) await app.press('s')
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

import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { renderApp } from '../helpers/render.js'

const dnsProviders = [
  { id: 'dns-1', providerId: 'route53', name: 'corp', settings: {} },
  { id: 'dns-2', providerId: 'hook', name: 'lab', settings: {} },
]

async function openPublic() {
  const deck = fakeDeck({
    credentials: [credential('prod', { defaultRegion: 'eu-west-1' })],
    dnsProviders,
    zones: {
      corp: [{ id: 'Z1', name: 'example.com', private: false }],
      lab: [{ id: 'Z2', name: 'lab.test', private: false }],
    },
  })
  const app = await renderApp({ deck })
  await app.waitFor('CertDeck')
  await app.press('3', 'n')
  await app.waitFor('‹ prod (static) ›')
  return { deck, app }
}

describe('Request a public certificate dialog', () => {
  it('preselects the credential and its region, and shows the fields', async () => {
    const { app } = await openPublic()
    const frame = app.frame()
    expect(frame).toContain('Request a public certificate (ACM)')
    expect(frame).toMatch(/Validation +‹ DNS \(CNAME record\) ›/)
    expect(frame).toMatch(/Region +‹ eu-west-1 ›/)
    expect(frame).toMatch(/DNS provider +‹ none: I create the records \(Sync records\) ›/)
    expect(frame).toMatch(/Key algorithm +‹ RSA 2048 ›/)
    expect(frame).toContain('[ ] Exportable (the private key can be retrieved)')
  })

  it('takes what is typed at once into the domain, the credential preselected', async () => {
    const { app } = await openPublic()
    await app.type('shop.example.com')
    expect(app.frame()).toMatch(/Domain name +shop\.example\.com/)
    expect(app.frame()).toMatch(/Credential +.*prod \(static\)/)
  })

  it('shows name problems inline as they are typed and refuses to send them', async () => {
    const { app, deck } = await openPublic()
    await app.type('www.*.example.com')
    await app.waitFor('✗ www.*.example.com: a wildcard may only be the leftmost label, as in *.example.com.')
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('! Fix the names first: the problems are listed in the dialog.')
    expect(deck.acm.requested).toHaveLength(0)
  })

  it('says the domain is missing when ⏎ comes first', async () => {
    const { app } = await openPublic()
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('✗ Enter the domain name, e.g. www.example.com.')
  })

  it('adds and removes SAN lines, suggests the provider covering every name, and sends the request', async () => {
    const { app, deck } = await openPublic()
    await app.type('www.example.com')
    await app.press(SEQ.tab)
    await app.type('example.com')
    await app.press(SEQ.down)
    await app.type('x')
    expect(app.frame()).toMatch(/│ {23}x {3}↓ add line · ⌫ on empty removes/)
    expect(app.frame()).toContain('✗ x is not a domain name.')
    await app.press(SEQ.backspace, SEQ.backspace)
    expect(app.frame()).not.toMatch(/│ {23}x/)
    expect(app.frame()).not.toContain('✗ x is not a domain name.')
    await app.press(SEQ.down)
    await app.type('*.example.com')
    await app.waitFor('‹ corp (route53) — covers every name ›')
    await app.press(SEQ.tab, SEQ.tab, SEQ.tab, SEQ.tab, SEQ.tab, SEQ.right, SEQ.tab, SEQ.space)
    expect(app.frame()).toMatch(/Key algorithm +‹ EC P-256 ›/)
    expect(app.frame()).toContain('! AWS charges for an exportable certificate, at issue and at each renewal.')
    await app.press(SEQ.enter)
    await app.waitFor('c writes the records through corp')
    expect(deck.acm.requested).toEqual([
      expect.objectContaining({
        credential: 'prod',
        region: 'eu-west-1',
        domain: 'www.example.com',
        sans: ['example.com', '*.example.com'],
        validation: 'DNS',
        dnsProvider: 'corp',
        keyAlgorithm: 'EC_prime256v1',
        exportable: true,
      }),
    ])
    expect(app.lines()[3]).toMatch(/^› www\.example\.com +public +eu-west-1 +! deploy challenge +DNS +0\/3/)
  })

  it('requests email validation without a DNS provider field', async () => {
    const { app, deck } = await openPublic()
    await app.type('mail.example.com')
    await app.press(SEQ.tab, SEQ.tab, SEQ.tab, SEQ.right)
    expect(app.frame()).toMatch(/Validation +‹ Email/)
    expect(app.frame()).not.toContain('DNS provider')
    await app.press(SEQ.enter)
    await app.waitFor('ACM mailed the admin addresses (e resends).')
    expect(deck.acm.requested[0]).toMatchObject({ validation: 'EMAIL', dnsProvider: undefined })
    expect(app.lines()[3]).toMatch(/^› mail\.example\.com +public +eu-west-1 +… pending validation +EMAIL/)
  })

  it('keeps every field, the charge warning and a problem on screen at 80×24 with five SAN lines', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')], dnsProviders })
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('3', 'n')
    await app.waitFor('‹ prod (static) ›')
    await app.type('a.example.com')
    await app.press(SEQ.tab)
    for (const name of ['b.example.com', 'c.example.com', 'd.example.com', 'e..x']) {
      await app.type(name)
      await app.press(SEQ.down)
    }
    for (let i = 0; i < 6; i++) await app.press(SEQ.tab)
    await app.press(SEQ.space, SEQ.enter)
    const frame = app.frame()
    for (const label of [
      'Credential',
      'Domain name',
      'More names (SANs)',
      '(5 names: ↑↓ scroll)',
      'Validation',
      'Region',
      'DNS provider',
      'Key algorithm',
      '[x] Exportable',
    ]) {
      expect(frame).toContain(label)
    }
    expect(frame).toContain('! AWS charges for an exportable certificate, at issue and at each renewal.')
    expect(frame).toContain('✗ e..x is not a domain name.')
    expect(frame).toContain('⏎ request · Tab next field')
  })
})

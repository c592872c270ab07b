import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { renderApp } from '../helpers/render.js'

describe('Credentials tab: add and remove', () => {
  it('adds a static credential with the secret typed masked, then lists it', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4', 'a')
    await app.waitFor('Add an AWS credential')
    await app.type('staging')
    await app.press(SEQ.tab, SEQ.tab)
    await app.type('AKIASTAGING')
    await app.press(SEQ.tab)
    await app.type('s3cr3t/KEY')
    expect(app.frame()).toMatch(/Secret access key +\*{10}/)
    expect(app.frame()).not.toContain('s3cr3t')
    await app.press(SEQ.enter)
    await app.waitFor('Added the credential staging (static); t tests it.')
    expect(app.frame()).toMatch(/^› {3}staging +static/m)
    expect(deck.state.credentials.map((c) => c.name)).toEqual(['prod', 'staging'])
    expect(app.frame()).not.toContain('s3cr3t')
  })

  it('asks for the fields of the kind chosen, and shows a refusal without closing', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4', 'a')
    await app.waitFor('Add an AWS credential')
    await app.press(SEQ.tab, SEQ.right)
    expect(app.frame()).toMatch(/Profile +default/)
    expect(app.frame()).not.toContain('Secret access key')
    await app.press(SEQ.right, SEQ.right)
    expect(app.frame()).toMatch(/Source credential +‹ prod \(static\) ›/)
    await app.press(SEQ.right, SEQ.enter)
    expect(app.frame()).toContain('Give the credential a name, e.g. prod.')
    await app.press(SEQ.shiftTab)
    await app.type('prod')
    await app.press(SEQ.enter)
    await app.waitFor('Error: A credential named prod exists already.')
    expect(app.frame()).toContain('Add an AWS credential')
  })

  it('removes a credential after y', async () => {
    const deck = fakeDeck({ credentials: [credential('prod'), credential('old')] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4', 'j', 'x')
    await app.waitFor('Remove the credential old?')
    await app.press('y')
    await app.waitFor('Removed the credential old.')
    expect(app.frame()).not.toMatch(/^ +old +static/m)
  })
})

describe('DNS tab: add, test, remove', () => {
  it('adds a provider of a loaded type with its credential and settings', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('5')
    await app.waitFor('No DNS providers configured. Press a to add one')
    await app.press('a')
    await app.waitFor('Add a DNS provider')
    expect(app.frame()).toMatch(/Type +‹ Amazon Route 53 \(route53\) ›/)
    expect(app.frame()).toMatch(/Credential +‹ prod \(static\) ›/)
    expect(app.frame()).toMatch(/zoneId +Pin one hosted zone id/)
    await app.press(SEQ.tab)
    await app.type('corp')
    await app.press(SEQ.tab, SEQ.tab)
    await app.type('Z123')
    await app.press(SEQ.enter)
    await app.waitFor('Added the DNS provider corp (route53); t lists its zones.')
    expect(deck.acm.dnsAdded).toEqual([
      { type: 'route53', name: 'corp', credential: 'prod', settings: { zoneId: 'Z123' } },
    ])
    expect(app.lines()[3]).toMatch(/^› corp +route53 +prod +zoneId=Z123$/)
  })

  it('asks for the settings of the hook type, marks the required ones, and shows the refusal', async () => {
    const app = await renderApp({ deck: fakeDeck() })
    await app.waitFor('CertDeck')
    await app.press('5', 'a')
    await app.waitFor('Add a DNS provider')
    await app.press(SEQ.right)
    expect(app.frame()).toMatch(/addScript \* +Script that adds a record/)
    expect(app.frame()).not.toMatch(/Credential +‹/)
    await app.press(SEQ.tab)
    await app.type('lab')
    await app.press(SEQ.enter)
    await app.waitFor('Error: Scripts (hook) needs addScript, removeScript.')
  })

  it('tests a provider and lists its zones, then removes it', async () => {
    const deck = fakeDeck({
      dnsProviders: [{ id: 'dns-1', providerId: 'route53', name: 'corp', settings: {} }],
      zones: {
        corp: [
          { id: 'Z1', name: 'example.com', private: false },
          { id: 'Z2', name: 'internal.example.com', private: true },
        ],
      },
    })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('5', 't')
    await app.waitFor('✓ corp works: 2 zones it can write to')
    expect(app.frame()).toMatch(/example\.com +public +Z1/)
    expect(app.frame()).toMatch(/internal\.example\.com +private +Z2/)
    await app.press(SEQ.enter, 'x')
    await app.waitFor('Remove the DNS provider corp?')
    await app.press('y')
    await app.waitFor('Removed the DNS provider corp.')
    expect(app.frame()).toContain('No DNS providers configured.')
  })
})

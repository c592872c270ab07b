import { CertDeckError } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { request, validationRecord } from '../helpers/fake-acm.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { renderApp } from '../helpers/render.js'

const corp = { id: 'dns-1', providerId: 'route53', name: 'corp', settings: {} }

async function openRequests(options: Parameters<typeof fakeDeck>[0], requestPollMs = 0) {
  const deck = fakeDeck({ credentials: [credential('prod')], ...options })
  const app = await renderApp({ deck, requestPollMs })
  await app.waitFor('CertDeck')
  await app.press('3')
  return { deck, app }
}

describe('Requests tab', () => {
  it('shows each of the seven states as a mark and words', async () => {
    const states = [
      'PENDING_VALIDATION',
      'DEPLOY_CHALLENGE',
      'SYNC_RECORDS',
      'ISSUED',
      'FAILED',
      'VALIDATION_TIMED_OUT',
      'REVOKED',
    ] as const
    const { app } = await openRequests({
      requests: states.map((state, i) => request(`r${i}`, `s${i}.example.com`, { state })),
    })
    await app.waitFor('s6.example.com')
    const stateOf = (i: number) =>
      app
        .lines()
        .find((l) => l.includes(`s${i}.example.com`))
        ?.match(/us-east-1 +(.+?) +DNS/)?.[1]
    expect(states.map((_, i) => stateOf(i))).toEqual([
      '… pending validation',
      '! deploy challenge',
      '! sync records',
      '✓ issued',
      '✗ failed',
      '✗ timed out',
      '✗ revoked',
    ])
  })

  it('wraps its empty text at 80 columns with no stray space at the start of the next line', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')] })
    const app = await renderApp({ deck, requestPollMs: 0 }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('3')
    await app.waitFor('No requests to ACM yet.')
    // The first line fills the 80 columns exactly: the break falls on the space after it.
    expect(app.lines()[2]).toHaveLength(80)
    expect(app.lines()[3]).toBe('one.')
  })

  it('shows whole domains at 80 columns: narrower columns give their width first', async () => {
    const deck = fakeDeck({
      credentials: [credential('prod')],
      requests: [
        request('r1', 'app.internal.example.com', { state: 'PENDING_VALIDATION' }),
        request('r2', 'www.example.com', { state: 'ISSUED' }),
      ],
    })
    const app = await renderApp({ deck, requestPollMs: 0 }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('3')
    await app.waitFor('www.example.com')
    expect(app.lines().find((l) => l.includes('app.internal'))).toMatch(
      /^. app\.internal\.example\.com +\w+ +us-east-1 +… pending validation/,
    )
    expect(app.frame()).not.toContain('…  ')
    expect(app.lines().every((l) => l.length <= 80)).toBe(true)
  })

  it("deploys the challenge through the request's provider and shows each zone until in sync", async () => {
    let release = () => {}
    const challengeGate = new Promise<void>((resolve) => (release = resolve))
    const { app, deck } = await openRequests({
      dnsProviders: [corp],
      challengeGate,
      requests: [
        request('r1', 'www.example.com', {
          sans: ['*.www.example.com'],
          state: 'DEPLOY_CHALLENGE',
          dnsProviderId: 'dns-1',
        }),
      ],
    })
    await app.waitFor('www.example.com')
    await app.press('c')
    await app.waitFor('… example.com: 2 records written (change CZ1EXAMPLE), waiting until in sync')
    release()
    await app.waitFor('✓ example.com: 2 records in sync')
    await app.waitFor('Request r1: ✓ issued — the certificate is in the Certificates tab')
    expect(deck.acm.challenges).toEqual([{ ref: 'r1', dnsProvider: undefined }])
    await app.press(SEQ.enter)
    await app.waitFor(/^› www\.example\.com +public +us-east-1 +✓ issued +DNS +2\/2/m)
    expect(app.lines()[0]).toContain('1 cert ·')
  })

  it('after its own provider failed, offers that provider again and says what failed', async () => {
    const { app, deck } = await openRequests({
      dnsProviders: [corp],
      requests: [request('r1', 'www.example.com', { state: 'DEPLOY_CHALLENGE', dnsProviderId: 'dns-1' })],
    })
    const deployChallenge = deck.requests.deployChallenge
    deck.requests.deployChallenge = async () => {
      deck.requests.deployChallenge = deployChallenge
      throw new CertDeckError('DNS_ZONE_NOT_FOUND', 'No public zone of the DNS provider covers _x.www.example.com.')
    }
    await app.waitFor('www.example.com')
    await app.press('c')
    await app.waitFor('Error: No public zone of the DNS provider covers _x.www.example.com.')
    await app.press(SEQ.escape)
    expect(app.frame()).toContain(
      'Writing the records through corp failed: ⏎ tries again, or choose another DNS provider.',
    )
    expect(app.frame()).not.toContain('no DNS provider of its own')
    await app.press(SEQ.enter)
    await app.waitFor('Request r1: ✓ issued')
    expect(deck.acm.challenges).toEqual([{ ref: 'r1', dnsProvider: 'corp' }])
  })

  it('lets the user choose a provider for a request without one', async () => {
    const { app, deck } = await openRequests({ dnsProviders: [corp], requests: [request('r1', 'www.example.com')] })
    await app.waitFor('www.example.com')
    await app.press('c')
    await app.waitFor('This request has no DNS provider of its own')
    expect(app.frame()).toMatch(/DNS provider +‹ corp \(route53\) ›/)
    await app.press(SEQ.enter)
    await app.waitFor('Request r1: ✓ issued')
    expect(deck.acm.challenges).toEqual([{ ref: 'r1', dnsProvider: 'corp' }])
  })

  it('offers no provider when none covers the names, and points to y for the records to create', async () => {
    const { app, deck } = await openRequests({
      dnsProviders: [corp],
      requests: [request('r1', 'manual.example.net', { state: 'SYNC_RECORDS' })],
    })
    await app.waitFor('manual.example.net')
    await app.press('c')
    await app.waitFor('No DNS provider covers manual.example.net')
    const text = app
      .lines()
      .map((l) => l.replace(/^│|│$/g, '').trim())
      .join(' ')
    expect(text).toContain('create the records with your DNS host; y shows the records to create')
    expect(app.frame()).not.toContain('corp (route53)')
    await app.press(SEQ.enter)
    expect(deck.acm.challenges).toEqual([])
    expect(app.frame()).not.toContain('certdeck')
    await app.press('y')
    await app.waitFor('Validation records for manual.example.net')
  })

  it('shows the records to create, one per line without a frame, a wildcard sharing its apex record', async () => {
    const deck = fakeDeck({
      credentials: [credential('prod')],
      requests: [request('r1', 'example.com', { sans: ['*.example.com', 'api.example.com'] })],
    })
    const app = await renderApp({ deck, requestPollMs: 0 }, { columns: 140, rows: 30 })
    await app.waitFor('CertDeck')
    await app.press('3', 'y')
    await app.waitFor('Validation records for example.com')
    const apex = validationRecord('example.com')
    const api = validationRecord('api.example.com')
    expect(app.lines()).toContain(`${apex.name}      CNAME  ${apex.value}`)
    expect(app.lines()).toContain(`${api.name}  CNAME  ${api.value}`)
    expect(app.lines()).toContain(`# ${apex.name}: example.com, *.example.com`)
    expect(app.lines().filter((l) => l.includes('CNAME  _'))).toHaveLength(2)
    expect(app.lines().slice(2).join('\n')).not.toContain('│')
    await app.press(SEQ.escape)
    expect(app.frame()).not.toContain('Validation records')
  })

  it('puts name, type and value on lines of their own when a record is wider than the terminal', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')], requests: [request('r1', 'shop.eu.example.com')] })
    const app = await renderApp({ deck, requestPollMs: 0 }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('3', 'y')
    await app.waitFor('Validation records')
    const record = validationRecord('shop.eu.example.com')
    expect(app.lines()).toContain(`Name   ${record.name}`)
    expect(app.lines()).toContain('Type   CNAME')
    expect(app.lines()).toContain(`Value  ${record.value}`)
    expect(app.lines()).toContain('# shop.eu.example.com')
    expect(app.lines().slice(2).join('\n')).not.toContain('│')
  })

  it('checks now with u, and refuses the DNS actions on an email request, whose email it resends with e', async () => {
    const { app, deck } = await openRequests({
      requests: [
        request('r1', 'mail.example.com', {
          validationMethod: 'EMAIL',
          state: 'PENDING_VALIDATION',
          validations: [
            {
              domain: 'mail.example.com',
              validationDomain: 'example.com',
              status: 'PENDING_VALIDATION',
              emails: ['admin@example.com', 'hostmaster@example.com'],
            },
          ],
        }),
      ],
    })
    await app.waitFor('mail.example.com')
    await app.press('u')
    await app.waitFor('mail.example.com: … pending validation.')
    expect(deck.acm.refreshed).toEqual(['r1'])
    await app.press('c')
    expect(app.frame()).toContain('mail.example.com is not validated by DNS: there are no records to write.')
    await app.press('e')
    await app.waitFor('Validation email sent again to admin@example.com, hostmaster@example.com.')
    expect(deck.acm.resent).toEqual(['r1'])
  })

  it('checks unfinished requests in the background and shows them issued', async () => {
    const { app, deck } = await openRequests({ requests: [request('r1', 'www.example.com')] }, 20)
    await app.waitFor('! sync records')
    // The user creates the records by hand; ACM validates them.
    deck.state.requests = deck.state.requests.map((r) => ({
      ...r,
      validations: r.validations.map((v) => ({ ...v, status: 'SUCCESS' })),
    }))
    await app.waitFor('✓ issued')
    expect(deck.acm.refreshed.length).toBeGreaterThan(0)
    expect(deck.acm.refreshed.every((ref) => ref === undefined)).toBe(true)
    // Nothing is unfinished any more: the checks stop.
    const checks = deck.acm.refreshed.length
    await new Promise((resolve) => setTimeout(resolve, 120))
    expect(deck.acm.refreshed.length).toBe(checks)
  })

  it('never runs two background checks at once', async () => {
    const { app, deck } = await openRequests({ requests: [request('r1', 'www.example.com')] }, 10)
    let running = 0
    let most = 0
    let calls = 0
    deck.requests.refresh = async () => {
      calls++
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, 60))
      running--
      return []
    }
    await app.waitFor('! sync records')
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(calls).toBeGreaterThan(1)
    expect(most).toBe(1)
  })
})

describe('Request a private certificate dialog', () => {
  const ca = {
    arn: 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/ca-1',
    commonName: 'Corp Issuing CA',
    status: 'ACTIVE',
    type: 'SUBORDINATE' as const,
    keyAlgorithm: 'EC_prime256v1' as const,
  }

  it('loads the private CAs into a drop-down and requests a certificate from one', async () => {
    const { app, deck } = await openRequests({
      authorities: [ca, { ...ca, arn: `${ca.arn}-off`, commonName: 'Old CA', status: 'DISABLED' }],
    })
    await app.press('p')
    await app.waitFor('‹ Corp Issuing CA (subordinate, EC P-256) ›')
    expect(app.frame()).not.toContain('Old CA')
    expect(app.frame()).toContain(ca.arn)
    await app.type('app.internal.example')
    await app.press(SEQ.enter)
    await app.waitFor('Requested app.internal.example (req1): issued; it is in the Certificates tab.')
    expect(deck.acm.requestedPrivate).toEqual([
      expect.objectContaining({
        caArn: ca.arn,
        domain: 'app.internal.example',
        credential: 'prod',
        keyAlgorithm: undefined,
      }),
    ])
    expect(app.lines()[3]).toMatch(/^› app\.internal\.example +private +us-east-1 +✓ issued/)
  })

  it('keeps the label column when a CA name is wider than the rest of the line at 80 columns', async () => {
    const long = { ...ca, commonName: 'CertDeck Sandbox Private CA 1 (us-east-1)', type: 'ROOT' as const }
    const deck = fakeDeck({ credentials: [credential('prod')], authorities: [long] })
    const app = await renderApp({ deck, requestPollMs: 0 }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('3', 'p')
    await app.waitFor('CertDeck Sandbox Private CA 1')
    const at = app.lines().findIndex((l) => l.includes('Private CA  '))
    expect(app.lines()[at]).toMatch(/^│ {3}Private CA {10}‹ CertDeck Sandbox Private CA 1 \(us-east-1\) \(root, EC/)
    expect(app.lines()[at + 1]).toMatch(/^│ {23}P-256\) ›/)
  })

  it('says when the account has no ACTIVE private CA and refuses to go on', async () => {
    const { app, deck } = await openRequests({})
    await app.press('p')
    await app.waitFor('Private CA')
    await app.waitFor(/none ACTIVE in us-east-1/)
    await app.press(SEQ.tab, SEQ.tab, SEQ.tab)
    await app.type('app.internal.example')
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('Choose a private CA: the account has no ACTIVE ACM Private CA in us-east-1.')
    expect(deck.acm.requestedPrivate).toHaveLength(0)
  })
})

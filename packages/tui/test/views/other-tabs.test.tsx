import { CertDeckError } from '@certdeck/core'
import { SEQ } from '../../src/index.js'
import { describe, expect, it } from 'vitest'
import { NOW } from '../helpers/certificates.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { auditEvent } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

describe('Credentials tab', () => {
  it('lists credentials, marks the active one, and switches it with u', async () => {
    const deck = fakeDeck({
      credentials: [
        credential('prod', { accountId: '111122223333' }),
        credential('sandbox', { endpoint: 'http://127.0.0.1:4599', kind: 'static' }),
      ],
    })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4')
    await app.waitFor('sandbox')
    expect(app.lines()[2]).toMatch(/^ {4}Name +Kind +Account +Region +Endpoint$/)
    expect(app.lines()[3]).toMatch(/^› \* prod +static +111122223333 us-east-1 +AWS$/)
    expect(app.lines()[4]).toMatch(/^ {4}sandbox +static +— +us-east-1 +http:\/\/127\.0\.0\.1:4599$/)
    await app.press('j', 'u')
    expect(app.lines()[0]).toContain('credential: sandbox')
    expect(app.lines()[4]).toMatch(/^› \* sandbox/)
  })

  it('keeps the choice of u in the repository, and starts with the default credential', async () => {
    const deck = fakeDeck({ credentials: [credential('prod'), credential('sandbox', { isDefault: true })] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    expect(app.lines()[0]).toContain('credential: sandbox')
    await app.press('4', 'u')
    await app.waitFor('✓ prod is now the active credential.')
    expect((await deck.credentials.list()).filter((c) => c.isDefault).map((c) => c.name)).toEqual(['prod'])
  })

  it('shows the account a test with t reached in the Account column at once', async () => {
    const deck = fakeDeck({ credentials: [credential('prod')] })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4')
    await app.waitFor(/^› \* prod +static +— /m)
    await app.press('t')
    await app.waitFor('✓ prod works (account 111122223333).')
    await app.waitFor(/^› \* prod +static +111122223333 /m)
  })

  it('tests a credential with t and shows the outcome', async () => {
    const deck = fakeDeck({ credentials: [credential('prod', { accountId: '111122223333' })] })
    deck.credentials.test = async () => {
      throw new CertDeckError(
        'AWS_ACCESS_DENIED',
        'AWS refused the key of prod: the policy needs ACM access (e.g. AWSCertificateManagerFullAccess).',
      )
    }
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('4', 't')
    await app.waitFor('Error: AWS refused the key of prod: the policy needs ACM access')
  })
})

describe('Audit tab', () => {
  it('lists events newest first with the outcome as a mark and a word', async () => {
    const deck = fakeDeck({
      audit: [auditEvent('e1', 'certificate.import', 60), auditEvent('e2', 'certificate.deploy', 5, 'failed')],
    })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('6')
    await app.waitFor('certificate.deploy')
    expect(app.lines()[3]).toMatch(/^› 2026-06-01 11:55 alice +certificate\.deploy +c0ffee01 +✗ failed/)
    expect(app.lines()[4]).toMatch(/^ {2}2026-06-01 11:00 alice +certificate\.import +c0ffee01 +✓ ok/)
  })
})

describe('Audit tab filter', () => {
  it('narrows the events with / to those matching every word', async () => {
    const deck = fakeDeck({
      audit: [
        auditEvent('e1', 'certificate.import', 60),
        auditEvent('e2', 'certificate.deploy', 5, 'failed'),
        auditEvent('e3', 'request.public', 2),
      ],
    })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('6', '/')
    await app.type('cert failed')
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('filter: cert failed (Esc clears)')
    expect(app.lines().filter((l) => /^. 2026-06-01/.test(l))).toEqual([
      expect.stringMatching(/certificate\.deploy +c0ffee01 +✗ failed/),
    ])
    await app.press(SEQ.escape)
    expect(app.lines().filter((l) => /^. 2026-06-01/.test(l))).toHaveLength(3)
  })
})

describe('Requests and DNS tabs', () => {
  it('list what exists', async () => {
    const deck = fakeDeck({
      requests: [
        {
          id: 'r1',
          kind: 'public',
          credentialId: 'cred-prod',
          region: 'us-east-1',
          domain: 'new.example.com',
          sans: [],
          validationMethod: 'DNS',
          state: 'PENDING_VALIDATION',
          validations: [],
          history: [],
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        },
      ],
      dnsProviders: [{ id: 'd1', providerId: 'route53', name: 'main zone', settings: { zone: 'Z123' } }],
    })
    const app = await renderApp({ deck })
    await app.waitFor('CertDeck')
    await app.press('3')
    await app.waitFor('new.example.com')
    expect(app.lines()[3]).toMatch(
      /^› new\.example\.com +public +us-east-1 +… pending validation +DNS +— +2026-06-01 12:00$/,
    )
    await app.press('5')
    expect(app.lines()[3]).toMatch(/^› main zone +route53 +— +zone=Z123$/)
  })
})

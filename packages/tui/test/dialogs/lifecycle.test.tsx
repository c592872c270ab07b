import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { request } from '../helpers/fake-acm.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { cloudCert, sampleCertificates } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

const PRIVATE_ARN = 'arn:aws:acm:us-east-1:111122223333:certificate/nokey.example.com-us-east-1'

/** The AWS tab with a private certificate (linked to c0ffee05, no key held) selected, and its request. */
async function openAws() {
  const deck = fakeDeck({
    certificates: await sampleCertificates(),
    credentials: [credential('prod')],
    cloud: [
      cloudCert('nokey.example.com', 'us-east-1', {
        kind: 'PRIVATE',
        certificateId: 'c0ffee05',
        exportOption: 'ENABLED',
      }),
      cloudCert('www.example.com', 'us-east-1'),
    ],
    requests: [
      request('req9', 'nokey.example.com', {
        kind: 'private',
        state: 'ISSUED',
        validationMethod: undefined,
        validations: [],
        arn: PRIVATE_ARN,
        certificateId: 'c0ffee05',
      }),
    ],
  })
  const app = await renderApp({ deck })
  await app.waitFor('CertDeck')
  await app.press('2')
  await app.waitFor('nokey.example.com')
  return { deck, app }
}

describe('the details menu of an ACM certificate', () => {
  it('lists the actions and says why those that do not apply are blocked', async () => {
    const { app } = await openAws()
    await app.press('j', 'm')
    await app.waitFor('Actions: www.example.com (us-east-1)')
    expect(app.frame()).toMatch(/r {2}Renew {2}— private certificates only: ACM renews Amazon-issued ones by itself/)
    expect(app.frame()).toMatch(/v {2}Revoke {2}— private or exported public certificates only/)
    expect(app.frame()).toMatch(/o {2}Open the request that produced it {2}— no request of CertDeck produced it/)
    await app.press('r')
    expect(app.frame()).toContain('! Renew: private certificates only: ACM renews Amazon-issued ones by itself.')
    expect(app.frame()).not.toContain('✓ Renew')
  })

  it('points a never-deployed certificate to deploying (d), not to discovery', async () => {
    const { app } = await openAws()
    await app.press('1')
    await app.waitFor('mail.example.com')
    await app.press('m')
    await app.waitFor('Actions: www.example.com')
    expect(app.frame()).toContain('Not in ACM yet: d in the Certificates tab deploys it.')
    expect(app.frame()).toMatch(/r {2}Renew {2}— not in ACM yet: deploy it first \(d\)/)
    expect(app.frame()).toMatch(/^│ {3}p {2}Retrieve the private key {2}— not in ACM yet: deploy it first \(d\) +│$/m)
    await app.press('r')
    expect(app.frame()).toContain('! Renew: not in ACM yet: deploy it first (d).')
    expect(app.frame()).not.toContain('discover it first')
  })

  it('clears a refusal when the next dialog opens, so no stale notice stays under it', async () => {
    const { app } = await openAws()
    await app.press('j', 'm')
    await app.waitFor('Actions: www.example.com (us-east-1)')
    await app.press('r')
    expect(app.frame()).toContain('! Renew: private certificates only')
    await app.press('x')
    await app.waitFor('Delete www.example.com (us-east-1) from CertDeck')
    expect(app.frame()).not.toContain('! Renew')
  })

  it('reaches every action of the menu by name from the command palette', async () => {
    const { app } = await openAws()
    await app.press(':')
    for (const ch of 'renew') await app.press(ch)
    await app.waitFor('AWS: Renew')
    await app.press(SEQ.enter)
    await app.waitFor('Its ACM Private CA signs a new certificate under the same ARN.')
    await app.press(SEQ.escape)
    for (const [word, shown] of [
      ['revoke', 'AWS: Revoke'],
      ['retrieve', 'AWS: Retrieve private key'],
      ['delete from', 'AWS: Delete from CertDeck'],
      ['open its request', 'AWS: Open its request'],
    ]) {
      await app.press(':')
      for (const ch of word) await app.press(ch)
      await app.waitFor(shown)
      await app.press(SEQ.escape)
    }
    await app.press(':')
    for (const ch of 'revoke') await app.press(ch)
    await app.press(SEQ.enter)
    await app.waitFor('Revoke nokey.example.com')
  })

  it('renews a private certificate after y and shows the renewal in Requests', async () => {
    const { app, deck } = await openAws()
    await app.press('m')
    await app.waitFor('Actions: nokey.example.com (us-east-1)')
    expect(app.frame()).toMatch(/› r {2}Renew\s/)
    await app.press(SEQ.enter)
    await app.waitFor('Its ACM Private CA signs a new certificate under the same ARN.')
    await app.press('y')
    await app.waitFor('Renewal of nokey.example.com requested (req2): see the Requests tab.')
    expect(deck.acm.renewed).toEqual([PRIVATE_ARN])
    await app.press('3')
    await app.waitFor('renewal')
    expect(app.frame()).toMatch(/nokey\.example\.com +renewal +us-east-1 +… pending validation/)
  })

  it('revokes only once the domain is typed, with the reason chosen', async () => {
    const { app, deck } = await openAws()
    await app.press('m', 'v')
    await app.waitFor('Revoke nokey.example.com')
    expect(app.frame()).toContain('! Revocation cannot be undone')
    await app.press(SEQ.right)
    expect(app.frame()).toMatch(/Reason +‹ key compromise ›/)
    // The hint sits in the empty field, never alone at column 1 under it.
    expect(app.frame()).toMatch(/Type the domain +\(to confirm, type nokey\.example\.com\)/)
    expect(app.frame()).not.toMatch(/│ to confirm/)
    await app.press(SEQ.tab)
    await app.type('nokey.example')
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('! Type nokey.example.com exactly to confirm the revocation.')
    expect(deck.acm.revoked).toHaveLength(0)
    await app.type('.com')
    expect(app.frame()).toMatch(/^│ {23}✓ confirmed/m)
    await app.press(SEQ.enter)
    await app.waitFor(
      'Revoked nokey.example.com (key compromise). It left the Certificates tab (v there shows revoked entries)',
    )
    expect(deck.acm.revoked).toEqual([{ ref: PRIVATE_ARN, reason: 'KEY_COMPROMISE' }])
    await app.waitFor(/nokey\.example\.com +us-east-1 +Private +REVOKED/)
    await app.press('1')
    await app.waitFor('www.example.com')
    expect(app.frame()).not.toContain('nokey.example.com')
    const certs = (await deck.certificates.list()).length
    expect(app.lines()[0]).toContain(`${certs - 1} certs`)
    await app.press('v')
    await app.waitFor('✓ Showing revoked certificates too (v hides them).')
    await app.waitFor('nokey.example.com ✗ revoked')
    await app.press('v')
    await app.waitFor('✓ Revoked certificates are hidden.')
    expect(app.frame()).not.toContain('nokey.example.com')
  })

  it('retrieves the private key after the charge warning and says it is sealed', async () => {
    const { app, deck } = await openAws()
    await app.press('m', 'p')
    await app.waitFor('Retrieve the private key of nokey.example.com')
    expect(app.frame()).toContain('AWS charges for each export of a certificate')
    expect(app.frame()).toContain('it is never shown or written to a file.')
    await app.press('y')
    await app.waitFor('The private key of nokey.example.com is sealed in the vault')
    expect(deck.acm.retrieved).toEqual([PRIVATE_ARN])
    expect(deck.state.certificates.find((c) => c.id === 'c0ffee05')?.privateKey).toBeDefined()
  })

  it('deletes from CertDeck only, saying ACM keeps the certificate', async () => {
    const { app, deck } = await openAws()
    await app.press('m', 'x')
    await app.waitFor('Delete nokey.example.com (us-east-1) from CertDeck')
    expect(app.frame()).toMatch(/ACM keeps the[\s│]+certificate/)
    await app.press('y')
    await app.waitFor('nokey.example.com is gone from CertDeck; ACM still holds it.')
    expect(deck.acm.lifecycleDeleted).toEqual([PRIVATE_ARN])
    expect(app.lines()[3]).toMatch(/^› www\.example\.com/)
  })

  it('opens the request that produced it, selected in the Requests tab', async () => {
    const { app } = await openAws()
    await app.press('m', 'o')
    await app.waitFor(/^› nokey\.example\.com +private +us-east-1 +✓ issued/m)
    expect(app.lines()[1]).toContain('3 Requests')
  })

  it('opens from the Certificates tab on the repository entry, acting on its ACM record', async () => {
    const { app, deck } = await openAws()
    await app.press('1', 'G', 'm')
    await app.waitFor('Actions: nokey.example.com (us-east-1)')
    await app.press('p', 'y')
    await app.waitFor('is sealed in the vault')
    expect(deck.acm.retrieved).toEqual([PRIVATE_ARN])
  })
})

import { CertDeckError, type Deployment } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { NOW } from '../helpers/certificates.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { cloudCert, sampleCertificates } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

const ACCOUNT = '111122223333'
const PRIVATE_ARN = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/nokey.example.com-us-east-1`
const DEPLOYED_ARN = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/api-copy`
const LB = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/${name}/0123456789`
const CLOUDFRONT = `arn:aws:cloudfront::${ACCOUNT}:distribution/E2QWRUHEXAMPLE`

const deployed: Deployment = {
  id: 'dep-api',
  certificateId: 'c0ffee02',
  credentialId: 'cred-prod',
  region: 'eu-west-1',
  arn: DEPLOYED_ARN,
  replaceIfExists: true,
  autoRedeploy: true,
  state: 'deployed',
  updatedAt: NOW.toISOString(),
}

/** The AWS tab with a private certificate in ACM (nokey.example.com, linked to c0ffee05) selected. */
async function openAws(extra: Parameters<typeof fakeDeck>[0] = {}) {
  const deck = fakeDeck({
    certificates: await sampleCertificates(),
    credentials: [credential('prod')],
    deployments: [deployed],
    cloud: [
      cloudCert('nokey.example.com', 'us-east-1', {
        kind: 'PRIVATE',
        certificateId: 'c0ffee05',
        exportOption: 'ENABLED',
        details: { readAt: NOW.toISOString(), inUseBy: [LB('last-read')], validations: [] },
      }),
    ],
    ...extra,
  })
  const app = await renderApp({ deck })
  await app.waitFor('CertDeck')
  await app.press('2')
  await app.waitFor('nokey.example.com')
  return { deck, app }
}

describe('impact before harm in the TUI', () => {
  it('the revoke dialog asks ACM what uses the certificate and lists it by service', async () => {
    const { app, deck } = await openAws({ usage: { [PRIVATE_ARN]: [LB('api'), CLOUDFRONT, LB('admin')] } })
    await app.press('m', 'v')
    await app.waitFor('Revoke nokey.example.com')
    await app.waitFor('! 2 load balancers and 1 CloudFront distribution use it: they will serve a revoked')
    expect(app.frame()).toContain('  load balancer: loadbalancer/app/api/0123456789 (us-east-1)')
    expect(app.frame()).toContain('  load balancer: loadbalancer/app/admin/0123456789 (us-east-1)')
    expect(app.frame()).toMatch(/ {2}CloudFront distribution: distribution\/E2QWRUHEXAMPLE +│/)
    expect(app.frame()).not.toContain('last-read')
    expect(deck.calls.usage).toEqual([PRIVATE_ARN])
  })

  it('shows what the last details pass read, marked so, when ACM cannot be asked', async () => {
    const { app } = await openAws({
      usageError: new CertDeckError('AWS_UNAVAILABLE', 'ACM did not answer (timeout).'),
    })
    await app.press('m', 'v')
    await app.waitFor('! ACM could not be asked: ACM did not answer (timeout).')
    expect(app.frame()).toContain('! 1 load balancer uses it (as last read): they will serve a revoked')
    expect(app.frame()).toContain('  load balancer: loadbalancer/app/last-read/0123456789 (us-east-1)')
  })

  it('says plainly when nothing uses it, and shortens a long list to fit 80×24', async () => {
    const quiet = await openAws()
    await quiet.app.press('m', 'v')
    await quiet.app.waitFor('Nothing uses it.')
    quiet.app.unmount()

    const many = Array.from({ length: 7 }, (_, i) => LB(`lb${i}`))
    const { app } = await openAws({ usage: { [PRIVATE_ARN]: many } })
    await app.resize(80, 24)
    await app.press('m', 'v')
    await app.waitFor('… and 4 more')
    expect(app.frame()).toContain('! 7 load balancers use it: they will serve a revoked certificate.')
    expect(app.frame()).toMatch(/^│ {3}load balancer: loadbalancer\/app\/lb2\/0123456789 \(us-east-1\) +│$/m)
    // The fields and the keys stay on screen.
    expect(app.frame()).toMatch(/Type the domain +\(to confirm/)
    expect(app.frame()).toContain('⏎ revoke · Tab next field')
  })

  it('deleting a deployed entry names what its copies serve; one never deployed asks nothing', async () => {
    const { app, deck } = await openAws({ usage: { [DEPLOYED_ARN]: [LB('shop')] } })
    await app.press('1')
    await app.waitFor('api.example.com')
    await app.press('j', 'x')
    await app.waitFor('Delete api.example.com (c0ffee02) from the local repository?')
    await app.waitFor('! 1 load balancer uses it: its copies in ACM keep serving them, but CertDeck no longer')
    expect(app.frame()).toContain('  load balancer: loadbalancer/app/shop/0123456789 (us-east-1)')
    expect(deck.calls.usage).toEqual([DEPLOYED_ARN])
    await app.press('n', 'j', 'x')
    await app.waitFor('Delete mail.example.com (c0ffee03) from the local repository?')
    expect(app.frame()).not.toContain('uses it')
    expect(deck.calls.usage).toEqual([DEPLOYED_ARN])
  })

  it("the details menu's delete names what uses its ACM record before forgetting it", async () => {
    const { app, deck } = await openAws({ usage: { [PRIVATE_ARN]: [CLOUDFRONT] } })
    await app.press('m', 'x')
    await app.waitFor('Delete nokey.example.com (us-east-1) from CertDeck')
    await app.waitFor('! 1 CloudFront distribution uses it: ACM keeps serving it, but CertDeck stops tracking')
    expect(deck.calls.usage).toEqual([PRIVATE_ARN])
    await app.press('y')
    await app.waitFor('nokey.example.com is gone from CertDeck; ACM still holds it.')
  })
})

import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { cloudCert } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

function gate() {
  let open!: () => void
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

async function openDiscover(options: { failing?: string[]; gate?: Promise<void> } = {}) {
  const deck = fakeDeck({
    credentials: [credential('prod')],
    cloud: [
      cloudCert('shop.example.com', 'us-east-1'),
      cloudCert('api.example.com', 'us-east-1'),
      cloudCert('eu.example.com', 'eu-west-1'),
    ],
    failingRegions: options.failing,
    discoveryGate: options.gate,
  })
  const app = await renderApp({ deck })
  await app.press('2')
  await app.waitFor('shop.example.com')
  await app.press('d')
  await app.waitFor('‹ prod (static) ›')
  return { deck, app }
}

describe('Discover dialog', () => {
  it('starts with every region and IAM selected', async () => {
    const { app } = await openDiscover()
    expect(app.frame()).toContain('Regions (4 of 4)')
    expect(app.frame()).toContain('[x] IAM server certificates (global)')
  })

  it('shows live per-region progress, then the summary with the failed regions', async () => {
    const { promise, open } = gate()
    const { app, deck } = await openDiscover({ failing: ['ap-northeast-1'], gate: promise })
    await app.press(SEQ.enter)
    await app.waitFor('Scanning… 0/5 done')
    expect(app.frame()).toMatch(/… us-east-1 +… us-west-2 +… eu-west-1/)
    open()
    await app.waitFor('Done.')
    expect(app.frame()).toMatch(/✓ us-east-1 2 +✓ us-west-2 0 +✓ eu-west-1 1/)
    expect(app.frame()).toMatch(/✗ ap-northeast-1 *│\n│ ✓ global 0/)
    expect(app.frame()).toContain('found 3 · new 0 · changed 0 · gone 0 · failed regions 1')
    expect(app.frame()).toContain('✗ ap-northeast-1: UnrecognizedClientException: region not enabled')
    expect(deck.calls.discover[0]).toMatchObject({
      credential: 'prod',
      regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'],
      iam: true,
    })
  })

  it('keeps taking keys while it runs: Esc cancels', async () => {
    const { promise } = gate()
    const { app, deck } = await openDiscover({ gate: promise })
    await app.press(SEQ.enter)
    await app.waitFor('Scanning…')
    await app.press(SEQ.escape)
    expect(app.frame()).toContain('Cancelled.')
    expect(deck.calls.discover[0].signal?.aborted).toBe(true)
    await app.press(SEQ.escape)
    expect(app.frame()).not.toContain('Discover cloud certificates')
  })

  it('passes the chosen regions and IAM off', async () => {
    const { app, deck } = await openDiscover()
    await app.press(SEQ.tab, 'n', SEQ.right, SEQ.space, SEQ.tab, SEQ.space)
    expect(app.frame()).toContain('[ ] IAM server certificates (global)')
    await app.press(SEQ.enter)
    await app.waitFor('Done.')
    expect(deck.calls.discover[0]).toMatchObject({ regions: ['us-west-2'], iam: false })
  })
})

import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { sampleCertificates } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

async function openDeploy(select = 0) {
  const deck = fakeDeck({
    certificates: await sampleCertificates(),
    credentials: [credential('prod', { defaultRegion: 'eu-west-1' }), credential('staging')],
  })
  const app = await renderApp({ deck })
  await app.waitFor('www.example.com')
  for (let i = 0; i < select; i++) await app.press('j')
  await app.press('d')
  await app.waitFor('‹ prod (static) ›')
  return { deck, app }
}

describe('Deploy → AWS ACM dialog', () => {
  it('offers every credential in a drop-down and preselects its default region', async () => {
    const { app } = await openDeploy()
    expect(app.frame()).toContain('Deploy → AWS ACM: www.example.com')
    expect(app.frame()).toContain('Regions (1 of 4)')
    expect(app.frame()).toMatch(/\[ \] us-west-2 +\[x\] eu-west-1/)
    expect(app.frame()).toContain('[x] Replace if the same certificate is found in ACM')
    expect(app.frame()).toContain('[ ] Auto-redeploy on renewal')
    await app.press(SEQ.right)
    expect(app.frame()).toContain('‹ staging (static) ›')
    await app.press(SEQ.left)
    expect(app.frame()).toContain('‹ prod (static) ›')
  })

  it('without a credential says where the TUI adds one, not a CLI command', async () => {
    const deck = fakeDeck({ certificates: await sampleCertificates(), credentials: [] })
    const app = await renderApp({ deck })
    await app.waitFor('www.example.com')
    await app.press('d')
    await app.waitFor('Deploy → AWS ACM: www.example.com')
    expect(app.frame()).toMatch(/Credential +none — add one in the Credentials tab \(4, then a\)/)
    await app.press(SEQ.enter)
    await app.waitFor('! No AWS credential yet: add one in the Credentials tab (4, then a)')
    expect(app.frame()).not.toContain('certdeck credentials')
  })

  it('selects all or no regions with a and n, and refuses to go on with none', async () => {
    const { app, deck } = await openDeploy()
    await app.press(SEQ.tab, 'a')
    expect(app.frame()).toContain('Regions (4 of 4)')
    await app.press('n')
    expect(app.frame()).toContain('Regions (0 of 4)')
    await app.press(SEQ.enter)
    expect(app.frame()).toContain('Choose at least one region: Tab to Regions, Space toggles, a selects all.')
    expect(deck.calls.deploy).toHaveLength(0)
  })

  it('previews with a dry run, then deploys to two regions and shows each result', async () => {
    const { app, deck } = await openDeploy()
    await app.press(SEQ.tab, SEQ.space)
    expect(app.frame()).toContain('Regions (2 of 4)')
    await app.press(SEQ.tab, SEQ.tab, SEQ.space)
    expect(app.frame()).toContain('[x] Auto-redeploy on renewal')
    await app.press(SEQ.enter)
    await app.waitFor('Dry run — nothing was changed. This would happen:')
    expect(
      app
        .lines()
        .filter((l) => l.includes('would import'))
        .map((l) => l.match(/✓ (\S+)/)?.[1]),
    ).toEqual(['us-east-1', 'eu-west-1'])
    expect(deck.calls.deploy).toEqual([
      expect.objectContaining({
        certificates: ['c0ffee01'],
        credential: 'prod',
        regions: ['us-east-1', 'eu-west-1'],
        replace: true,
        autoRedeploy: true,
        dryRun: true,
      }),
    ])
    await app.press(SEQ.enter)
    await app.waitFor('Result: 2 imported')
    expect(app.frame()).toMatch(
      /✓ us-east-1 +imported +arn:aws:acm:us-east-1:111122223333:certificate\/c0ffee01-us-east-1/,
    )
    expect(deck.calls.deploy[1]).toMatchObject({ regions: ['us-east-1', 'eu-west-1'], dryRun: false })
    await app.press(SEQ.enter)
    await app.waitFor('2 deployed')
    expect(app.lines()[3]).toMatch(/www\.example\.com .* 2$/)
  })

  it('shows a refusal per region, with its mark, for a certificate without a key', async () => {
    const { app } = await openDeploy(4)
    expect(app.frame()).toContain('No private key is held for this certificate: ACM will refuse it.')
    await app.press(SEQ.enter)
    await app.waitFor('Dry run')
    expect(app.frame()).toMatch(/✗ eu-west-1 +failed +no private key held/)
  })

  it('goes back to the form from the preview with Esc, and closes with Esc', async () => {
    const { app } = await openDeploy()
    await app.press(SEQ.enter)
    await app.waitFor('Dry run')
    await app.press(SEQ.escape)
    expect(app.frame()).toContain('Regions (1 of 4)')
    await app.press(SEQ.escape)
    expect(app.frame()).not.toContain('Deploy → AWS ACM')
    expect(app.lines()[2]).toMatch(/^ {2}Common name/)
  })

  it('keeps every region row and both options on screen at 80×24 with all 34 ACM regions', async () => {
    const deck = fakeDeck({
      certificates: await sampleCertificates(),
      credentials: [credential('prod')],
      regions: ACM_REGIONS,
    })
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('www.example.com')
    await app.press('d')
    await app.waitFor('‹ prod (static) ›')
    const form = () => app.lines().join('\n')
    for (const region of ACM_REGIONS) expect(form()).toContain(`[ ] ${region}`)
    expect(form()).toMatch(/│ {3}\[x\] Replace if the same certificate is found in ACM +│/)
    expect(form()).toMatch(/│ {3}\[ \] Auto-redeploy on renewal +│/)
    // A two-line message takes room from the dialog: it must still fit.
    await app.press(SEQ.enter)
    await app.waitFor('Choose at least one region')
    for (const region of ACM_REGIONS) expect(form()).toContain(`[ ] ${region}`)
    expect(form()).toMatch(/│ {3}\[ \] Auto-redeploy on renewal +│/)
    expect(form()).toContain('Tab next field · ⏎ preview (dry run) · Esc cancel')
  })
})

/** The ACM regions of the sandbox, in its order: the longest names take 14 columns. */
const ACM_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
]

import { CertDeckError } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { COMMANDS, TABS } from '../src/commands.js'
import { paletteLabel } from '../src/components/CommandPalette.js'
import { fuzzyFilter } from '../src/fuzzy.js'
import { SEQ } from '../src/index.js'
import { credential, fakeDeck } from './helpers/fake-deck.js'
import { auditEvent, cloudCert, sampleCertificates } from './helpers/fixtures.js'
import { renderApp } from './helpers/render.js'

async function sampleDeck() {
  return fakeDeck({
    certificates: await sampleCertificates(),
    credentials: [credential('prod'), credential('staging')],
    cloud: [cloudCert('shop.example.com', 'us-east-1')],
    audit: [auditEvent('e1', 'certificate.import', 5)],
  })
}

describe('the shell', () => {
  it('shows the active credential and counts in the header, and the tab bar', async () => {
    const app = await renderApp({ deck: await sampleDeck() })
    await app.waitFor('www.example.com')
    expect(app.lines()[0]).toBe('CertDeck │ credential: prod │ 5 certs · 1 in AWS · 0 deployed')
    expect(app.lines()[1]).toBe(' 1 Certificates  2 AWS  3 Requests  4 Credentials  5 DNS  6 Audit  7 Automation')
  })

  it('switches tabs with 1–7 and [ ], and the footer follows the view', async () => {
    const app = await renderApp({ deck: await sampleDeck() })
    await app.waitFor('www.example.com')
    expect(app.lines().at(-1)).toMatch(/^d deploy {2}m menu {2}i import {2}c create/)
    await app.press('2')
    expect(app.lines()[2]).toMatch(/^ {2}Domain +Region +Kind/)
    expect(app.lines().at(-1)).toMatch(/^d discover {2}h health {2}m menu {2}⏎ details/)
    await app.press(']')
    expect(app.frame()).toContain(
      'No requests to ACM yet. Press n to request a public certificate, p for a private one.',
    )
    await app.press('6')
    expect(app.frame()).toContain('certificate.import')
    await app.press(']')
    expect(app.frame()).toContain('Automation is not available in this session')
    await app.press(']')
    expect(app.frame()).toContain('www.example.com')
    await app.press('[', '[')
    expect(app.frame()).toContain('certificate.import')
  })

  it('keeps whole key names in the footer at 80 columns, on every tab', async () => {
    const app = await renderApp({ deck: await sampleDeck() }, { columns: 80, rows: 24 })
    await app.waitFor('www.example.com')
    const footers: string[] = []
    for (const tab of ['1', '2', '3', '4', '5', '6', '7']) {
      await app.press(tab)
      footers.push(app.lines().at(-1)!)
    }
    for (const footer of footers) {
      expect(footer).toMatch(/ {2}\? help {2}: cmds {2}q quit$/)
      expect(footer).not.toContain('…')
      expect(footer.length).toBeLessThanOrEqual(80)
    }
    expect(footers[0]).toMatch(/^d deploy {2}m menu {2}i import {2}c create {2}e export {2}t tag +\? help/)
    expect(footers[2]).toMatch(/^n public {2}p private {2}c challenge {2}y records {2}u check {2}/)
    expect(footers[4]).toMatch(/^a add {2}t test {2}x remove {2}⏎ details {2}\/ filter {2}s sort {2}/)
  })

  it('opens the help of the current view with ? and closes it with Esc', async () => {
    const app = await renderApp({ deck: await sampleDeck() })
    await app.waitFor('www.example.com')
    await app.press('?')
    expect(app.frame()).toContain('Help — Certificates')
    expect(app.frame()).toMatch(/x {11}Delete certificate — Delete the selected certificate from the local repository/)
    await app.press(SEQ.escape)
    expect(app.frame()).not.toContain('Help —')
    expect(app.frame()).toContain('www.example.com')
  })

  it('shows every help line whole at 80×24: long ones wrap, and ↓ scrolls to the rest', async () => {
    const app = await renderApp({ deck: await sampleDeck() }, { columns: 80, rows: 24 })
    await app.waitFor('www.example.com')
    await app.press('?')
    // The help lines in order: the first screen, then the line each ↓ brings in at the bottom.
    const seen: string[] = []
    const collect = () => {
      const lines = app.lines().map((line) => line.replace(/^│ |\s*│$/g, ''))
      const body = lines.slice(
        lines.findIndex((l) => l.startsWith('Help —')) + 1,
        lines.findIndex((l) => l.startsWith('lines ')),
      )
      seen.push(...body.slice(seen.length === 0 ? 0 : -1))
    }
    collect()
    expect(app.frame()).toMatch(/lines 1–\d+ of \d+ · ↑↓ scroll/)
    for (let i = 0; i < 30; i++) {
      await app.press(SEQ.down)
      collect()
    }
    const text = seen.join(' ').replace(/\s+/g, ' ')
    expect(text).toContain('d Deploy to AWS ACM — Import the selected certificate into ACM in one or more regions')
    expect(text).toContain('/ Filter rows — Live filter across all columns (Esc clears, ⏎ keeps it)')
    expect(text).toContain('r Reload data')
    expect(text).toContain('q Quit')
    expect(app.frame()).not.toContain('…')
  })

  it('runs a command by fuzzy name from the palette', async () => {
    const app = await renderApp({ deck: await sampleDeck() })
    await app.waitFor('www.example.com')
    await app.press(':')
    await app.type('go aud')
    expect(app.frame()).toContain('› Go to Audit')
    await app.press(SEQ.enter)
    expect(app.lines()[2]).toMatch(/^ {2}When +Actor +Action/)
  })

  it('reaches every command from the palette by its name', () => {
    for (const tab of TABS) {
      for (const command of COMMANDS) {
        const best = fuzzyFilter(COMMANDS, paletteLabel(command), paletteLabel)[0]
        expect(paletteLabel(best), `${tab.id}: ${command.id}`).toBe(paletteLabel(command))
      }
    }
  })

  it('says what to do below 80×24 and redraws when the terminal grows', async () => {
    const app = await renderApp({ deck: await sampleDeck() }, { columns: 70, rows: 20 })
    expect(app.frame()).toContain('CertDeck needs a terminal of at least 80×24; this one is 70×20.')
    await app.resize(80, 24)
    await app.waitFor('www.example.com')
    expect(app.lines()).toHaveLength(23)
    await app.resize(140, 30)
    expect(app.frame()).toContain('TUI Test Intermediate CA')
  })

  it('shows a failed load as a message that blocks keys until dismissed', async () => {
    const deck = fakeDeck({
      listError: new CertDeckError(
        'STORE_CORRUPT',
        'The repository file is damaged. Restore it from the backup next to it.',
      ),
      credentials: [credential('prod')],
    })
    const app = await renderApp({ deck })
    await app.waitFor('Error: The repository file is damaged')
    expect(app.frame()).toContain('(Esc to dismiss)')
    await app.press('2')
    expect(app.lines()[2]).not.toMatch(/Domain/)
    await app.press(SEQ.escape)
    expect(app.frame()).not.toContain('damaged')
    await app.press('2')
    expect(app.frame()).toContain('No cloud certificates known yet')
  })

  it('shows a long error whole at 80×24, down to what to do and how to dismiss it', async () => {
    const text =
      'No public zone of the DNS provider covers _1844bfd254691a07d58d6ba9b91c0194.manual.example.net. The ' +
      'provider has: example.com (Z08R9UEN7XXINQE2MNAE9, private), example.com (Z0XH2B4QJ3K6TN1WQ9PL, ' +
      'public). ' +
      'Create the zone with your DNS host, use another DNS provider, or create the record by hand ' +
      '(certdeck requests records).'
    const app = await renderApp(
      {
        deck: fakeDeck({ listError: new CertDeckError('DNS_ZONE_NOT_FOUND', text), credentials: [credential('prod')] }),
      },
      { columns: 80, rows: 24 },
    )
    // The CLI command of the message is said as the TUI's key.
    const shown = text.replace('(certdeck requests records)', '(y in the Requests tab)')
    await app.waitFor(`Error: ${shown} (Esc to dismiss)`)
    const lines = app.lines()
    expect(lines).toHaveLength(23)
    expect(lines.every((line) => line.length <= 80)).toBe(true)
    expect(lines.at(-2)).toMatch(/\(y in the Requests tab\)\. \(Esc to dismiss\)$/)
  })

  it('wraps a long note instead of cutting it, with no empty line under it', async () => {
    const deck = fakeDeck({ credentials: [credential('a-credential-with-a-rather-long-name-for-the-sandbox-account')] })
    const app = await renderApp({ deck }, { columns: 80, rows: 24 })
    await app.waitFor('CertDeck')
    await app.press('4', 'u')
    await app.waitFor('✓ a-credential-with-a-rather-long-name-for-the-sandbox-account is now the active credential.')
    expect(app.lines().at(-3)).toBe('✓ a-credential-with-a-rather-long-name-for-the-sandbox-account is now the active')
    expect(app.lines().at(-2)).toBe('credential.')
    expect(app.lines().at(-1)).toMatch(/^a add {2}u use/)
  })

  it('quits with q, except while q is typed into a field', async () => {
    let quit = 0
    const app = await renderApp({ deck: await sampleDeck(), onQuit: () => quit++ })
    await app.waitFor('www.example.com')
    await app.press('/', 'q')
    expect(app.frame()).toContain('/ q')
    expect(quit).toBe(0)
    await app.press(SEQ.escape, 'q')
    expect(quit).toBe(1)
  })
})

describe('the passphrase prompt', () => {
  it('masks the passphrase, says when it is wrong, and opens the deck when right', async () => {
    const deck = await sampleDeck()
    const tried: string[] = []
    const open = async (passphrase: string) => {
      tried.push(passphrase)
      if (passphrase !== 'correct horse')
        throw new CertDeckError('VAULT_LOCKED', 'Wrong master passphrase. Type it again.')
      return deck
    }
    const app = await renderApp({ deck: open })
    expect(app.frame()).toContain('CertDeck is locked')
    await app.type('nope')
    expect(app.frame()).toContain('Passphrase: ****')
    expect(app.frame()).not.toContain('nope')
    await app.press(SEQ.enter)
    await app.waitFor('Wrong master passphrase. Type it again.')
    await app.type('correct horse')
    await app.press(SEQ.enter)
    await app.waitFor('www.example.com')
    expect(tried).toEqual(['nope', 'correct horse'])
  })
})

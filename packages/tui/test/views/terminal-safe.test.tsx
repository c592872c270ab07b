import { CertDeckError } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { SEQ } from '../../src/index.js'
import { leafEntry } from '../helpers/certificates.js'
import { credential, fakeDeck } from '../helpers/fake-deck.js'
import { auditEvent } from '../helpers/fixtures.js'
import { renderApp } from '../helpers/render.js'

// An OSC 0 title change, an SGR colour and a C1 CSI, as a certificate's maker or an endpoint may send them.
const HOSTILE = 'evil\u001b]0;pwned\u0007\u001b[31mx\u009b2J'
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

describe('the TUI never draws a control character from outside', () => {
  it('table cells, the details pane, audit details and error notices show controls as escapes', async () => {
    const entry = await leafEntry('bad00001', 'hostile.example', 60)
    const deck = fakeDeck({
      certificates: [{ ...entry, commonName: HOSTILE, subject: `CN=${HOSTILE}` }],
      credentials: [credential('prod')],
      audit: [{ ...auditEvent('ev1', 'certificate.import', 5, 'failed'), detail: HOSTILE }],
    })
    deck.credentials.test = async () => {
      throw new CertDeckError('AWS_ACCESS_DENIED', `AWS said: ${HOSTILE}`)
    }
    const app = await renderApp({ deck })
    await app.waitFor('evil\\x1b]0;')
    expect(app.frame()).not.toMatch(RAW_CONTROL)

    await app.press(SEQ.enter)
    await app.waitFor(/Subject/)
    expect(app.frame()).toContain('\\x1b]0;pwned')
    expect(app.frame()).not.toMatch(RAW_CONTROL)
    await app.press(SEQ.escape)

    await app.press('6')
    await app.waitFor('certificate.import')
    await app.press(SEQ.enter)
    await app.waitFor('\\x9b2J')
    expect(app.frame()).not.toMatch(RAW_CONTROL)
    await app.press(SEQ.escape)

    await app.press('4', 't')
    await app.waitFor('Error: AWS said: evil\\x1b]0;')
    expect(app.frame()).not.toMatch(RAW_CONTROL)
  })
})

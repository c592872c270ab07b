import { CertDeckError } from '@certdeck/core'
import { describe, expect, it } from 'vitest'
import { daysLeft, errorText, expiryCell, expiryLevel } from '../src/format.js'
import { fuzzyFilter, fuzzyScore } from '../src/fuzzy.js'
import { noColorRequested, toneColor } from '../src/theme.js'

const thresholds = [30, 14, 7, 1]

describe('expiry', () => {
  it('levels days left against the notification thresholds', () => {
    expect(expiryLevel(31, thresholds)).toBe('ok')
    expect(expiryLevel(30, thresholds)).toBe('warning')
    expect(expiryLevel(8, thresholds)).toBe('warning')
    expect(expiryLevel(7, thresholds)).toBe('critical')
    expect(expiryLevel(0, thresholds)).toBe('critical')
    expect(expiryLevel(-1, thresholds)).toBe('expired')
    expect(expiryLevel(50, [60, 45])).toBe('critical')
  })
  it('writes the level as a mark as well as a tone, so it reads without colour', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    expect(expiryCell('2026-06-21T12:00:00Z', thresholds, now)).toMatchObject({
      text: '2026-06-21 20d !',
      tone: 'warn',
    })
    expect(expiryCell('2026-06-04T12:00:00Z', thresholds, now)).toMatchObject({
      text: '2026-06-04 3d ‼',
      tone: 'danger',
    })
    expect(expiryCell('2026-05-29T12:00:00Z', thresholds, now)).toMatchObject({
      text: '2026-05-29 -3d ✗',
      tone: 'danger',
    })
    expect(expiryCell('2027-06-01T12:00:00Z', thresholds, now)).toMatchObject({ text: '2027-06-01 365d', tone: 'ok' })
    expect(daysLeft('2026-06-02T00:00:00Z', now)).toBe(1)
  })
})

describe('errorText', () => {
  it('shows a CertDeckError as it is and marks anything else as unexpected', () => {
    expect(errorText(new CertDeckError('X', 'Bad PEM in a.pem. Give a certificate.'))).toBe(
      'Bad PEM in a.pem. Give a certificate.',
    )
    expect(errorText(new TypeError('boom'))).toMatch(/^Unexpected error: boom\. Press r to reload/)
  })

  it("names the TUI's key where core's message names a CLI command the TUI has a key for", () => {
    const said = (message: string) => errorText(new CertDeckError('X', message))
    expect(
      said(
        'No public zone of the DNS provider covers manual.example.net. Zones seen: example.com. Create the zone ' +
          'with your DNS host, use another DNS provider, or create the record by hand (certdeck requests records).',
      ),
    ).toMatch(/or create the record by hand \(y in the Requests tab\)\.$/)
    expect(
      said('Request r1 has no ARN yet: ACM never answered it. Run `certdeck requests refresh r1` to send it again.'),
    ).toBe('Request r1 has no ARN yet: ACM never answered it. Press u in the Requests tab to send it again.')
    expect(
      said('CertDeck has not seen arn:x yet. Run `certdeck discover` with the credential of its account first.'),
    ).toBe('CertDeck has not seen arn:x yet. Press d in the AWS tab with the credential of its account first.')
    expect(said('No AWS credential yet: add one with `certdeck credentials add NAME --kind …`.')).toBe(
      'No AWS credential yet: add one with a in the Credentials tab.',
    )
    expect(said('Several credentials: or make one the default: certdeck credentials use prod.')).toBe(
      'Several credentials: or make one the default: u in the Credentials tab.',
    )
    // A command the TUI has no key for is left as it is.
    expect(said('Forget them first with `certdeck deployments remove ID`.')).toContain('certdeck deployments remove')
  })
})

describe('theme', () => {
  it('drops every colour under NO_COLOR (set and not empty)', () => {
    expect(toneColor('danger', { noColor: false })).toBe('red')
    expect(toneColor('danger', { noColor: true })).toBeUndefined()
    expect(noColorRequested({ NO_COLOR: '1' })).toBe(true)
    expect(noColorRequested({ NO_COLOR: '' })).toBe(false)
    expect(noColorRequested({})).toBe(false)
  })
})

describe('fuzzy', () => {
  it('needs every character in order and ranks tight, word-start matches first', () => {
    expect(fuzzyScore('dpl', 'Deploy')).toBeDefined()
    expect(fuzzyScore('dlp', 'Deploy')).toBeUndefined()
    const titles = ['Delete pending', 'Certificates: Deploy to AWS ACM', 'Discover cloud certificates']
    expect(fuzzyFilter(titles, 'deploy', (t) => t)[0]).toBe('Certificates: Deploy to AWS ACM')
    expect(fuzzyFilter(titles, 'disc', (t) => t)).toEqual(['Discover cloud certificates'])
  })
})

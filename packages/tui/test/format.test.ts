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

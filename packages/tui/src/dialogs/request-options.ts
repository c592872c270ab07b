import { REQUEST_KEY_ALGORITHMS, type RequestKeyAlgorithm } from '@certdeck/core'
import { keyLabel } from '../views/cells.js'

/** Key algorithms ACM issues, in the order offered. */
export const REQUEST_KEYS: readonly { readonly value: RequestKeyAlgorithm; readonly label: string }[] =
  REQUEST_KEY_ALGORITHMS.map((k) => ({
    value: k,
    label: keyLabel(k),
  }))

/** What AWS charges for, said before the user commits to it. */
export const EXPORT_CHARGE = 'AWS charges for an exportable certificate, at issue and at each renewal.'

/** The options of a region drop-down. */
export function regionOptions(regions: readonly string[]): { value: string; label: string }[] {
  return regions.map((r) => ({ value: r, label: r }))
}

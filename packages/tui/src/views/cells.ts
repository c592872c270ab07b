import type { KeyAlgorithm } from '@certdeck/core'
import { expiryCell } from '../format.js'
import type { Column } from '../table-model.js'

const KEY_LABELS: Record<KeyAlgorithm, string> = {
  RSA_1024: 'RSA 1024',
  RSA_2048: 'RSA 2048',
  RSA_3072: 'RSA 3072',
  RSA_4096: 'RSA 4096',
  EC_prime256v1: 'EC P-256',
  EC_secp384r1: 'EC P-384',
  EC_secp521r1: 'EC P-521',
}

/** `EC P-256` for `EC_prime256v1`, and so on. */
export function keyLabel(algorithm: KeyAlgorithm | undefined): string {
  return algorithm ? (KEY_LABELS[algorithm] ?? algorithm) : '—'
}

/** The CN of a distinguished name, or the whole name when it has none. */
export function commonNameOf(dn: string): string {
  const match = /(?:^|,)\s*CN=((?:\\.|[^,])*)/i.exec(dn)
  return match ? match[1].replace(/\\(.)/g, '$1') : dn
}

/** An expiry column: date, days left and a level mark, coloured by the thresholds. */
export function expiryColumn<T>(
  notAfter: (item: T) => string | undefined,
  thresholds: readonly number[],
  now: Date,
): Column<T> {
  return {
    title: 'Expires',
    min: 16,
    max: 16,
    priority: 9,
    cell: (item) => {
      const cell = expiryCell(notAfter(item), thresholds, now)
      return { text: cell.text, tone: cell.tone }
    },
    sortValue: (item) => notAfter(item) ?? '9999',
  }
}

import { describe, expect, it } from 'vitest'
import { FilterCache, filterItems, haystackOf, nextSort, sortItems, type Column } from '../src/table-model.js'

interface Row {
  readonly name: string
  readonly days: number
}

const columns: Column<Row>[] = [
  { title: 'Name', min: 5, cell: (r) => r.name },
  { title: 'Days', min: 3, cell: (r) => `${r.days}d`, sortValue: (r) => r.days },
]
const rows: Row[] = [
  { name: 'beta.example', days: 30 },
  { name: 'alpha.example', days: 200 },
  { name: 'gamma.test', days: 5 },
  { name: 'Alpha.test', days: 30 },
]

describe('sortItems', () => {
  it('sorts by the cell text, case-insensitively, keeping ties in order', () => {
    expect(sortItems(rows, columns, { column: 0, descending: false }).map((r) => r.name)).toEqual([
      'alpha.example',
      'Alpha.test',
      'beta.example',
      'gamma.test',
    ])
  })
  it('sorts by a sort value, descending, stable for ties', () => {
    expect(sortItems(rows, columns, { column: 1, descending: true }).map((r) => r.name)).toEqual([
      'alpha.example',
      'beta.example',
      'Alpha.test',
      'gamma.test',
    ])
  })
})

describe('filterItems', () => {
  const hay = (r: Row) => haystackOf(r, columns)
  it('matches every term in any column, case-insensitively', () => {
    expect(filterItems(rows, hay, 'ALPHA').map((r) => r.name)).toEqual(['alpha.example', 'Alpha.test'])
    expect(filterItems(rows, hay, 'alpha 30d').map((r) => r.name)).toEqual(['Alpha.test'])
  })
  it('returns everything for an empty query and nothing when a term matches nowhere', () => {
    expect(filterItems(rows, hay, '  ')).toBe(rows)
    expect(filterItems(rows, hay, 'alpha zzz')).toEqual([])
  })
})

describe('nextSort', () => {
  it('cycles through the columns, then back to the given order', () => {
    expect(nextSort(undefined, 2)).toEqual({ column: 0, descending: false })
    expect(nextSort({ column: 0, descending: true }, 2)).toEqual({ column: 1, descending: false })
    expect(nextSort({ column: 1, descending: false }, 2)).toBeUndefined()
  })
})

describe('FilterCache', () => {
  it('gives what filterItems gives, narrowing earlier results as the query grows', () => {
    let scanned = 0
    const hay = (r: Row) => {
      scanned++
      return haystackOf(r, columns)
    }
    const cache = new FilterCache(rows, hay)
    expect(cache.filter('al').map((r) => r.name)).toEqual(filterItems(rows, hay, 'al').map((r) => r.name))
    scanned = 0
    expect(cache.filter('alpha').map((r) => r.name)).toEqual(['alpha.example', 'Alpha.test'])
    expect(scanned).toBe(2)
    scanned = 0
    expect(cache.filter('al').map((r) => r.name)).toHaveLength(2)
    expect(scanned).toBe(0)
    expect(cache.filter('alpha   TEST')).toEqual([rows[3]])
    expect(cache.filter('')).toBe(rows)
  })
})

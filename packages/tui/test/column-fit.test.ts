import { describe, expect, it } from 'vitest'
import { fitColumns } from '../src/column-fit.js'

// A name column, an all-empty column, a fixed narrow column and a weighted one.
const columns = [
  { min: 12, weight: 4, priority: 10 },
  { min: 9, max: 9, weight: 0, priority: 9 },
  { min: 8, max: 9, weight: 0, priority: 4 },
  { min: 11, weight: 2, priority: 2 },
]

describe('fitColumns with what the visible rows hold', () => {
  it('gives the name its whole width first; the other columns never grow past what they show', () => {
    const content = [
      { title: 6, cells: 20 },
      { title: 5, cells: 7 },
      { title: 3, cells: 8 },
      { title: 6, cells: 30 },
    ]
    const widths = fitColumns(columns, 60, content)
    expect(widths[0]).toBeGreaterThanOrEqual(20)
    expect(widths.slice(1, 3)).toEqual([7, 8])
    expect(widths.reduce((a, b) => a + b, 0) + 3).toBeLessThanOrEqual(60)
  })

  it('shrinks a column whose every cell is empty to its header, and hides it first when room is short', () => {
    const content = [
      { title: 6, cells: 20 },
      { title: 5, cells: 0 },
      { title: 3, cells: 8 },
      { title: 6, cells: 11 },
    ]
    expect(fitColumns(columns, 60, content)[1]).toBe(5)
    // 20 + 8 + 11 + 2 gaps = 41: the empty column goes, nothing is cut.
    expect(fitColumns(columns, 41, content)).toEqual([20, 0, 8, 11])
  })

  it('hides low-priority columns before the name is cut, up to 40% of the width', () => {
    const content = [
      { title: 6, cells: 24 },
      { title: 5, cells: 9 },
      { title: 3, cells: 8 },
      { title: 6, cells: 11 },
    ]
    // 24 + 9 + 8 + 11 + 3 = 55 > 48: the lowest priority (11 wide) gives way.
    expect(fitColumns(columns, 48, content)).toEqual([29, 9, 8, 0])
    // A name wider than 40% of the width is cut once it has that much, rather than hiding every other column.
    const long = [{ title: 6, cells: 70 }, ...content.slice(1)]
    expect(fitColumns(columns, 48, long)).toEqual([29, 9, 8, 0])
    expect(fitColumns(columns, 30, long)).toEqual([20, 9, 0, 0])
  })
})

import { describe, expect, it } from 'vitest'
import { fitColumns } from '../src/column-fit.js'
import { fitText, moveIndex, scrollOffset, wrapText } from '../src/windowing.js'

describe('scrollOffset', () => {
  it('keeps the window while the selection stays inside it', () => {
    expect(scrollOffset(10, 15, 10, 100)).toBe(10)
  })
  it('scrolls the least needed to show the selection', () => {
    expect(scrollOffset(10, 25, 10, 100)).toBe(16)
    expect(scrollOffset(10, 3, 10, 100)).toBe(3)
  })
  it('never leaves empty rows at the end after the list shrank', () => {
    expect(scrollOffset(90, 4, 10, 5)).toBe(0)
    expect(scrollOffset(95, 99, 10, 100)).toBe(90)
  })
})

describe('moveIndex', () => {
  it('moves by one, by a page (one row of overlap) and to the ends, clamped', () => {
    expect(moveIndex(5, 'down', 10, 100)).toBe(6)
    expect(moveIndex(0, 'up', 10, 100)).toBe(0)
    expect(moveIndex(5, 'pageDown', 10, 100)).toBe(14)
    expect(moveIndex(5, 'pageUp', 10, 100)).toBe(0)
    expect(moveIndex(5, 'bottom', 10, 100)).toBe(99)
    expect(moveIndex(50, 'top', 10, 100)).toBe(0)
    expect(moveIndex(99, 'down', 10, 100)).toBe(99)
  })
})

describe('fitColumns', () => {
  const columns = [
    { min: 10, weight: 2, priority: 10 },
    { min: 5, max: 8, weight: 1, priority: 5 },
    { min: 6, priority: 1 },
  ]
  it('gives spare width by weight and respects max', () => {
    const widths = fitColumns(columns, 40)
    expect(widths[1]).toBe(8)
    expect(widths.reduce((a, b) => a + b, 0) + 2).toBe(40)
    expect(widths[0]).toBeGreaterThan(widths[2])
  })
  it('hides the lowest-priority columns when even the minimums do not fit', () => {
    expect(fitColumns(columns, 16)).toEqual([10, 5, 0])
    expect(fitColumns(columns, 12)).toEqual([12, 0, 0])
  })
})

describe('fitText', () => {
  it('pads to the width, left or right', () => {
    expect(fitText('ab', 4)).toBe('ab  ')
    expect(fitText('ab', 4, 'right')).toBe('  ab')
  })
  it('cuts long text with an ellipsis to exactly the width', () => {
    expect(fitText('www.example.com', 8)).toBe('www.exa…')
  })
  it('counts wide characters as two cells', () => {
    expect(fitText('証明書の一覧', 7)).toBe('証明書…')
    expect(fitText('証明書の一覧', 6)).toBe('証明… ')
  })
})

describe('wrapText', () => {
  it('breaks at spaces, splits only a word wider than the line, and keeps short text whole', () => {
    expect(wrapText('Live filter across all columns', 12)).toEqual(['Live filter', 'across all', 'columns'])
    expect(wrapText('SHA-256 0123456789abcdef', 10)).toEqual(['SHA-256', '0123456789', 'abcdef'])
    expect(wrapText('short', 10)).toEqual(['short'])
    expect(wrapText('', 10)).toEqual([''])
  })
})

import { Box, Text } from 'ink'
import { memo, useMemo, type ReactNode } from 'react'
import { cellOf, type Cell, type Column, type SortSpec } from '../table-model.js'
import { MARK, toneColor, useTheme, type Tone } from '../theme.js'
import { terminalSafe } from '@certdeck/core'
import { type ColumnContent, fitColumns } from '../column-fit.js'
import { fitText, textWidth } from '../windowing.js'

/** Props of {@link Table}. */
export interface TableProps<T> {
  readonly columns: readonly Column<T>[]
  /** All rows (filtered and sorted); only `height` of them from `offset` are rendered. */
  readonly rows: readonly T[]
  readonly getId: (item: T) => string
  readonly offset: number
  readonly selectedIndex: number
  /** Data rows shown (the header line comes on top). */
  readonly height: number
  readonly width: number
  readonly sort?: SortSpec
  /** False while another layer has the keyboard: the selection is drawn without inverse video. */
  readonly focused?: boolean
}

interface Segment {
  readonly text: string
  readonly tone?: Tone
}

const GUTTER = 2

/**
 * A windowed table: renders the header and only the visible rows, each as one line of text
 * segments, so its cost does not grow with the row count. Column widths fit `width`; long
 * values end in `…`. The selected row has a `›` mark and inverse video.
 */
function TableImpl<T>({
  columns,
  rows,
  getId,
  offset,
  selectedIndex,
  height,
  width,
  sort,
  focused = true,
}: TableProps<T>) {
  const theme = useTheme()
  const visible = rows.slice(offset, offset + Math.max(0, height))
  // Widths follow what the visible rows hold: biome cannot see that `visible` is rows, offset and height.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  const widths = useMemo(
    () => fitColumns(columns, width - GUTTER, contentOf(columns, visible, sort)),
    [columns, width, rows, offset, height, sort],
  )
  const header = useMemo(() => {
    const titles = columns.map((c, i) => {
      const mark = sort?.column === i ? (sort.descending ? '▼' : '▲') : ''
      return fitText(`${c.title}${mark}`, widths[i], c.align)
    })
    return ' '.repeat(GUTTER) + titles.filter((_, i) => widths[i] > 0).join(' ')
  }, [columns, widths, sort])

  return (
    <Box flexDirection="column" width={width} height={height + 1}>
      <Text bold underline wrap="truncate-end">
        {fitText(header, width)}
      </Text>
      {visible.map((item, i) => {
        const selected = offset + i === selectedIndex
        return (
          <TableRow
            key={getId(item)}
            item={item}
            columns={columns}
            widths={widths}
            selected={selected}
            focused={focused}
            noColor={theme.noColor}
          />
        )
      })}
    </Box>
  )
}

interface TableRowProps<T> {
  readonly item: T
  readonly columns: readonly Column<T>[]
  readonly widths: readonly number[]
  readonly selected: boolean
  readonly focused: boolean
  readonly noColor: boolean
}

/** One row; memoised, so moving the selection re-renders the two rows it leaves and reaches. */
const TableRow = memo(function TableRow<T>({ item, columns, widths, selected, focused, noColor }: TableRowProps<T>) {
  return (
    <Text inverse={selected && focused} bold={selected} wrap="truncate-end">
      {selected ? `${MARK.selected} ` : '  '}
      {rowSegments(columns, widths, item).map((s, k) => (
        <Text key={k} color={s.tone ? toneColor(s.tone, { noColor }) : undefined}>
          {s.text}
        </Text>
      ))}
    </Text>
  )
}) as <T>(props: TableRowProps<T>) => ReactNode

function rowSegments<T>(columns: readonly Column<T>[], widths: readonly number[], item: T): Segment[] {
  const segments: Segment[] = []
  let plain = ''
  let first = true
  columns.forEach((column, i) => {
    if (widths[i] === 0) return
    const cell: Cell = cellOf(column, item)
    const text = (first ? '' : ' ') + fitCell(cell, widths[i], column.align)
    first = false
    if (!cell.tone || cell.tone === 'plain') {
      plain += text
      return
    }
    if (plain) segments.push({ text: plain })
    plain = ''
    segments.push({ text, tone: cell.tone })
  })
  if (plain) segments.push({ text: plain })
  return segments
}

/** The width of each column's header (with the sort mark) and of its widest cell among `rows`. */
function contentOf<T>(columns: readonly Column<T>[], rows: readonly T[], sort: SortSpec | undefined): ColumnContent[] {
  return columns.map((column, i) => {
    let cells = 0
    for (const item of rows) {
      const cell = cellOf(column, item)
      cells = Math.max(cells, textWidth(terminalSafe(cell.text + (cell.suffix ?? ''))))
    }
    return { title: textWidth(column.title) + (sort?.column === i ? 1 : 0), cells }
  })
}

/** The cell fitted to `width`; when cut, its suffix stays whole after the `…`. */
function fitCell(cell: Cell, width: number, align: 'left' | 'right' | undefined): string {
  const suffix = cell.suffix ?? ''
  const suffixWidth = textWidth(suffix)
  if (!suffix || suffixWidth >= width || textWidth(terminalSafe(cell.text)) + suffixWidth <= width) {
    return fitText(cell.text + suffix, width, align)
  }
  return fitText(cell.text, width - suffixWidth) + suffix
}

/** {@link TableImpl}, memoised: a re-render of the parent with the same props costs nothing. */
export const Table = memo(TableImpl) as typeof TableImpl

import { Box, Text } from 'ink'
import { useEffect, useState, type MutableRefObject } from 'react'
import type { TabId } from '../commands.js'
import { useShell, type Reveal } from '../context.js'
import { TextInput } from '../form/TextInput.js'
import { useKeys } from '../hooks/key-router.js'
import { useTable } from '../hooks/use-table.js'
import { CHAR, KEY, keyName, motionOf } from '../keys.js'
import type { Column } from '../table-model.js'
import { DetailsPane, type DetailLine } from './DetailsPane.js'
import { Table } from './Table.js'
import { Para } from './Para.js'

/** Props of {@link ListView}. */
export interface ListViewProps<T extends object> {
  readonly tab: TabId
  readonly items: readonly T[]
  readonly columns: readonly Column<T>[]
  readonly getId: (item: T) => string
  /** Title and facts of the details view of an item. */
  readonly details: (item: T) => { title: string; lines: readonly DetailLine[] }
  readonly width: number
  readonly height: number
  /** False while a dialog, overlay or another tab has the keyboard. */
  readonly active: boolean
  /** What to say when there are no items at all. */
  readonly emptyText: string
  readonly loading?: boolean
  /** Receives the selected item on every render, for the view's commands. */
  readonly selectionRef?: MutableRefObject<T | undefined>
  /** Extra text the filter searches. */
  readonly searchText?: (item: T) => string
  /** A row to select, asked for by another tab: the filter is cleared so it shows. */
  readonly reveal?: Reveal
  /** Shown in the status line (e.g. a filter the view applies itself). */
  readonly note?: string
}

/**
 * A tab's list: the windowed table with live filter, sort cycling and a details view. Handles
 * the table keys itself (motions, ⏎, Esc, `/`, `s`, `S`) and offers them to the palette.
 */
export function ListView<T extends object>(props: ListViewProps<T>) {
  const {
    tab,
    items,
    columns,
    getId,
    details,
    width,
    height,
    active,
    emptyText,
    loading,
    selectionRef,
    searchText,
    reveal,
    note,
  } = props
  const shell = useShell()
  const [editing, setEditing] = useState(false)
  const [showDetails, setShowDetails] = useState(false)
  const tableHeight = Math.max(1, height - 2)
  const table = useTable({ items, columns, getId, height: tableHeight, searchText })
  if (selectionRef) selectionRef.current = table.selected

  useEffect(() => {
    shell.registerCommands(tab, {
      'table.details': () => table.selected && setShowDetails(true),
      'table.filter': () => {
        setShowDetails(false)
        setEditing(true)
      },
      'table.sort': table.cycleSort,
      'table.sortReverse': table.reverseSort,
      'table.top': () => table.move('top'),
      'table.bottom': () => table.move('bottom'),
    })
  }, [shell, tab, table.selected, table.cycleSort, table.reverseSort, table.move])

  // Runs once per reveal request (its seq), not when the table callbacks change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  useEffect(() => {
    if (!reveal) return
    table.setFilter('')
    setEditing(false)
    setShowDetails(false)
    table.select(reveal.id)
  }, [reveal?.seq])

  useKeys((input, key) => {
    const named = keyName(input, key)
    if (editing) {
      if (named === KEY.escape) {
        table.setFilter('')
        setEditing(false)
      } else if (named === KEY.enter) setEditing(false)
      else if (named === KEY.up || named === KEY.down || named === KEY.pageUp || named === KEY.pageDown) {
        table.move(motionOf(input, key) ?? 'down')
      }
      return
    }
    if (showDetails) {
      if (named === KEY.escape) setShowDetails(false)
      return
    }
    const motion = motionOf(input, key)
    if (motion) table.move(motion)
    else if (named === KEY.enter) setShowDetails(table.selected !== undefined)
    else if (named === KEY.escape && table.filter) table.setFilter('')
    else if (input === CHAR.filter) setEditing(true)
    else if (input === CHAR.sort) table.cycleSort()
    else if (input === CHAR.sortReverse) table.reverseSort()
  }, active)

  if (showDetails && table.selected) {
    const { title, lines } = details(table.selected)
    return <DetailsPane title={title} lines={lines} width={width} height={height} active={active} />
  }

  const status = [
    `${table.rows.length === 0 ? 0 : table.selectedIndex + 1}/${table.rows.length.toLocaleString('en-US')}`,
    table.rows.length !== items.length ? `of ${items.length.toLocaleString('en-US')}` : '',
    table.sort ? `sort: ${columns[table.sort.column].title} ${table.sort.descending ? '▼' : '▲'}` : '',
    table.filter && !editing ? `filter: ${table.filter} (Esc clears)` : '',
    note ?? '',
  ]
    .filter(Boolean)
    .join('  ')

  return (
    <Box flexDirection="column" width={width} height={height}>
      {items.length === 0 ? (
        <Box height={tableHeight + 1} flexDirection="column">
          <Para dimColor>{loading ? 'Loading…' : emptyText}</Para>
        </Box>
      ) : (
        <Table
          columns={columns}
          rows={table.rows}
          getId={getId}
          offset={table.offset}
          selectedIndex={table.selectedIndex}
          height={tableHeight}
          width={width}
          sort={table.sort}
          focused={active}
        />
      )}
      {editing ? (
        <Box>
          <Text bold>/ </Text>
          <TextInput
            focused={active}
            value={table.filter}
            placeholder="filter all columns"
            onChange={table.setFilter}
          />
          <Text dimColor> ⏎ keep · Esc clear</Text>
        </Box>
      ) : (
        <Text dimColor wrap="truncate-end">
          {status}
        </Text>
      )}
    </Box>
  )
}

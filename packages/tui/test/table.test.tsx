import { describe, expect, it } from 'vitest'
import { Table } from '../src/components/Table.js'
import type { Column } from '../src/table-model.js'
import { renderTui } from './helpers/render.js'

interface Item {
  readonly id: string
  readonly name: string
}

const columns: Column<Item>[] = [
  { title: 'Id', min: 10, max: 10, cell: (i) => i.id },
  { title: 'Name', min: 10, cell: (i) => i.name },
]
const items: Item[] = Array.from({ length: 10_000 }, (_, n) => ({
  id: `row-${String(n).padStart(5, '0')}`,
  name: `host-${n}.a-rather-long-domain-name.example.com`,
}))
const getId = (i: Item) => i.id

describe('Table', () => {
  it('renders the header and only the rows of the window', async () => {
    const app = await renderTui(
      <Table columns={columns} rows={items} getId={getId} offset={500} selectedIndex={502} height={5} width={60} />,
    )
    const lines = app.lines()
    expect(lines).toHaveLength(6)
    expect(lines[0]).toBe('  Id        Name')
    expect(lines[1].startsWith('  row-00500 ')).toBe(true)
    expect(lines[3].startsWith('› row-00502 ')).toBe(true)
    expect(lines[5].startsWith('  row-00504 ')).toBe(true)
    expect(app.frame()).not.toContain('row-00505')
    expect(app.frame()).not.toContain('row-00499')
  })

  it('fits the width, ending cut values with …', async () => {
    const app = await renderTui(
      <Table columns={columns} rows={items} getId={getId} offset={0} selectedIndex={0} height={2} width={40} />,
    )
    expect(app.lines()[1]).toBe('› row-00000 host-0.a-rather-long-domain…')
    expect(app.lines()[1]).toHaveLength(40)
  })
})

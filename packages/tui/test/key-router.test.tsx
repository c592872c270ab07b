import { Text } from 'ink'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { TextInput } from '../src/form/TextInput.js'
import { KeyRouterProvider, useKeys } from '../src/hooks/key-router.js'
import { renderTui } from './helpers/render.js'

function FilterDemo({ log }: { log: string[] }) {
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState('')
  useKeys(
    (input) => {
      log.push(`shortcut ${input}`)
      if (input === '/') setEditing(true)
    },
    true,
    { yieldsToText: true },
  )
  return editing ? <TextInput focused value={value} onChange={setValue} /> : <Text>list</Text>
}

describe('the key router', () => {
  it('splits keys that arrive in one chunk, so a field opened by the first receives the rest', async () => {
    const log: string[] = []
    const app = await renderTui(
      <KeyRouterProvider>
        <FilterDemo log={log} />
      </KeyRouterProvider>,
    )
    await app.press('/eu-west-1')
    await app.waitFor('eu-west-1')
    expect(log).toEqual(['shortcut /'])
    expect(app.lines()[0]).toBe('eu-west-1')
  })

  it('delivers each key of a chunk in order even when none changes the screen', async () => {
    const log: string[] = []
    const app = await renderTui(
      <KeyRouterProvider>
        <FilterDemo log={log} />
      </KeyRouterProvider>,
    )
    await app.press('xyz')
    await app.waitFor(() => log.length === 3)
    expect(log).toEqual(['shortcut x', 'shortcut y', 'shortcut z'])
  })
})

import { type CertificateRequest, terminalSafe, type ValidationRecord } from '@certdeck/core'
import { Box, Text } from 'ink'
import { useEffect, useState } from 'react'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { useKeys } from '../hooks/key-router.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { KEY, keyName } from '../keys.js'
import { textWidth } from '../windowing.js'
import { Para } from '../components/Para.js'

/** Props of {@link RecordsPanel}. */
export interface RecordsPanelProps {
  readonly request: CertificateRequest
}

/** The domains a record validates (a wildcard and its apex share one). */
function domainsOf(request: CertificateRequest, record: ValidationRecord): string {
  return request.validations
    .filter((v) => v.record?.name === record.name)
    .map((v) => v.domain)
    .join(', ')
}

/**
 * Lines of the records: one record per line (`name  CNAME  value`) when every record fits the
 * width, else a block per record with the name, type and value each on a line of its own. No
 * border, no cut and no padding inside a value, so a selection copies it whole over SSH.
 */
function recordLines(request: CertificateRequest, given: readonly ValidationRecord[], width: number): string[] {
  const records = given.map((r) => ({
    name: terminalSafe(r.name),
    type: terminalSafe(r.type),
    value: terminalSafe(r.value),
  }))
  const nameWidth = Math.max(4, ...records.map((r) => textWidth(r.name)))
  const oneLine = records.every((r) => nameWidth + 2 + 5 + 2 + textWidth(r.value) <= width)
  if (oneLine) {
    return [
      `${'Name'.padEnd(nameWidth)}  Type   Value`,
      ...records.flatMap((r) => [`${r.name.padEnd(nameWidth)}  ${r.type}  ${r.value}`]),
      '',
      ...records.map((r) => `# ${r.name}: ${domainsOf(request, r)}`),
    ]
  }
  return records.flatMap((r) => [
    `# ${domainsOf(request, r)}`,
    `Name   ${r.name}`,
    `Type   ${r.type}`,
    `Value  ${r.value}`,
    '',
  ])
}

/**
 * Sync records: the validation records to create by hand in the domain's DNS, drawn without a
 * frame so they can be selected and copied from a terminal over SSH.
 */
export function RecordsPanel({ request }: RecordsPanelProps) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const { columns } = useTerminalSize()
  const [records, setRecords] = useState<readonly ValidationRecord[] | undefined>(undefined)
  // Reloads when the request changes; a new shell callback needs no reload.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see the line above
  useEffect(() => {
    deck.requests.records(request.id).then(setRecords, (error: unknown) => shell.fail(error))
  }, [deck, request.id])
  useKeys((input, key) => {
    const named = keyName(input, key)
    if (named === KEY.escape || named === KEY.enter) shell.closeDialog()
  }, active)
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Para bold>{`Validation records for ${terminalSafe(request.domain)} — create each in its DNS zone (CNAME)`}</Para>
      <Text> </Text>
      {records === undefined ? <Text>Loading the records…</Text> : null}
      {records?.length === 0 ? (
        <Para>ACM has not given the records yet: they appear seconds after the request (u checks now).</Para>
      ) : null}
      {records && records.length > 0
        ? recordLines(request, records, columns).map((line, i) => <Text key={i}>{line || ' '}</Text>)
        : null}
      <Box flexGrow={1} />
      <Text dimColor wrap="truncate-end">
        Keep the records after issue: ACM renews through them. ⏎/Esc close
      </Text>
    </Box>
  )
}

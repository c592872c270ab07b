import type { Credential } from '@certdeck/core'
import { useMemo } from 'react'
import { ListView } from '../components/ListView.js'
import type { DetailLine } from '../components/DetailsPane.js'
import { useDeck, useShell } from '../context.js'
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js'
import { CredentialDialog } from '../dialogs/CredentialDialog.js'
import { shortDateTime } from '../format.js'
import { useListTab } from '../hooks/use-list-tab.js'
import type { Column } from '../table-model.js'
import type { ViewProps } from './view-props.js'

const credentialId = (c: Credential) => c.id

function columns(active: string | undefined): Column<Credential>[] {
  return [
    { title: '', min: 1, max: 1, weight: 0, priority: 10, cell: (c) => (c.name === active ? '*' : ' ') },
    { title: 'Name', min: 12, weight: 2, priority: 10, cell: (c) => c.name },
    { title: 'Kind', min: 13, max: 13, weight: 0, priority: 8, cell: (c) => c.kind },
    { title: 'Account', min: 12, max: 12, weight: 0, priority: 6, cell: (c) => c.accountId ?? '—' },
    { title: 'Region', min: 9, max: 14, weight: 0, priority: 5, cell: (c) => c.defaultRegion ?? 'us-east-1' },
    { title: 'Endpoint', min: 10, weight: 2, priority: 4, cell: (c) => c.endpoint ?? 'AWS' },
  ]
}

function details(c: Credential): { title: string; lines: DetailLine[] } {
  return {
    title: `Credential ${c.name}`,
    lines: [
      { section: 'Credential' },
      { label: 'Kind', value: c.kind },
      { label: 'Access key id', value: c.accessKeyId ?? '—' },
      { label: 'Secret key', value: c.secretAccessKey ? 'sealed in the vault' : '—' },
      { label: 'Profile', value: c.profile ?? '—' },
      { label: 'Role', value: c.roleArn ?? '—' },
      { label: 'Endpoint', value: c.endpoint ?? 'AWS (or AWS_ENDPOINT_URL)' },
      { label: 'Default region', value: c.defaultRegion ?? 'us-east-1' },
      { label: 'Account', value: c.accountId ?? 'learned on first use' },
      { label: 'Added', value: shortDateTime(c.createdAt) },
    ],
  }
}

/** The Credentials tab: AWS credentials; `a` adds one, `u` makes one the active one, `t` tests, `x` removes. */
export function CredentialsView(props: ViewProps) {
  const deck = useDeck()
  const shell = useShell()
  const cols = useMemo(() => columns(shell.activeCredential), [shell.activeCredential])

  const list = useListTab<Credential>(
    props,
    'credentials',
    'No credential yet: press a to add one.',
    (withSelection) => ({
      'cred.add': () => shell.openDialog(<CredentialDialog />),
      'cred.remove': withSelection((c) =>
        shell.openDialog(
          <ConfirmDialog
            title={`Remove credential ${c.name}`}
            question={
              `Remove the credential ${c.name}? Its sealed secrets are deleted from the vault; nothing ` +
              `changes in AWS.`
            }
            confirmLabel="Remove"
            run={async () => {
              await deck.credentials.remove(c.name)
              return `Removed the credential ${c.name}.`
            }}
          />,
        ),
      ),
      'cred.use': withSelection((c) => {
        shell.setActiveCredential(c.name)
        // Kept in the repository: the CLI's commands and the next start use it too.
        deck.credentials.use(c.name).then(
          () => shell.notify(`${c.name} is now the active credential.`),
          (error: unknown) => shell.fail(error),
        )
      }),
      'cred.test': withSelection((c) => {
        shell.progress(`Testing ${c.name}…`)
        deck.credentials.test(c.name).then(
          (result) => {
            shell.notify(`${c.name} works${result.accountId ? ` (account ${result.accountId})` : ''}.`)
            // The test records the account it reached: show it in the Account column now.
            shell.refresh()
          },
          (error: unknown) => shell.fail(error),
        )
      }),
    }),
  )

  return (
    <ListView
      {...list}
      items={props.data.credentials}
      columns={cols}
      getId={credentialId}
      details={details}
      emptyText="No AWS credentials yet. Press a to add one (the secret key is typed masked and sealed in the vault)."
    />
  )
}

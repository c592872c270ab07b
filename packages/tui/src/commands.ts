import { CHAR } from './keys.js'

/** The tabs, in the order of their number keys. */
export const TABS = [
  { id: 'certificates', title: 'Certificates' },
  { id: 'aws', title: 'AWS' },
  { id: 'requests', title: 'Requests' },
  { id: 'credentials', title: 'Credentials' },
  { id: 'dns', title: 'DNS' },
  { id: 'audit', title: 'Audit' },
  { id: 'automation', title: 'Automation' },
] as const

/** A tab id. */
export type TabId = (typeof TABS)[number]['id']

/** Where a command applies: everywhere, in every table, or in one tab. */
export type CommandScope = 'global' | 'table' | TabId

/** A command: reachable from its key (when it has one) and always from the palette. */
export interface CommandSpec {
  readonly id: string
  readonly scope: CommandScope
  readonly title: string
  /** The printable key that runs it in its scope. */
  readonly key?: string
  /** How the key is written in the footer and help. @default key */
  readonly keyLabel?: string
  /** The word the footer shows after the key. @default the title's first word, lower case */
  readonly footer?: string
  readonly help: string
}

/**
 * The actions of the details menu (`m`) as commands of their own, so that the palette reaches
 * each by name ("renew", "revoke"…); they open the menu on the selected row and run the action.
 */
function menuActionCommands(scope: 'certificates' | 'aws', prefix: string): CommandSpec[] {
  const actions = [
    ['renew', 'Renew', 'r', 'Renew the selected private certificate (ACM Private CA signs a new one)'],
    ['revoke', 'Revoke', 'v', 'Revoke the selected private or exported certificate (asks for its name)'],
    ['retrieve', 'Retrieve private key', 'p', 'Export the key from ACM (charged) and seal it in the vault'],
    ...(scope === 'aws'
      ? [['delete', 'Delete from CertDeck (ACM keeps it)', 'x', 'Forget the entry and its cloud record']]
      : []),
    ['request', 'Open its request', 'o', 'Show the request of the selected certificate in the Requests tab'],
  ] as const
  return actions.map(([action, title, key, help]) => ({
    id: `${prefix}.${action}`,
    scope,
    title,
    keyLabel: `m ${key}`,
    help,
  }))
}

const tabCommands: CommandSpec[] = TABS.map((tab, i) => ({
  id: `tab.${tab.id}`,
  scope: 'global',
  title: `Go to ${tab.title}`,
  key: String(i + 1),
  help: `Show the ${tab.title} tab`,
}))

/** Every command of the TUI; footer, help overlay, palette and key dispatch all read this list. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    id: 'cert.deploy',
    scope: 'certificates',
    title: 'Deploy to AWS ACM',
    key: 'd',
    help: 'Import the selected certificate into ACM in one or more regions',
  },
  {
    id: 'cert.menu',
    scope: 'certificates',
    title: 'Actions in ACM',
    key: 'm',
    footer: 'menu',
    help: 'Renew, revoke, retrieve the private key, delete, open its request',
  },
  ...menuActionCommands('certificates', 'cert'),
  {
    id: 'cert.import',
    scope: 'certificates',
    title: 'Import certificate',
    key: 'i',
    help: 'Import PEM or PKCS#12 files into the repository',
  },
  {
    id: 'cert.create',
    scope: 'certificates',
    title: 'Create certificate',
    key: 'c',
    help: 'Generate a key and a self-signed certificate or a CSR',
  },
  {
    id: 'cert.export',
    scope: 'certificates',
    title: 'Export certificate',
    key: 'e',
    help: 'Write the selected certificate (optionally with its key) to a file',
  },
  {
    id: 'cert.tag',
    scope: 'certificates',
    title: 'Tag certificate',
    key: 't',
    help: 'Set or remove tags of the selected certificate',
  },
  {
    id: 'cert.delete',
    scope: 'certificates',
    title: 'Delete certificate',
    key: 'x',
    help: 'Delete the selected certificate from the local repository (never a cloud copy)',
  },
  {
    id: 'cert.revoked',
    scope: 'certificates',
    title: 'Show or hide revoked certificates',
    key: 'v',
    footer: 'revoked',
    help: 'Revoked entries leave the list (as in certs list); v shows them again, marked, and hides them',
  },
  {
    id: 'aws.discover',
    scope: 'aws',
    title: 'Discover cloud certificates',
    key: 'd',
    help: 'Scan ACM regions and IAM for certificates',
  },
  {
    id: 'aws.health',
    scope: 'aws',
    title: 'Renewal at risk only',
    key: 'h',
    footer: 'health',
    help: 'Show only Amazon-issued certificates whose renewal is at risk or failing (again: all)',
  },
  {
    id: 'aws.menu',
    scope: 'aws',
    title: 'Actions in ACM',
    key: 'm',
    footer: 'menu',
    help: 'Renew, revoke, retrieve the private key, delete, open its request',
  },
  ...menuActionCommands('aws', 'aws'),
  {
    id: 'req.public',
    scope: 'requests',
    title: 'Request public certificate',
    key: 'n',
    footer: 'public',
    help: 'Ask ACM for an Amazon-issued certificate (DNS or email validation)',
  },
  {
    id: 'req.private',
    scope: 'requests',
    title: 'Request private certificate',
    key: 'p',
    footer: 'private',
    help: 'Ask ACM for a certificate signed by an ACM Private CA',
  },
  {
    id: 'req.challenge',
    scope: 'requests',
    title: 'Deploy challenge',
    key: 'c',
    footer: 'challenge',
    help: 'Write the validation records through a DNS provider and wait until in sync',
  },
  {
    id: 'req.records',
    scope: 'requests',
    title: 'Sync records',
    key: 'y',
    footer: 'records',
    help: 'Show the validation records to create by hand (name, type, value)',
  },
  {
    id: 'req.check',
    scope: 'requests',
    title: 'Check now',
    key: 'u',
    footer: 'check',
    help: 'Ask ACM where the selected request stands now',
  },
  {
    id: 'req.resend',
    scope: 'requests',
    title: 'Resend validation email',
    key: 'e',
    footer: 'email',
    help: 'Send the validation email again (within 72 hours)',
  },
  {
    id: 'cred.add',
    scope: 'credentials',
    title: 'Add credential',
    key: 'a',
    help: 'Add an AWS credential (the secret key is typed masked and sealed)',
  },
  {
    id: 'cred.use',
    scope: 'credentials',
    title: 'Use as active credential',
    key: 'u',
    help: 'Make the selected credential the default of dialogs',
  },
  {
    id: 'cred.test',
    scope: 'credentials',
    title: 'Test credential',
    key: 't',
    help: 'Make one cheap call with the selected credential',
  },
  {
    id: 'cred.remove',
    scope: 'credentials',
    title: 'Remove credential',
    key: 'x',
    help: 'Forget the selected credential and its sealed secrets',
  },
  {
    id: 'dns.add',
    scope: 'dns',
    title: 'Add DNS provider',
    key: 'a',
    help: 'Configure a DNS provider of a loaded plugin (Route 53, hook)',
  },
  {
    id: 'dns.test',
    scope: 'dns',
    title: 'Test DNS provider',
    key: 't',
    help: 'List the zones the selected provider can write to',
  },
  {
    id: 'dns.remove',
    scope: 'dns',
    title: 'Remove DNS provider',
    key: 'x',
    help: 'Forget the selected DNS provider (its records stay)',
  },
  {
    id: 'auto.add',
    scope: 'automation',
    title: 'Add notification channel',
    key: 'a',
    help: 'Add an email, webhook or command channel',
  },
  {
    id: 'auto.test',
    scope: 'automation',
    title: 'Test notification channel',
    key: 't',
    help: "Send a sample digest through the selected channel and show the server's answer",
  },
  {
    id: 'auto.remove',
    scope: 'automation',
    title: 'Remove notification channel',
    key: 'x',
    help: 'Remove the selected channel',
  },
  {
    id: 'auto.rules',
    scope: 'automation',
    title: 'Edit notification rules',
    key: 'e',
    footer: 'rules',
    help: 'Thresholds, ACM-renewed thresholds, stuck time',
  },
  {
    id: 'auto.run',
    scope: 'automation',
    title: 'Run due watch tasks now',
    key: 'w',
    footer: 'watch',
    help: 'Run every due task once (as certdeck watch --once)',
  },
  {
    id: 'table.details',
    scope: 'table',
    title: 'Open details',
    keyLabel: '⏎',
    help: 'Everything about the selected row (Esc goes back)',
  },
  {
    id: 'table.filter',
    scope: 'table',
    title: 'Filter rows',
    key: CHAR.filter,
    help: 'Live filter across all columns (Esc clears, ⏎ keeps it)',
  },
  { id: 'table.sort', scope: 'table', title: 'Sort by next column', key: CHAR.sort, help: 'Cycle the sort column' },
  {
    id: 'table.sortReverse',
    scope: 'table',
    title: 'Reverse sort order',
    key: CHAR.sortReverse,
    help: 'Flip ascending and descending',
  },
  {
    id: 'table.top',
    scope: 'table',
    title: 'Go to first row',
    key: CHAR.top,
    help: 'Jump to the first row (also Home)',
  },
  {
    id: 'table.bottom',
    scope: 'table',
    title: 'Go to last row',
    key: CHAR.bottom,
    help: 'Jump to the last row (also End)',
  },
  ...tabCommands,
  { id: 'tab.prev', scope: 'global', title: 'Previous tab', key: CHAR.prevTab, help: 'Show the tab on the left' },
  { id: 'tab.next', scope: 'global', title: 'Next tab', key: CHAR.nextTab, help: 'Show the tab on the right' },
  { id: 'app.refresh', scope: 'global', title: 'Reload data', key: CHAR.refresh, help: 'Read the repository again' },
  { id: 'app.palette', scope: 'global', title: 'Command palette', key: CHAR.palette, help: 'Run any command by name' },
  { id: 'app.help', scope: 'global', title: 'Help', key: CHAR.help, help: 'Keys of the current view' },
  { id: 'app.quit', scope: 'global', title: 'Quit', key: CHAR.quit, help: 'Leave CertDeck' },
]

/** Keys of list navigation, for the help overlay (handled by every table). */
export const NAVIGATION_HELP: readonly { readonly keys: string; readonly help: string }[] = [
  { keys: '↑↓ j k', help: 'Move the selection' },
  { keys: 'PgUp PgDn', help: 'Move a page' },
  { keys: 'Esc', help: 'Back / clear filter / close' },
]

/** The commands of one tab. */
export function tabCommandsOf(tab: TabId): CommandSpec[] {
  return COMMANDS.filter((c) => c.scope === tab)
}

/**
 * The command a printable key runs in `tab`: the tab's own first, then global ones. Table keys
 * are not returned: every table handles them itself.
 */
export function commandForKey(tab: TabId, input: string): CommandSpec | undefined {
  if (input.length !== 1) return undefined
  return (
    COMMANDS.find((c) => c.scope === tab && c.key === input) ??
    COMMANDS.find((c) => c.scope === 'global' && c.key === input)
  )
}

import { CommanderError } from 'commander'

/** Commands whose domain is their positional argument. */
const DOMAIN_COMMANDS = [
  ['request', 'public'],
  ['request', 'private'],
] as const

/**
 * A better hint than "unknown option" for a flag users reach for by habit: `--domain NAME` on
 * `request public|private` (the domain is the positional argument) gets the corrected command
 * line. `undefined` when the error is something else.
 */
export function usageHint(argv: readonly string[], error: unknown): string | undefined {
  if (!(error instanceof CommanderError) || error.code !== 'commander.unknownOption') return undefined
  if (!/'--domain(=|')/.test(error.message)) return undefined
  const command = DOMAIN_COMMANDS.find(([group, kind]) => {
    const at = argv.indexOf(group)
    return at >= 0 && argv[at + 1] === kind
  })
  if (!command) return undefined
  const at = argv.findIndex((arg) => arg === '--domain' || arg.startsWith('--domain='))
  const inline = argv[at].startsWith('--domain=')
  const domain = inline ? argv[at].slice('--domain='.length) : argv[at + 1]
  if (!domain || domain.startsWith('-')) return undefined
  const rest = argv.filter((_, i) => i !== at && (inline || i !== at + 1))
  const head = rest.indexOf(command[0]) + 2
  const corrected = [...rest.slice(0, head), domain, ...rest.slice(head)]
  return `The domain is the command's argument, not an option. Run: certdeck ${corrected.map(shellWord).join(' ')}`
}

/** `word` quoted for a POSIX shell when it holds anything but plain characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./*-]+$/.test(word) && !word.includes('*') ? word : `'${word.replaceAll("'", "'\\''")}'`
}

/**
 * Core's messages end with what to do, written for the command line (`certdeck requests records
 * r1`). Where the TUI has a key for that, the TUI says the key instead: one rule per command,
 * its arguments optional, backticks optional; a `Run`/`run` before it becomes `Press`/`press`.
 */
/** A name argument (a trailing full stop ends the sentence, not the name). */
const NAME = '[\\w@-]+(?:\\.[\\w@-]+)*'

const TUI_KEYS: readonly (readonly [command: string, args: string, tui: string])[] = [
  ['requests records', '[\\w-]+', 'y in the Requests tab'],
  ['requests refresh', '[\\w-]+', 'u in the Requests tab'],
  ['requests list', '', 'the Requests tab'],
  ['certs list', '', 'the Certificates tab'],
  ['certs import', 'CERT KEY', 'i in the Certificates tab'],
  ['discover', '--bodies', 'd in the AWS tab'],
  ['credentials add', 'NAME --kind …|NAME', 'a in the Credentials tab'],
  ['credentials use', NAME, 'u in the Credentials tab'],
  ['credentials remove', NAME, 'x in the Credentials tab'],
  ['dns add', '', 'a in the DNS tab'],
  ['dns remove', NAME, 'x in the DNS tab'],
  ['notify add', '', 'a in the Automation tab'],
  ['notify remove', NAME, 'x in the Automation tab'],
  ['notify list', '', 'the Automation tab'],
  ['watch status', '', 'the Automation tab'],
]

const RULES = TUI_KEYS.map(([command, args, tui]) => ({
  pattern: new RegExp(`(\\b[Rr]un )?\`?certdeck ${command}${args ? `(?: (?:${args}))?` : ''}\`?(?![\\w-])`, 'g'),
  tui,
}))

/** `message` with each CLI command that the TUI has a key for said as that key. */
export function tuiWording(message: string): string {
  let text = message
  for (const { pattern, tui } of RULES) {
    text = text.replace(pattern, (_, run: string | undefined) =>
      run ? `${run.startsWith('R') ? 'Press' : 'press'} ${tui}` : tui,
    )
  }
  return text
}

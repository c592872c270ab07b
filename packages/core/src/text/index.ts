/** Text helpers the CLI loads without the rest of core (start-up stays light). */
export { terminalSafe, terminalSafeJson } from './terminal-safe.js'

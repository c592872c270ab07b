import { Option } from 'commander'

/** The parsed `--json` flag every command has. */
export interface JsonFlag {
  readonly json?: boolean
}

/** `--json`: print the result (or the error) as JSON on stdout. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as JSON on stdout')
}

/** `--force`: replace an existing output file. */
export function forceOption(): Option {
  return new Option('--force', 'overwrite FILE if it exists')
}

import { Option } from 'commander'

/** The parsed `--json` flag every command has. */
export interface JsonFlag {
  readonly json?: boolean
}

/** `--json`: print the result (or the error) as JSON on stdout. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as JSON on stdout')
}

/** The parsed `--allow-unknown-region` flag of commands that take regions. */
export interface RegionFlags {
  readonly allowUnknownRegion?: boolean
}

/**
 * `--allow-unknown-region`: accept a well-spelled region CertDeck does not list yet. Commands
 * that take `--region`/`--regions` add it and pass `allowUnknownRegion` to core, which checks
 * every region with `checkRegion`.
 */
export function allowUnknownRegionOption(): Option {
  return new Option('--allow-unknown-region', 'accept a region this CertDeck does not list yet (a newly launched one)')
}

/** The facade option of the flag, present only when set. */
export function regionCheck(flags: RegionFlags): { allowUnknownRegion?: true } {
  return flags.allowUnknownRegion ? { allowUnknownRegion: true } : {}
}

/** `--force`: replace an existing output file. */
export function forceOption(): Option {
  return new Option('--force', 'overwrite FILE if it exists')
}

/** The parsed `--credential` flag; absent means the default credential. */
export interface CredentialFlag {
  readonly credential?: string
}

/**
 * `--credential NAME`: the AWS credential of the call. Optional: without it the default one
 * (`certdeck credentials use NAME`) or the only one is used; with several and no default the
 * error lists them.
 */
export function credentialOption(what = 'the credential of the account'): Option {
  return new Option('--credential <name>', `${what} (default: the default credential, or the only one)`)
}

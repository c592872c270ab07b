import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { registerCertsCreateCommands } from './certs-create.js'
import { registerCertsEditCommands } from './certs-edit.js'
import { registerCertsExportCommand } from './certs-export.js'
import { registerCertsImportCommand } from './certs-import.js'
import { registerCertsReadCommands } from './certs-read.js'

/** `certs …`: the local certificate repository. */
export function registerCertsCommands(program: Command, ctx: CommandContext): void {
  const certs = program.command('certs').description('the local certificate repository')
  registerCertsReadCommands(certs, ctx)
  registerCertsImportCommand(certs, ctx)
  registerCertsCreateCommands(certs, ctx)
  registerCertsExportCommand(certs, ctx)
  registerCertsEditCommands(certs, ctx)
}

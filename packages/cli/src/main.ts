// reflect-metadata (which tsyringe needs first) is imported by @certdeck/core itself, which the
// commands load only when they need it (./core.ts): `--help` never does.
import { processIo } from './io.js'
import { runCli } from './run.js'

process.exitCode = await runCli(process.argv.slice(2), processIo())

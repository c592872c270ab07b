// reflect-metadata (which tsyringe needs first) is imported by @certdeck/core itself, which the
// commands load only when they need it (./core.ts): `--help` never does.
import { processIo } from './io.js'
import { runCli } from './run.js'

// The AWS SDK warns on stderr, once per process, that its 2027 releases will need Node 22;
// CertDeck runs on Node 20.11+, and the notice would sit in every command's error output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

process.exitCode = await runCli(process.argv.slice(2), processIo())

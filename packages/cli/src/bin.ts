// The bin's entry: checks the Node version before anything else loads (the CLI, Ink and the AWS
// SDK need Node 22.13+ and would otherwise fail with a stack trace from a missing API), then
// loads the CLI. Keep this file free of static imports other than the version check.
import { unsupportedNodeMessage } from './node-support.js'

const refusal = unsupportedNodeMessage(process.versions.node)
if (refusal) {
  process.stderr.write(`${refusal}\n`)
  process.exitCode = 1
} else {
  await import('./main.js')
}

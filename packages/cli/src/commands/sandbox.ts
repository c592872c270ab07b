import type { Command } from 'commander'
import type { CommandContext } from '../context.js'
import { inputError } from '../errors.js'
import { parsePort } from '../parse.js'

/** `sandbox serve`: the loopback AWS endpoint, standalone, until Ctrl-C or SIGTERM. */
export function registerSandboxCommands(program: Command, ctx: CommandContext): void {
  const sandbox = program
    .command('sandbox')
    .description('the embedded AWS sandbox (ACM, ACM-PCA, IAM, Route 53 on 127.0.0.1)')
  sandbox
    .command('serve')
    .description('run the sandbox on 127.0.0.1 until interrupted; point AWS_ENDPOINT_URL at it')
    .option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)', parsePort, 4566)
    .option('--seed <name>', "seed data: 'demo' for a small realistic set")
    .option('--data <file>', 'keep the sandbox state in this JSON file across runs')
    .action(async (options: { port: number; seed?: string; data?: string }) => {
      // Loaded only here: no other command pays for the sandbox.
      const { serveSandbox } = await import('@certdeck/aws-sandbox')
      const running = await serveSandbox({ ...options, out: ctx.io.stdout }).catch((error: unknown) => {
        throw error instanceof RangeError ? inputError('SANDBOX_OPTIONS_INVALID', error.message, error) : error
      })
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      await running.close()
    })
}

import { execFile } from 'node:child_process'
import type { CommandSettings } from '../../domain/notification.js'
import { CertDeckError } from '../../errors.js'
import { type DigestMessage, printable } from './digest.js'
import type { Notifier } from './notifier.js'
import { webhookPayload } from './webhook-payloads.js'

/** @default time-out of a notification script */
export const COMMAND_TIMEOUT_MS = 30_000
const OUTPUT_LIMIT = 64 * 1024

/**
 * A command channel: runs the script (no shell) with the digest as CertDeck's JSON payload on
 * stdin; exit 0 means accepted. Its first output line is the answer.
 */
export function commandNotifier(settings: CommandSettings): Notifier {
  return {
    send(message: DigestMessage, signal?: AbortSignal): Promise<string> {
      const input = JSON.stringify(webhookPayload('json', message))
      const timeout = settings.timeoutMs ?? COMMAND_TIMEOUT_MS
      return new Promise((resolve, reject) => {
        const child = execFile(
          settings.script,
          [],
          { timeout, maxBuffer: OUTPUT_LIMIT, shell: false, ...(signal ? { signal } : {}), killSignal: 'SIGKILL' },
          (error, stdout, stderr) => {
            if (error) {
              const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number }
              const why =
                e.code === 'ENOENT' || e.code === 'EACCES'
                  ? `cannot be run (${e.code}): check the path and that it is executable`
                  : e.killed
                    ? `did not finish within ${timeout / 1000} s and was stopped`
                    : `exited with ${e.code}${stderr ? `: ${printable(String(stderr).trim().slice(0, 200))}` : ''}`
              reject(new CertDeckError('NOTIFY_FAILED', `the script ${settings.script} ${why}`, { kind: 'failure' }))
              return
            }
            resolve(`exit 0${stdout ? `: ${printable(String(stdout).split('\n')[0] ?? '').slice(0, 200)}` : ''}`)
          },
        )
        child.stdin?.on('error', () => undefined)
        child.stdin?.end(input)
      })
    },
  }
}

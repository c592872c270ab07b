import type { WatchApi } from '@certdeck/core'
import { loadCore } from '../core.js'
import { type Command, InvalidArgumentError, Option } from 'commander'
import type { CommandContext } from '../context.js'
import { ExitCode } from '../errors.js'
import { formatTable, writeResult } from '../io.js'
import { type JsonFlag, jsonOption } from './options.js'
import { type LogFormat, noticeLine, taskLogLine } from './watch-log.js'
import { registerWatchConfig } from './watch-config.js'
import { parseListenAddress, watchOf } from './watch-parse.js'

interface WatchFlags extends JsonFlag {
  readonly once?: boolean
  readonly force?: boolean
  readonly logFormat: LogFormat
  readonly metrics?: string
}

function logFormat(text: string): LogFormat {
  if (text === 'text' || text === 'json') return text
  throw new InvalidArgumentError(`'${text}' is not a log format. Accepted: text, json.`)
}

/** Runs the loop until SIGTERM or SIGINT, which let the task in hand finish. */
async function foreground(ctx: CommandContext, watch: WatchApi, flags: WatchFlags): Promise<void> {
  const stop = new AbortController()
  const log = (line: string) => ctx.io.stderr.write(`${line}\n`)
  const onSignal = (signal: string) => {
    if (!stop.signal.aborted) log(noticeLine(`${signal}: stopping after the task in hand`, new Date(), flags.logFormat))
    stop.abort()
  }
  const onTerm = () => onSignal('SIGTERM')
  const onInt = () => onSignal('SIGINT')
  process.on('SIGTERM', onTerm)
  process.on('SIGINT', onInt)
  const deck = await ctx.openDeck()
  const metrics = flags.metrics
    ? await (await loadCore()).startMetricsServer(deck, parseListenAddress(flags.metrics))
    : undefined
  try {
    log(
      noticeLine(
        `started${metrics ? `; metrics on http://${metrics.address}/metrics` : ''}`,
        new Date(),
        flags.logFormat,
      ),
    )
    await watch.run({
      stop: stop.signal,
      onRun: (report) => {
        metrics?.observe(report)
        log(taskLogLine(report, flags.logFormat))
      },
      onNotice: (message) => log(noticeLine(message, new Date(), flags.logFormat)),
      onTick: () => metrics?.tick(),
    })
    log(noticeLine('stopped', new Date(), flags.logFormat))
  } finally {
    process.off('SIGTERM', onTerm)
    process.off('SIGINT', onInt)
    await metrics?.close()
  }
}

/** `watch`, `watch --once`, `watch status`, `watch config`: the scheduler that runs unattended. */
export function registerWatchCommands(program: Command, ctx: CommandContext): void {
  const watch = program
    .command('watch')
    .description(
      'run discovery, request refresh, renewal and notifications on their schedules (foreground; SIGTERM/SIGINT ' +
        'stop it)',
    )
    .option('--once', 'run every due task once and exit (0: all ok, 1: a task failed), for cron or a systemd timer')
    .option('--force', 'with --once: run every task now, due or not')
    .addOption(
      new Option('--log-format <format>', 'one line per task run on stderr: text or json')
        .argParser(logFormat)
        .default('text'),
    )
    .option('--metrics <host:port>', 'serve Prometheus metrics and /healthz there (e.g. 127.0.0.1:9464)')
    .addOption(jsonOption())
    .action(async (flags: WatchFlags) => {
      if (flags.force && !flags.once) throw new InvalidArgumentError('--force goes with --once.')
      if (flags.metrics) parseListenAddress(flags.metrics)
      const api = await watchOf(ctx)
      if (!flags.once) return foreground(ctx, api, flags)
      const reports = await api.runOnce({
        force: flags.force === true,
        onRun: (report) => ctx.io.stderr.write(`${taskLogLine(report, flags.logFormat)}\n`),
      })
      const failed = reports.filter((r) => r.outcome === 'failed')
      writeResult(ctx.io, flags.json, reports, () =>
        reports.length
          ? `${reports.length} task(s) run, ${failed.length} failed.`
          : 'No task was due. (certdeck watch status shows when each runs next; --force runs them now.)',
      )
      if (failed.length) ctx.exitCode = ExitCode.failed
    })

  watch
    .command('status')
    .description("each task's schedule, last run, outcome, next run and last error, and the notifications sent lately")
    .addOption(jsonOption())
    .action(async (_flags: JsonFlag, command: Command) => {
      // `--json` is also an option of `watch` itself, which commander gives it when both have it.
      const flags = command.optsWithGlobals<JsonFlag>()
      const status = await (await watchOf(ctx)).status()
      writeResult(ctx.io, flags.json, status, () =>
        [
          formatTable(
            ['TASK', 'EVERY', 'LAST RUN', 'OUTCOME', 'NEXT RUN', 'LAST ERROR'],
            status.tasks.map((t) => [
              t.id,
              t.every,
              t.lastRunAt ?? 'never',
              t.lastOutcome ? `${t.lastOutcome}${t.failures ? ` (${t.failures}×)` : ''}` : '-',
              t.nextRunAt,
              (t.lastOutcome === 'failed' ? (t.lastError ?? '') : '').replace(/[\p{Cc}]/gu, ' ').slice(0, 60) || '-',
            ]),
          ),
          '',
          status.notifications.length
            ? formatTable(
                ['SENT AT', 'CHANNEL', 'OK', 'EVENTS', 'TITLE / ANSWER'],
                status.notifications.map((n) => [
                  n.at,
                  n.channel,
                  n.ok ? 'yes' : 'NO',
                  String(n.events),
                  (n.ok ? n.title : n.detail).replace(/[\p{Cc}]/gu, ' ').slice(0, 70),
                ]),
              )
            : 'No notification sent yet.',
        ].join('\n'),
      )
    })

  registerWatchConfig(watch, ctx)
}

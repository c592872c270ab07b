/**
 * The sandbox of discovery.bench.ts in its own process, so the figures of each measured client
 * are its own. Driven over IPC: {seed} → report, {calls} → counters, {close}.
 */
import { startSandbox, type SeedOptions } from '@certdeck/aws-sandbox'

const sandbox = await startSandbox({ quotas: true, latencyMs: 30 })

process.on('message', async (message: { seed?: SeedOptions; calls?: true; close?: true }) => {
  if (message.seed) {
    process.send!({ report: await sandbox.control.seed(message.seed) })
  } else if (message.calls) {
    const stats = sandbox.control.stats()
    const sum = (field: 'attempts' | 'throttled') => stats.reduce((n, row) => n + row[field], 0)
    const byOperation: Record<string, number> = {}
    for (const row of stats) byOperation[row.operation] = (byOperation[row.operation] ?? 0) + row.attempts
    sandbox.control.resetStats()
    process.send!({ attempts: sum('attempts'), throttled: sum('throttled'), byOperation })
  } else if (message.close) {
    await sandbox.close()
    process.exit(0)
  }
})
process.send!({ endpoint: sandbox.endpoint })

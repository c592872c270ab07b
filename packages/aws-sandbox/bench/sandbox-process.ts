/**
 * The sandbox side of sandbox.bench.ts, in its own process so that its CPU time is measured apart
 * from the SDK client's. Driven over IPC: {seed} → report, {stats} → CPU and call counts.
 */
import { startSandbox, type SeedOptions } from '../src/index.js'

const sandbox = await startSandbox({ quotas: false })
const cpuMs = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}
const gc = (globalThis as { gc?: () => void }).gc

process.on('message', async (message: { seed?: SeedOptions; stats?: true; close?: true }) => {
  if (message.seed) {
    gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    const cpuBefore = cpuMs()
    const report = await sandbox.control.seed(message.seed)
    gc?.()
    process.send!({
      report,
      cpuMs: cpuMs() - cpuBefore,
      heapMb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024,
    })
  } else if (message.stats) {
    process.send!({ cpuMs: cpuMs(), calls: sandbox.control.calls() })
  } else if (message.close) {
    await sandbox.close()
    process.exit(0)
  }
})
process.send!({ endpoint: sandbox.endpoint })

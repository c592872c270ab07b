#!/usr/bin/env node
// The project's test command: lints (Biome: formatting and lint rules; any finding counts as one
// failed test) and type-checks the whole repository (a type error counts as one failed test; in
// both cases the tests still run), builds every package (some CLI tests and the TUI's
// end-to-end test run the built bin), runs vitest once, and ends with the line
// `N passed, N failed`. Each step says what it starts, since the first ones print nothing when
// all is well. The counts come from vitest's JSON report in a temporary file, which vitest's
// own "report written to" line would name although the file is gone by the end: that line is
// left out.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false })
const step = (text) => console.log(`\n▶ ${text}`)

/** Runs `cmd` with its stdout passed on line by line, except lines matching `hide`. */
function runFiltered(cmd, args, hide) {
  // Piped output is not a terminal: keep the colours a terminal would have had.
  const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : process.env
  const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'inherit'], env })
  createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    if (!hide.test(line)) process.stdout.write(`${line}\n`)
  })
  return new Promise((resolve) => child.on('close', (status) => resolve({ status })))
}

step('Linting (Biome)…')
const lint = run('pnpm', ['--silent', 'lint'])
const lintFailures = lint.status === 0 ? 0 : 1
if (lintFailures) console.log('lint failed (counted as 1 failed): run `pnpm format`, then fix what remains')

step('Type-checking the repository (tsc --noEmit)…')
const typecheck = run('pnpm', ['--silent', 'typecheck'])
const typeFailures = typecheck.status === 0 ? 0 : 1
if (typeFailures) console.log('typecheck failed (counted as 1 failed)')
const checkFailures = lintFailures + typeFailures

step('Building every package (the CLI tests and the TUI end-to-end test run the built bin)…')
const build = run('pnpm', ['--silent', 'build'])
if (build.status !== 0) {
  console.log('build failed')
  console.log(`0 passed, ${1 + checkFailures} failed`)
  process.exit(1)
}

const dir = mkdtempSync(join(tmpdir(), 'certdeck-tests-'))
const report = join(dir, 'vitest.json')
step('Running the tests (vitest)…')
const tests = await runFiltered(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  /JSON report written to/,
)

let passed = 0
let failed = 0
let skipped = 0
try {
  const result = JSON.parse(readFileSync(report, 'utf8'))
  passed = result.numPassedTests
  failed = result.numFailedTests
  skipped = result.numPendingTests + (result.numTodoTests ?? 0)
  // A suite that fails to load has no failed tests of its own: count it so it cannot pass silently.
  failed += result.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length
} catch (error) {
  console.log(`no test report: ${error.message}`)
  failed += 1
}
rmSync(dir, { recursive: true, force: true })
failed += checkFailures

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(tests.status === 0 && failed === 0 && passed > 0 ? 0 : 1)

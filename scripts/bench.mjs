#!/usr/bin/env node
// `pnpm bench`: runs every packages/*/bench/*.bench.ts in turn (or those named in argv, by
// substring), each in its own Node process so their memory figures do not mix.
import { spawnSync } from 'node:child_process'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const filters = process.argv.slice(2)
const benches = readdirSync('packages')
  .map((pkg) => join('packages', pkg, 'bench'))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => join(dir, f)),
  )
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))

let failures = 0
for (const file of benches) {
  console.log(`\n## ${file}\n`)
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { stdio: 'inherit' })
  if (result.status !== 0) failures += 1
}
process.exit(failures ? 1 : 0)

#!/usr/bin/env node
// `pnpm start`: opens CertDeck on the user's repository when one exists, otherwise on the
// embedded sandbox with demo data, so a fresh clone shows every screen without an AWS account.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { resolveDataDir, STORE_FILE } from '../packages/core/dist/index.js'

const hasRepository = existsSync(join(resolveDataDir(), STORE_FILE))
const args = hasRepository ? process.argv.slice(2) : ['--sandbox', ...process.argv.slice(2)]
const result = spawnSync(process.execPath, ['packages/cli/dist/bin.js', ...args], { stdio: 'inherit' })
process.exit(result.status ?? 1)

import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string, file = 'index.ts') => fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url))

export default defineConfig({
  oxc: { decorator: { legacy: true } },
  resolve: {
    alias: [
      { find: /^@certdeck\/core\/testing$/, replacement: src('core', 'testing/index.ts') },
      { find: /^@certdeck\/core\/text$/, replacement: src('core', 'text/index.ts') },
      { find: /^@certdeck\/core$/, replacement: src('core') },
      { find: /^@certdeck\/aws-sandbox$/, replacement: src('aws-sandbox') },
      { find: /^@certdeck\/plugin-acm$/, replacement: src('plugin-acm') },
      { find: /^@certdeck\/plugin-route53$/, replacement: src('plugin-route53') },
      { find: /^@certdeck\/tui$/, replacement: src('tui') },
      { find: /^@certdeck\/store-postgres\/testing$/, replacement: src('store-postgres', 'testing/index.ts') },
      { find: /^@certdeck\/store-postgres$/, replacement: src('store-postgres') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/*/test/**/*.test.{ts,tsx}',
      'examples/*/test/**/*.test.ts',
    ],
    setupFiles: ['./vitest.setup.ts'],
    // One PostgreSQL server for the run (the store-postgres tests create a database each).
    globalSetup: ['./packages/store-postgres/test/support/postgres-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites wait on loopback HTTP, child processes or a pseudo-terminal rather than the CPU:
    // on a 2-core machine vitest's default (cores - 1 = one worker) runs them one after another.
    maxWorkers: Math.max(2, availableParallelism()),
  },
})

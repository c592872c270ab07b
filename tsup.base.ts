import type { Options } from 'tsup'

/**
 * The build every package shares: ESM for Node 22.13+ with declarations and source maps, its own
 * `tsconfig.build.json` (the root tsconfig maps the workspace packages to their sources, which
 * must not be bundled), and every dependency left as an import resolved at run time.
 */
export function packageBuild(entry: Options['entry'], overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    target: 'node22',
    platform: 'node',
    clean: true,
    sourcemap: true,
    tsconfig: 'tsconfig.build.json',
    skipNodeModulesBundle: true,
    ...overrides,
  }
}

import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  // Only this package's sources: the root tsconfig maps the other packages to their sources.
  tsconfig: 'tsconfig.build.json',
  // Dependencies (the AWS SDK, @certdeck/core) stay imports, resolved at run time.
  skipNodeModulesBundle: true,
})

import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  // Only this package's sources: the root tsconfig also covers the other packages.
  tsconfig: 'tsconfig.build.json',
  // Dependencies (Ink, React, @certdeck/core…) stay imports, resolved at run time.
  skipNodeModulesBundle: true,
})

import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/bin.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  // Not the root tsconfig: its paths map the workspace packages to their sources, which must
  // not be bundled. Every dependency stays an import, resolved at run time (workspace ones to
  // their dist).
  tsconfig: 'tsconfig.build.json',
  skipNodeModulesBundle: true,
})

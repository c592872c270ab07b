import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

export default defineConfig(
  packageBuild({ index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'text/index': 'src/text/index.ts' }),
)
